using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Club;
using Podium.Platform.Identity;
using Podium.Platform.Security;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Security;

/// <summary>
/// Public data read with the caller's rights (<c>RequireScopeWhenSignedIn</c>, the club's schedule here): a credential
/// that is sent but refused fails the request, as on every other endpoint, instead of quietly getting the anonymous view.
/// </summary>
public abstract class PresentedCredentialTests(AppFixture fixture)
{
    private const string PublicPath = "/api/v1/club/tournaments";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> KeyAsync(string? networks = null, bool signed = false)
    {
        var owner = (await TestUsers.CreateAsync(fixture.App, $"key-{Guid.NewGuid():N}@example.org")).User;
        await using var scope = fixture.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>()
            .CreateAsync(owner, owner.Id, new ApiKeyRequest("script", [ClubScopes.Read], null, networks, signed), Ct);
        created.Errors.ShouldBeEmpty();
        return created.Value!.Secret;
    }

    private async Task<HttpResponseMessage> GetAsync(Action<HttpRequestHeaders> credential)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, PublicPath);
        credential(request.Headers);
        return await fixture.CreateClient().SendAsync(request, Ct);
    }

    [Fact]
    public async Task PublicEndpoint_WithAValidKeyOrNone_Answers()
    {
        var key = await KeyAsync();

        (await GetAsync(_ => { })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await GetAsync(h => h.Add(ApiKeyAuthenticationHandler.HeaderName, key))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PublicEndpoint_WithAKeyUsedFromANetworkItIsLimitedAwayFrom_Gets403()
    {
        var key = await KeyAsync(networks: "10.0.0.0/8");

        var response = await GetAsync(h => h.Add(ApiKeyAuthenticationHandler.HeaderName, key));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task PublicEndpoint_WithAKeyThatMustSignSentUnsigned_Gets401SayingWhy()
    {
        var key = await KeyAsync(signed: true);

        var response = await GetAsync(h => h.Authorization = new AuthenticationHeaderValue("Bearer", key));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldContain(RequestSignatures.TimestampHeader);
    }

    [Fact]
    public async Task PublicEndpoint_WithAKeyWhoseChecksumIsWrong_Gets401()
    {
        var key = await KeyAsync();
        var mistyped = key[..10] + (key[10] == 'A' ? 'B' : 'A') + key[11..];

        var response = await GetAsync(h => h.Add(ApiKeyAuthenticationHandler.HeaderName, mistyped));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("invalid_token");
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [InlineData("Bearer", "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")]
    [InlineData("Basic", "cm9iaW46aHVudGVyMg==")]
    public async Task PublicEndpoint_WithAnAuthorizationHeaderItCannotAccept_Gets401(string scheme, string value)
    {
        var response = await GetAsync(h => h.Authorization = new AuthenticationHeaderValue(scheme, value));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("Bearer");
    }
}

public sealed class PresentedCredentialTests_Sqlite(SqliteAppFixture fixture) : PresentedCredentialTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PresentedCredentialTests_Postgres(PostgresAppFixture fixture) : PresentedCredentialTests(fixture), IClassFixture<PostgresAppFixture>;
