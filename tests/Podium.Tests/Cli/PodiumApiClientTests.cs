using System.Text.Json;
using Podium.Platform.Cli;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Cli;

/// <summary>What later CLI commands call the API with: the stored credential, renewed when it expires.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PodiumApiClientTests : IAsyncLifetime
{
    private readonly TestClock _clock = new();
    private FakePodiumApi _server = null!;
    private string _directory = null!;
    private CliCredentialStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await FakePodiumApi.StartAsync();
        _directory = Directory.CreateTempSubdirectory("podium-credentials-").FullName;
        _store = new CliCredentialStore(Path.Combine(_directory, "podium", CliCredentialStore.FileName));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<(string Access, string Refresh)> SignedInWithPasswordAsync()
    {
        var (access, refresh) = _server.Issue();
        await _store.SaveAsync(new CliCredentials
        {
            Url = _server.Url.ToString().TrimEnd('/'),
            AccessToken = access,
            AccessTokenExpiresAt = _clock.GetUtcNow().UtcDateTime.AddMinutes(15),
            RefreshToken = refresh,
            RefreshTokenExpiresAt = _clock.GetUtcNow().UtcDateTime.AddDays(30),
        }, Ct);
        return (access, refresh);
    }

    private Task<PodiumApiClient> ClientAsync() => PodiumApiClient.ForSignedInUserAsync(_store, _clock, Ct);

    [Fact]
    public async Task Get_WithAFreshAccessToken_UsesItWithoutRenewing()
    {
        var (access, _) = await SignedInWithPasswordAsync();
        using var client = await ClientAsync();

        (await client.GetFromJsonAsync<JsonElement>("/api/v1/fights", Ct)).GetProperty("ok").GetBoolean().ShouldBeTrue();

        _server.Refreshes.ShouldBe(0);
        (await _store.LoadAsync(Ct))!.AccessToken.ShouldBe(access);
    }

    [Fact]
    public async Task Get_AfterTheAccessTokenExpired_RenewsOnceAndKeepsTheNewPair()
    {
        var (_, refresh) = await SignedInWithPasswordAsync();
        _clock.Advance(TimeSpan.FromMinutes(16));
        using var client = await ClientAsync();

        (await client.GetFromJsonAsync<JsonElement>("/api/v1/fights", Ct)).GetProperty("ok").GetBoolean().ShouldBeTrue();
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/fights", Ct)).GetProperty("ok").GetBoolean().ShouldBeTrue();

        _server.Refreshes.ShouldBe(1);
        _server.Calls.ShouldContain($"POST /api/v1/auth/refresh {{\"refreshToken\":\"{refresh}\"}}");
        var stored = (await _store.LoadAsync(Ct))!;
        stored.RefreshToken.ShouldNotBe(refresh);
        _server.IsLive(stored.RefreshToken!).ShouldBeTrue();
        stored.AccessTokenExpiresAt!.Value.ShouldBe(_clock.GetUtcNow().UtcDateTime.AddMinutes(15), TimeSpan.FromSeconds(5));
        File.GetUnixFileMode(_store.Path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task Get_FromTwoCommandsAtOnceAfterExpiry_RenewsOnlyOnce()
    {
        await SignedInWithPasswordAsync();
        _clock.Advance(TimeSpan.FromMinutes(16));
        using var first = await ClientAsync();
        using var second = await ClientAsync();

        // A refresh token works once: a second renewal with the same one would be refused (and, on the real server,
        // revoke the whole sign-in), so the second command must take the pair the first one stored.
        var answers = await Task.WhenAll(
            first.GetFromJsonAsync<JsonElement>("/api/v1/fights", Ct),
            second.GetFromJsonAsync<JsonElement>("/api/v1/fights", Ct));

        answers.ShouldAllBe(a => a.GetProperty("ok").GetBoolean());
        _server.Refreshes.ShouldBe(1);
    }

    [Fact]
    public async Task Get_WhenTheServerNoLongerRenews_SaysToSignInAgain()
    {
        var (_, refresh) = await SignedInWithPasswordAsync();
        using var http = new HttpClient();
        await http.PostAsync(new Uri(_server.Url, "/api/v1/auth/revoke"), System.Net.Http.Json.JsonContent.Create(new { refreshToken = refresh }), Ct);
        _clock.Advance(TimeSpan.FromMinutes(16));
        using var client = await ClientAsync();

        var refused = await Should.ThrowAsync<CliException>(() => client.GetFromJsonAsync<JsonElement>("/api/v1/fights", Ct));

        refused.Message.ShouldContain("The refresh token is not valid.");
        refused.Message.ShouldContain("run `podium login --url");
    }

    [Fact]
    public async Task Get_WithAnApiKey_SendsItAndNeverRenews()
    {
        await _store.SaveAsync(new CliCredentials { Url = _server.Url.ToString().TrimEnd('/'), ApiKey = FakePodiumApi.ApiKey }, Ct);
        _clock.Advance(TimeSpan.FromDays(365));
        using var client = await ClientAsync();

        (await client.GetFromJsonAsync<JsonElement>("/api/v1/fights", Ct)).GetProperty("ok").GetBoolean().ShouldBeTrue();

        _server.Refreshes.ShouldBe(0);
    }

    [Fact]
    public async Task Create_WhenNobodySignedIn_SaysHowTo()
    {
        var missing = await Should.ThrowAsync<CliException>(ClientAsync);

        missing.Message.ShouldContain("podium login --url");
    }
}
