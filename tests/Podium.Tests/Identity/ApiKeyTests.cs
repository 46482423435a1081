using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Admin;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Security;

namespace Podium.Tests.Identity;

public abstract class ApiKeyTests(ApiAccessHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpResponseMessage> ReadAsync(string key) => host.SendAsync(HttpMethod.Get, ApiAccessHost.ReadPath, bearer: key);

    private Task<HttpResponseMessage> WriteAsync(string key, string body, Action<HttpRequestMessage>? configure = null) =>
        host.SendAsync(HttpMethod.Post, ApiAccessHost.WritePath, apiKey: key, content: new StringContent(body, Encoding.UTF8, "application/json"), configure: configure);

    private async Task<ApiKey> RowAsync(Guid ownerId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<ApiKey>().AsNoTracking().SingleAsync(k => k.OwnerId == ownerId, Ct);
    }

    [Fact]
    public async Task Key_WithFightsRead_ReadsButCannotWrite()
    {
        var owner = await host.UserAsync("Reed Only");
        var key = await host.KeyAsync(owner, [ApiAccessHost.ReadScope]);

        (await ReadAsync(key)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var write = await WriteAsync(key, "{}");

        write.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        write.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var me = await (await host.SendAsync(HttpMethod.Get, "/api/v1/me", apiKey: key)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        me.GetProperty("credential").GetString().ShouldBe("api-key");
        me.GetProperty("id").GetGuid().ShouldBe(owner.Id);
        me.GetProperty("apiKeyId").GetGuid().ShouldBe((await RowAsync(owner.Id)).Id);
        me.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ShouldBe([ApiAccessHost.ReadScope]);
    }

    [Fact]
    public async Task Key_NeverExceedsItsOwner_AdminPolicyNeedsTheAdminScopeAndRolesAreReadAtUse()
    {
        var organizer = await host.UserAsync("Oli Organizer", Roles.Organizer, Roles.Admin);
        var narrow = await host.KeyAsync(organizer, [ApiAccessHost.ReadScope, ApiAccessHost.WriteScope]);
        var admin = await host.KeyAsync(organizer, [ApiScopes.Admin]);

        (await host.SendAsync(HttpMethod.Get, ApiAccessHost.AdminPath, bearer: narrow)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await host.SendAsync(HttpMethod.Get, ApiAccessHost.AdminPath, bearer: admin)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>();
            await users.RemoveFromRoleAsync((await users.FindByIdAsync(organizer.Id.ToString()))!, Roles.Admin);
        }

        (await host.SendAsync(HttpMethod.Get, ApiAccessHost.AdminPath, bearer: admin)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await WriteAsync(narrow, "{}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Key_RevokedExpiredOrOfALockedOwner_IsRefusedAt401()
    {
        var owner = await host.UserAsync("Val Revoked");
        var revoked = await host.KeyAsync(owner, [ApiAccessHost.ReadScope]);
        var expiring = await host.KeyAsync(owner, [ApiAccessHost.ReadScope], expires: host.Clock.GetUtcNow().UtcDateTime.AddHours(1));
        var lockedOwner = await host.UserAsync("Lee Locked");
        var ofLocked = await host.KeyAsync(lockedOwner, [ApiAccessHost.ReadScope]);
        foreach (var key in new[] { revoked, expiring, ofLocked })
        {
            (await ReadAsync(key)).StatusCode.ShouldBe(HttpStatusCode.OK, "cached as valid first");
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
            var id = (await keys.ListAsync(owner.Id, Ct)).Single(k => k.ExpiresAt is null).Id;
            (await keys.RevokeAsync(owner.Id, id, owner.Id, Ct)).ShouldBeTrue();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>();
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().LockAsync(owner.Id, (await users.FindByIdAsync(lockedOwner.Id.ToString()))!, Ct);
        }

        (await ReadAsync(revoked)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ReadAsync(ofLocked)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ReadAsync(expiring)).StatusCode.ShouldBe(HttpStatusCode.OK);
        host.Clock.Advance(TimeSpan.FromHours(1));
        var expired = await ReadAsync(expiring);
        expired.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        expired.Headers.WwwAuthenticate.ToString().ShouldContain("expired");
    }

    [Fact]
    public async Task Key_Rotated_OldSecretWorksForTheGracePeriodOnly()
    {
        var owner = await host.UserAsync("Ro Tate");
        var old = await host.KeyAsync(owner, [ApiAccessHost.ReadScope]);
        (await ReadAsync(old)).StatusCode.ShouldBe(HttpStatusCode.OK);

        ApiKeyCreated rotated;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
            rotated = (await keys.RotateAsync(owner.Id, (await RowAsync(owner.Id)).Id, owner.Id, TimeSpan.FromHours(1), Ct))!;
        }

        (await ReadAsync(rotated.Secret)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ReadAsync(old)).StatusCode.ShouldBe(HttpStatusCode.OK);
        host.Clock.Advance(TimeSpan.FromMinutes(61));
        (await ReadAsync(old)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ReadAsync(rotated.Secret)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Key_AllowedNetworks_AreEnforced()
    {
        var owner = await host.UserAsync("Net Worker");
        var elsewhere = await host.KeyAsync(owner, [ApiAccessHost.ReadScope], networks: "10.0.0.0/8 2001:db8::/32");
        var loopback = await host.KeyAsync(owner, [ApiAccessHost.ReadScope], networks: "192.0.2.0/24\n127.0.0.0/8");

        var refused = await ReadAsync(elsewhere);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await ReadAsync(loopback)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var scope = host.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<AuditEvent>()
            .CountAsync(e => e.Action == "api-key.refused", Ct)).ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("pod_")]
    [InlineData("pod_notakeyatallbutlongenoughtolooklikeoneXXXXXXXXXXXXX")]
    [InlineData("something-else")]
    public async Task Key_Malformed_Gets401ProblemWithWwwAuthenticate(string key)
    {
        var response = await host.SendAsync(HttpMethod.Get, ApiAccessHost.ReadPath, apiKey: key);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("Bearer");
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public void Key_WithOneCharacterChanged_FailsItsChecksum()
    {
        var key = ApiKeyFormat.Generate();
        var changed = key[..10] + (key[10] == 'A' ? 'B' : 'A') + key[11..];

        ApiKeyFormat.TryParse(key, out var prefix).ShouldBeTrue();
        prefix.ShouldBe(key.Substring(4, ApiKeyFormat.PrefixLength));
        key.Length.ShouldBe(ApiKeyFormat.Length);
        key.ShouldStartWith("pod_");
        ApiKeyFormat.TryParse(changed, out _).ShouldBeFalse();
        ApiKeyFormat.Crc32("123456789").ShouldBe(0xCBF43926u);
    }

    [Fact]
    public async Task KeyRequests_AreLimitedPerKey()
    {
        var owner = await host.UserAsync("Rate Keyed");
        var key = await host.KeyAsync(owner, [ApiAccessHost.ReadScope]);

        var response = await ReadAsync(key);

        response.Headers.GetValues("RateLimit-Limit").Single().ShouldBe(ApiAccessHost.ApiKeyLimit.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Key_LastUse_IsRecordedOncePerMinute()
    {
        var owner = await host.UserAsync("Last Used");
        var key = await host.KeyAsync(owner, [ApiAccessHost.ReadScope]);

        (await ReadAsync(key)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var first = await RowAsync(owner.Id);
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        (await ReadAsync(key)).StatusCode.ShouldBe(HttpStatusCode.OK);

        first.LastUsedAt.ShouldNotBeNull();
        first.LastUsedIp.ShouldBe("127.0.0.1");
        (await RowAsync(owner.Id)).LastUsedAt.ShouldBe(first.LastUsedAt);
    }

    [Fact]
    public async Task SignedRequest_IsAccepted_ThenRefusedOnReplaySkewAndAChangedByte()
    {
        var owner = await host.UserAsync("Sig Ned");
        var key = await host.KeyAsync(owner, [ApiAccessHost.WriteScope], signed: true);
        const string body = "{\"fight\":12,\"pick\":\"red\"}";
        var now = host.Clock.GetUtcNow().ToUnixTimeSeconds();
        var signature = Sign(key, now, body);

        var accepted = await WriteAsync(key, body, Signed(now, signature));
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await accepted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("received").GetInt32().ShouldBe(body.Length, "the endpoint still reads the body");

        var replay = await WriteAsync(key, body, Signed(now, signature));
        var skewed = await WriteAsync(key, body, Signed(now - 301, Sign(key, now - 301, body)));
        var changed = await WriteAsync(key, body.Replace("red", "rex", StringComparison.Ordinal), Signed(now + 1, Sign(key, now + 1, body)));
        var unsigned = await WriteAsync(key, body);

        foreach (var (response, reason) in new[] { (replay, "replay"), (skewed, "minutes"), (changed, "does not match"), (unsigned, "X-Podium-Timestamp") })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            response.Headers.WwwAuthenticate.ToString().ShouldContain(reason);
        }
    }

    private static string Sign(string key, long timestamp, string body) =>
        "v1=" + Convert.ToHexStringLower(RequestSignatures.Compute(key, timestamp, "POST", ApiAccessHost.WritePath, Encoding.UTF8.GetBytes(body)));

    private static Action<HttpRequestMessage> Signed(long timestamp, string signature) => request =>
    {
        request.Headers.Add(RequestSignatures.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(RequestSignatures.SignatureHeader, signature);
    };

    [Fact]
    public async Task CreateKey_WithGarbage_NamesEachProblemAndCreatesNothing()
    {
        var member = await host.UserAsync("Gar Bage");
        await using var scope = host.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();

        var outcomes = new[]
        {
            new ApiKeyRequest("", [ApiAccessHost.ReadScope], null, null, false),
            new ApiKeyRequest(new string('n', 101), [ApiAccessHost.ReadScope], null, null, false),
            new ApiKeyRequest("no scopes", [], null, null, false),
            new ApiKeyRequest("unknown scope", ["fights:everything"], null, null, false),
            new ApiKeyRequest("beyond roles", [ApiScopes.Admin], null, null, false),
            new ApiKeyRequest("past", [ApiAccessHost.ReadScope], host.Clock.GetUtcNow().UtcDateTime.AddDays(-1), null, false),
            new ApiKeyRequest("bad range", [ApiAccessHost.ReadScope], null, "10.0.0.0/33", false),
            new ApiKeyRequest("too many", [ApiAccessHost.ReadScope], null, string.Join(' ', Enumerable.Range(1, 21).Select(i => $"10.{i}.0.0/16")), false),
            new ApiKeyRequest("not a range", [ApiAccessHost.ReadScope], null, "300.1.2.3 ; drop table", false),
        };
        foreach (var request in outcomes)
        {
            var outcome = await keys.CreateAsync(member, member.Id, request, Ct);
            outcome.Succeeded.ShouldBeFalse(request.Name);
            outcome.Errors.Values.ShouldAllBe(e => e.Length > 10);
        }

        (await keys.ListAsync(member.Id, Ct)).ShouldBeEmpty();
    }
}

public sealed class ApiKeyTests_Sqlite(SqliteApiAccessHost host) : ApiKeyTests(host), IClassFixture<SqliteApiAccessHost>;

public sealed class ApiKeyTests_Postgres(PostgresApiAccessHost host) : ApiKeyTests(host), IClassFixture<PostgresApiAccessHost>;
