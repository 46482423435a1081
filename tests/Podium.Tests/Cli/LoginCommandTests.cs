using System.Text.Json;
using Podium.Platform.Cli;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Cli;

/// <summary><c>podium login</c> and <c>logout</c>, run as the real binary against a server implementing the token contract.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LoginCommandTests : IAsyncLifetime
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerReadWrite | UnixFileMode.UserExecute;

    private FakePodiumApi _server = null!;
    private string _configHome = null!;

    private string CredentialsPath => Path.Combine(_configHome, "podium", CliCredentialStore.FileName);

    /// <summary>Only the config folder: the user's real ~/.config is never touched.</summary>
    private Dictionary<string, string> Environment => new() { ["XDG_CONFIG_HOME"] = _configHome };

    private string Url => _server.Url.ToString().TrimEnd('/');

    public async ValueTask InitializeAsync()
    {
        _server = await FakePodiumApi.StartAsync();
        _configHome = Directory.CreateTempSubdirectory("podium-config-").FullName;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_configHome, recursive: true);
    }

    private Task<PodiumProcess.Result> LoginAsync(string input, params string[] options) =>
        PodiumProcess.RunWithInputAsync(Environment, input, ["login", "--url", Url, .. options]);

    private JsonElement Stored() => JsonDocument.Parse(File.ReadAllText(CredentialsPath)).RootElement;

    [Fact]
    public async Task Login_WithAnApiKeyFromStdin_ChecksItAndKeepsItReadableByTheOwnerOnly()
    {
        // A folder someone made with the usual 0755 is closed to others too.
        Directory.CreateDirectory(Path.Combine(_configHome, "podium"), OwnerOnlyDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var result = await LoginAsync(FakePodiumApi.ApiKey + "\n", "--api-key-stdin");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain($"Signed in to {Url} as {FakePodiumApi.DisplayName} with an API key.");
        result.Output.ShouldNotContain(FakePodiumApi.ApiKey);
        File.GetUnixFileMode(CredentialsPath).ShouldBe(OwnerReadWrite);
        File.GetUnixFileMode(Path.GetDirectoryName(CredentialsPath)!).ShouldBe(OwnerOnlyDirectory);
        Stored().GetProperty("url").GetString().ShouldBe(Url);
        Stored().GetProperty("apiKey").GetString().ShouldBe(FakePodiumApi.ApiKey);
        Stored().TryGetProperty("refreshToken", out _).ShouldBeFalse();
        _server.Calls.ShouldContain("GET /api/v1/me");
        Directory.GetFiles(Path.GetDirectoryName(CredentialsPath)!).Select(Path.GetFileName).ShouldBe([CliCredentialStore.FileName]);
    }

    [Fact]
    public async Task Login_WithoutEmail_OffersThePastedApiKey()
    {
        var result = await LoginAsync("\n" + FakePodiumApi.ApiKey + "\n");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Error.ShouldContain("API key: ");
        Stored().GetProperty("apiKey").GetString().ShouldBe(FakePodiumApi.ApiKey);
    }

    [Theory]
    [InlineData("pod_not-a-key-the-server-knows\n")]
    [InlineData("\n")]
    public async Task Login_WithAnApiKeyTheServerRefuses_SaysSoAndStoresNothing(string input)
    {
        var result = await LoginAsync(input, "--api-key-stdin");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldStartWith("error: ");
        result.Error.TrimEnd().ShouldNotContain("\n");
        File.Exists(CredentialsPath).ShouldBeFalse();
    }

    [Fact]
    public async Task Login_WithPassword_StoresTheTokenPairWithoutAskingForACode()
    {
        var result = await LoginAsync(FakePodiumApi.Password + "\n", "--email", FakePodiumApi.Email);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain($"as {FakePodiumApi.DisplayName} with your password");
        result.Error.ShouldNotContain("code", Case.Insensitive);
        var stored = Stored();
        _server.IsLive(stored.GetProperty("refreshToken").GetString()!).ShouldBeTrue();
        stored.GetProperty("accessToken").GetString().ShouldStartWith("at_");
        stored.GetProperty("accessTokenExpiresAt").GetDateTime().ShouldBeInRange(DateTime.UtcNow.AddMinutes(14), DateTime.UtcNow.AddMinutes(16));
        stored.TryGetProperty("apiKey", out _).ShouldBeFalse();
        stored.ToString().ShouldNotContain(FakePodiumApi.Password);
        File.GetUnixFileMode(CredentialsPath).ShouldBe(OwnerReadWrite);
        _server.Calls.Count(c => c.StartsWith("POST /api/v1/auth/token", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task Login_WhenTheAccountHasTwoFactor_AsksForTheCodeAgainUntilItIsRight()
    {
        _server.TwoFactor = true;

        var result = await LoginAsync($"{FakePodiumApi.Password}\n000000\n{FakePodiumApi.Code}\n", "--email", FakePodiumApi.Email);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Error.Split("Authenticator code: ").Length.ShouldBe(3);
        result.Error.ShouldContain("That code was not accepted (The authenticator code is wrong or has expired.)");
        var attempts = _server.Calls.Where(c => c.StartsWith("POST /api/v1/auth/token", StringComparison.Ordinal)).ToList();
        attempts.Count.ShouldBe(3);
        attempts[0].ShouldNotContain("\"code\"");
        attempts[2].ShouldContain($"\"code\":\"{FakePodiumApi.Code}\"");
        _server.IsLive(Stored().GetProperty("refreshToken").GetString()!).ShouldBeTrue();
    }

    [Fact]
    public async Task Login_WithAWrongPassword_SaysSoWithoutAskingForACodeAndStoresNothing()
    {
        _server.TwoFactor = true;

        var result = await LoginAsync("not the password\n123456\n", "--email", FakePodiumApi.Email);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain($"error: {Url} did not sign you in: The e-mail address or password is wrong.");
        result.Error.ShouldNotContain("Authenticator code");
        File.Exists(CredentialsPath).ShouldBeFalse();
    }

    [Theory]
    [InlineData("http://podium.example.org", "must use https://")]
    [InlineData("podium.example.org", "must be the server's address")]
    [InlineData("ftp://podium.example.org", "must be the server's address")]
    public async Task Login_ToAnAddressThatWouldExposeTheCredential_IsRefusedBeforeAsking(string url, string message)
    {
        var result = await PodiumProcess.RunWithInputAsync(Environment, FakePodiumApi.ApiKey + "\n", "login", "--url", url, "--api-key-stdin");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain(message);
        File.Exists(CredentialsPath).ShouldBeFalse();
    }

    [Fact]
    public async Task Logout_RevokesTheRefreshTokenAndRemovesTheFile()
    {
        (await LoginAsync(FakePodiumApi.Password + "\n", "--email", FakePodiumApi.Email)).ExitCode.ShouldBe(0);
        var refreshToken = Stored().GetProperty("refreshToken").GetString()!;

        var result = await PodiumProcess.RunAsync(Environment, "logout");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain($"Signed out of {Url}");
        File.Exists(CredentialsPath).ShouldBeFalse();
        _server.IsLive(refreshToken).ShouldBeFalse();
        (await PodiumProcess.RunAsync(Environment, "logout")).Output.ShouldContain("Not signed in");
    }
}
