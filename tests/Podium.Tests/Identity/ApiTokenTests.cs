using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OtpNet;
using Podium.Platform.Admin;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Identity;

public abstract class ApiTokenTests(ApiAccessHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task ShouldBeUnauthorizedProblemAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ShouldNotBeEmpty();
        response.Headers.WwwAuthenticate.First().Scheme.ShouldBe("Bearer");
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await JsonAsync(response)).GetProperty("status").GetInt32().ShouldBe(401);
    }

    /// <summary>Read as text, which the content buffers: the tests look at one response more than once.</summary>
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    [Fact]
    public async Task Token_WithPassword_IssuesAShortLivedJwtWithKidAndNoPersonalData()
    {
        var user = await host.UserAsync("Jordan Picks");

        var token = await host.TokenAsync(user.Email!);

        token.GetProperty("tokenType").GetString().ShouldBe("Bearer");
        token.GetProperty("expiresIn").GetInt32().ShouldBe(900);
        token.GetProperty("refreshToken").GetString()!.Length.ShouldBeGreaterThan(40);
        (token.GetProperty("refreshTokenExpiresAt").GetDateTime() - host.Clock.GetUtcNow().UtcDateTime).TotalDays.ShouldBe(30, tolerance: 0.01);
        var jwt = new JsonWebToken(token.GetProperty("accessToken").GetString());
        jwt.Kid.ShouldNotBeNullOrEmpty();
        jwt.Alg.ShouldBe("ES256");
        jwt.Typ.ShouldBe("at+jwt");
        jwt.Subject.ShouldBe(user.Id.ToString());
        jwt.GetPayloadValue<string>("scope").Split(' ').ShouldContain(ApiAccessHost.ReadScope);
        jwt.GetPayloadValue<string>("scope").Split(' ').ShouldNotContain("admin");
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
        payload.ShouldNotContain(user.Email!);
        payload.ShouldNotContain("Jordan");

        var me = await host.SendAsync(HttpMethod.Get, "/api/v1/me", bearer: token.GetProperty("accessToken").GetString());
        me.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await JsonAsync(me);
        body.GetProperty("id").GetGuid().ShouldBe(user.Id);
        body.GetProperty("displayName").GetString().ShouldBe("Jordan Picks");
        body.GetProperty("credential").GetString().ShouldBe("jwt");
        body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["Member"]);
        (await host.SendAsync(HttpMethod.Get, ApiAccessHost.ReadPath, bearer: token.GetProperty("accessToken").GetString())).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Token_UnknownEmailAndWrongPassword_GetTheSameProblem()
    {
        var user = await host.UserAsync("Sam Guess");

        var unknown = await host.Client.PostAsJsonAsync("/api/v1/auth/token", new { email = "nobody-here@example.org", password = TestUsers.Password }, Ct);
        var wrong = await host.Client.PostAsJsonAsync("/api/v1/auth/token", new { email = user.Email, password = "not the password at all" }, Ct);

        await ShouldBeUnauthorizedProblemAsync(unknown);
        await ShouldBeUnauthorizedProblemAsync(wrong);
        var a = await JsonAsync(unknown);
        var b = await JsonAsync(wrong);
        a.GetProperty("title").GetString().ShouldBe(b.GetProperty("title").GetString());
        a.GetProperty("detail").GetString().ShouldBe(b.GetProperty("detail").GetString());
        a.GetProperty("error").GetString().ShouldBe("invalid_grant");
        unknown.Headers.WwwAuthenticate.ToString().ShouldBe(wrong.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Token_WhenTheAccountHasTwoFactor_NeedsTheCodeAndMarksTheTokenMfa()
    {
        var (user, key) = await TestUsers.CreateAsync(host.Services, $"tfa-{Guid.NewGuid():N}@example.org", "Kim Second", twoFactor: true);

        var withoutCode = await host.Client.PostAsJsonAsync("/api/v1/auth/token", new { email = user.Email, password = TestUsers.Password }, Ct);
        var wrongCode = await host.Client.PostAsJsonAsync("/api/v1/auth/token", new { email = user.Email, password = TestUsers.Password, code = "000000" }, Ct);
        var token = await host.TokenAsync(user.Email!, new Totp(Base32Encoding.ToBytes(key!)).ComputeTotp(host.Clock.GetUtcNow().UtcDateTime));

        await ShouldBeUnauthorizedProblemAsync(withoutCode);
        (await JsonAsync(withoutCode)).GetProperty("error").GetString().ShouldBe("two_factor_required");
        await ShouldBeUnauthorizedProblemAsync(wrongCode);
        new JsonWebToken(token.GetProperty("accessToken").GetString()).GetPayloadValue<string[]>("amr").ShouldContain("mfa");
    }

    [Fact]
    public async Task Refresh_RotatesTheToken_AndAReusedOneRevokesTheWholeFamily()
    {
        var user = await host.UserAsync("Alex Rotate");
        var first = (await host.TokenAsync(user.Email!)).GetProperty("refreshToken").GetString();

        var refreshed = await host.Client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = first }, Ct);
        refreshed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = (await JsonAsync(refreshed)).GetProperty("refreshToken").GetString();
        second.ShouldNotBe(first);

        var reuse = await host.Client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = first }, Ct);
        var afterTheft = await host.Client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = second }, Ct);

        await ShouldBeUnauthorizedProblemAsync(reuse);
        await ShouldBeUnauthorizedProblemAsync(afterTheft);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        (await db.Set<RefreshToken>().Where(t => t.UserId == user.Id).ToListAsync(Ct)).ShouldAllBe(t => t.RevokedAt != null);
        (await db.Set<AuditEvent>().CountAsync(e => e.Action == "api.refresh-token-reuse" && e.Target == user.Id.ToString(), Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task Revoke_EndsTheFamily_AndUnknownTokensAreNotAnError()
    {
        var user = await host.UserAsync("Rae Revoke");
        var refresh = (await host.TokenAsync(user.Email!)).GetProperty("refreshToken").GetString();

        (await host.Client.PostAsJsonAsync("/api/v1/auth/revoke", new { refreshToken = refresh }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await host.Client.PostAsJsonAsync("/api/v1/auth/revoke", new { refreshToken = "never-issued" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await ShouldBeUnauthorizedProblemAsync(await host.Client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh }, Ct));
    }

    [Fact]
    public async Task Refresh_AfterSignOutEverywhereOrALock_IsRefused()
    {
        var signedOut = await host.UserAsync("Everywhere Ed");
        var locked = await host.UserAsync("Locked Lou");
        var admin = await host.UserAsync("Admin Ada", Roles.Admin);
        var first = (await host.TokenAsync(signedOut.Email!)).GetProperty("refreshToken").GetString();
        var second = (await host.TokenAsync(locked.Email!)).GetProperty("refreshToken").GetString();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            // What the sessions page's "sign out everywhere", a password change and a reset all call.
            await scope.ServiceProvider.GetRequiredService<UserSessions>().RevokeAllAsync(signedOut.Id, keep: null, "signed out everywhere", Ct);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>();
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().LockAsync(admin.Id, (await users.FindByIdAsync(locked.Id.ToString()))!, Ct);
        }

        await ShouldBeUnauthorizedProblemAsync(await host.Client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = first }, Ct));
        await ShouldBeUnauthorizedProblemAsync(await host.Client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = second }, Ct));
    }

    [Fact]
    public async Task Jwt_ExpiredTamperedWrongAudienceOrWrongKey_Gets401ProblemWithWwwAuthenticate()
    {
        var user = await host.UserAsync("Tess Tamper");
        var access = (await host.TokenAsync(user.Email!)).GetProperty("accessToken").GetString()!;
        var parts = access.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"Member\"", "\"Admin\"", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
        var ring = host.Services.GetRequiredService<JwtKeyRing>();
        var realKey = await ring.SigningCredentialsAsync(Ct);
        var wrongAudience = Sign(realKey, audience: "someone-else");
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var wrongKey = Sign(new SigningCredentials(new ECDsaSecurityKey(stranger) { KeyId = realKey.Key.KeyId }, SecurityAlgorithms.EcdsaSha256), audience: "podium-api");

        (await host.SendAsync(HttpMethod.Get, ApiAccessHost.ReadPath, bearer: access)).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var bad in new[] { tampered, wrongAudience, wrongKey, "not.a.jwt", "garbage" })
        {
            var response = await host.SendAsync(HttpMethod.Get, ApiAccessHost.ReadPath, bearer: bad);
            await ShouldBeUnauthorizedProblemAsync(response);
            response.Headers.WwwAuthenticate.ToString().ShouldContain("invalid_token");
        }

        host.Clock.Advance(TimeSpan.FromMinutes(16));
        await ShouldBeUnauthorizedProblemAsync(await host.SendAsync(HttpMethod.Get, ApiAccessHost.ReadPath, bearer: access));

        string Sign(SigningCredentials credentials, string audience)
        {
            var now = host.Clock.GetUtcNow().UtcDateTime;
            return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = "podium",
                Audience = audience,
                IssuedAt = now,
                NotBefore = now,
                Expires = now.AddMinutes(10),
                TokenType = "at+jwt",
                Claims = new Dictionary<string, object> { ["sub"] = user.Id.ToString(), ["scope"] = ApiAccessHost.ReadScope, ["role"] = new[] { "Member" } },
                SigningCredentials = credentials,
            });
        }
    }

    [Fact]
    public async Task SigningKeys_Rotate_WhileThePreviousKeyKeepsValidatingItsTokens()
    {
        // A ring of its own on the host's database (so it starts from the host's key), with a clock of its own that can
        // jump a month without moving the other tests'.
        var clock = new TestClock();
        clock.Advance(host.Clock.GetUtcNow() - TimeProvider.System.GetUtcNow());
        using var ring = new JwtKeyRing(
            host.Services.GetRequiredService<IServiceScopeFactory>(),
            host.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(),
            host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<JwtOptions>>(),
            clock);
        var first = (await ring.SigningCredentialsAsync(Ct)).Key.KeyId;

        clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(5));
        (await ring.SigningCredentialsAsync(Ct)).Key.KeyId.ShouldBe(first, "the successor is announced before it signs");
        clock.Advance(TimeSpan.FromMinutes(11));
        var second = (await ring.SigningCredentialsAsync(Ct)).Key.KeyId;

        second.ShouldNotBe(first);
        ring.ValidationKeys(first).ShouldNotBeEmpty("tokens signed before the rotation stay valid");
        ring.ValidationKeys(second).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task ProtectedEndpoint_WithoutCredentials_Gets401ProblemWithWwwAuthenticate_NotARedirect()
    {
        await ShouldBeUnauthorizedProblemAsync(await host.SendAsync(HttpMethod.Get, ApiAccessHost.ReadPath));
        await ShouldBeUnauthorizedProblemAsync(await host.SendAsync(HttpMethod.Get, "/api/v1/me"));
    }

    [Theory]
    [InlineData("/api/v1/auth/token", "{not json")]
    [InlineData("/api/v1/auth/token", "")]
    [InlineData("/api/v1/auth/token", "{}")]
    [InlineData("/api/v1/auth/token", "{\"email\": 42, \"password\": []}")]
    [InlineData("/api/v1/auth/token", "[1,2,3]")]
    [InlineData("/api/v1/auth/refresh", "{\"refreshToken\": \"\"}")]
    [InlineData("/api/v1/auth/refresh", "{\"refreshToken\": null}")]
    [InlineData("/api/v1/auth/revoke", "{oops}")]
    [InlineData("/api/v1/auth/revoke", "{}")]
    public async Task AuthEndpoints_WithGarbage_Answer400ProblemAndIssueNothing(string path, string body)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var before = await db.Set<RefreshToken>().CountAsync(Ct);

        var response = await host.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await db.Set<RefreshToken>().CountAsync(Ct)).ShouldBe(before);
    }

    [Fact]
    public async Task TokenEndpoint_WithAnOversizedField_NamesTheField()
    {
        var response = await host.Client.PostAsJsonAsync("/api/v1/auth/token", new { email = new string('a', 5000), password = "x" }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(response)).GetProperty("errors").TryGetProperty("email", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task TokenEndpoint_IsLimitedLikeTheSignInForm()
    {
        var response = await host.Client.PostAsJsonAsync("/api/v1/auth/token", new { email = "limit@example.org", password = "x" }, Ct);

        response.Headers.GetValues("RateLimit-Limit").Single().ShouldBe("5000");
    }
}

public sealed class ApiTokenTests_Sqlite(SqliteApiAccessHost host) : ApiTokenTests(host), IClassFixture<SqliteApiAccessHost>;

public sealed class ApiTokenTests_Postgres(PostgresApiAccessHost host) : ApiTokenTests(host), IClassFixture<PostgresApiAccessHost>;
