using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Podium.Modules.Club;
using Podium.Modules.Club.Domain;
using Podium.Modules.Club.Features.Members;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Security.Fuzzing;

/// <summary>
/// The kinds of people the fuzzer acts as, each a fresh account on demand: a club member in good standing, a club
/// officer of the current season (a member holding office, no admin role), and an administrator with an authenticator.
/// </summary>
internal sealed class FuzzAccounts(PodiumAppFactory app, TimeProvider clock, CancellationToken cancellationToken)
{
    public const string Member = "member";
    public const string Officer = "officer";
    public const string Admin = "admin";

    public async Task<FormSession> SignInAsync(string kind)
    {
        var (email, key) = await CreateAsync(kind);
        var session = new FormSession(app);
        var signIn = await session.SignInAsync(email, TestUsers.Password);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{kind} sign-in");
        if (key is not null)
        {
            signIn.Headers.Location!.OriginalString.ShouldStartWith("/account/sign-in-2fa");
            (await session.SubmitAsync("/account/sign-in-2fa", new Dictionary<string, string> { ["Code"] = Code(key) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        return session;
    }

    /// <summary>An API caller with an access token of a fresh account of that kind, and the scopes the token carries.</summary>
    public async Task<ApiCaller> TokenAsync(string kind)
    {
        var (email, key) = await CreateAsync(kind);
        var client = app.CreateClient();
        var issued = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = TestUsers.Password, code = key is null ? null : Code(key) }, cancellationToken);
        issued.StatusCode.ShouldBe(HttpStatusCode.OK, $"{kind} token");
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me", cancellationToken);
        return new ApiCaller(kind, client, me.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).ToHashSet(StringComparer.Ordinal));
    }

    private async Task<(string Email, string? AuthenticatorKey)> CreateAsync(string kind)
    {
        var email = $"fuzz-{kind}-{Guid.NewGuid():N}@example.org";
        if (kind == Admin)
        {
            var admin = await TestUsers.CreateAsync(app, email, "Fuzz Admin", twoFactor: true, TestUsers.Password, Roles.Admin);
            return (email, admin.AuthenticatorKey);
        }

        var user = (await TestUsers.CreateAsync(app, email, $"Fuzz {kind}")).User;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var today = (await scope.ServiceProvider.GetRequiredService<ClubSettings>().GetAsync(cancellationToken)).Zone.Today(clock);
        // Already linked to the account (as the first request after sign-in would do), so that write is not a fuzzed request's.
        var angler = new Angler
        {
            Name = $"Fuzz {kind}", Email = email, UserId = user.Id, Kind = MembershipKind.Member, DuesPaidThrough = today.AddYears(1), CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(angler);
        await db.SaveChangesAsync(cancellationToken);
        if (kind == Officer)
        {
            var office = db.Set<OfficerPosition>().OrderBy(p => p.SortOrder).Select(p => p.Id).First();
            var term = await scope.ServiceProvider.GetRequiredService<OfficerEditor>().AddTermAsync(today.Year, office, angler.Id, new OfficerActor(null, IsAdmin: true), cancellationToken);
            term.Succeeded.ShouldBeTrue(string.Join(" ", term.Errors.Values));
        }

        return (email, null);
    }

    // The app's clock stands still during the run, so the code is the one for its instant; each account has its own key.
    private string Code(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(clock.GetUtcNow().UtcDateTime);
}

/// <summary>
/// The app's clock, stopped at the start of the run: otherwise the app's own once-a-minute bookkeeping (a session's
/// "last seen") lands in whichever request happens to come a minute later, refused or not.
/// </summary>
internal sealed class FrozenClock : TimeProvider
{
    private readonly DateTimeOffset _now = System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => _now;
}
