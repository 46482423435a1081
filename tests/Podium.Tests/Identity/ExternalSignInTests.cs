using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Tests.Infrastructure;
using Podium.Tests.Oidc;

namespace Podium.Tests.Identity;

/// <summary>The app on its own database, with a real OpenID Connect provider (OpenIddict) on a loopback port.</summary>
public abstract class OidcAppFixture(DatabaseProvider provider) : AppFixture(provider)
{
    public const string Scheme = "testid";
    public const string ProviderDisplayName = "TestID";
    private const string ClientId = "podium";
    private const string ClientSecret = "integration-test-client-secret";

    public TestOidcServer Oidc { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        Oidc = await TestOidcServer.StartAsync();
        await Oidc.RegisterClientAsync(ClientId, ClientSecret, new Uri($"{FormSession.Origin}/signin-oidc-{Scheme}"));
        await base.InitializeAsync();
    }

    protected override void Configure(PodiumAppFactory app)
    {
        foreach (var (key, value) in Oidc.SettingsFor(Scheme, ProviderDisplayName, ClientId, ClientSecret))
        {
            app.WithSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Oidc.DisposeAsync();
    }
}

public sealed class SqliteOidcAppFixture() : OidcAppFixture(DatabaseProvider.Sqlite);

public sealed class PostgresOidcAppFixture() : OidcAppFixture(DatabaseProvider.Postgres);

public abstract class ExternalSignInTests(OidcAppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TestOidcUser ProviderUser(string? email, bool verified, string name = "Jordan Pike") =>
        new($"sub-{Guid.NewGuid():N}", email, verified, name);

    private static string NewEmail() => $"angler-{Guid.NewGuid():N}@example.org";

    /// <summary>
    /// Presses "Sign in with TestID", lets the provider sign in <paramref name="user"/>, and follows the app's redirects
    /// back from the provider up to the page the person ends on (or the redirect out of the sign-in, when signed in).
    /// </summary>
    private async Task<HttpResponseMessage> SignInWithProviderAsync(FormSession session, TestOidcUser? user, Func<Uri, Uri>? tamper = null)
    {
        fixture.Oidc.User = user;
        var start = await session.SubmitAsync("/account/external-sign-in", new Dictionary<string, string> { ["provider"] = OidcAppFixture.Scheme }, formPage: "/account/sign-in");
        start.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var authorize = start.Headers.Location!;
        authorize.GetLeftPart(UriPartial.Authority).ShouldBe(fixture.Oidc.Authority.GetLeftPart(UriPartial.Authority));
        authorize.Query.ShouldContain("code_challenge_method=S256");

        var back = await fixture.Oidc.FollowAsync(authorize, Ct);
        back.GetLeftPart(UriPartial.Authority).ShouldBe(FormSession.Origin);
        back = tamper?.Invoke(back) ?? back;
        var callback = await session.Client.GetAsync(back.PathAndQuery, Ct);
        callback.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return await session.Client.GetAsync(callback.Headers.Location!, Ct);
    }

    private static async Task<bool> IsSignedInAsync(FormSession session) =>
        (await session.Client.GetAsync("/account/manage", Ct)).StatusCode == HttpStatusCode.OK;

    private async Task<IList<UserLoginInfo>> LoginsAsync(string email)
    {
        await using var scope = fixture.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>();
        var user = await users.FindByEmailAsync(email);
        return user is null ? [] : await users.GetLoginsAsync(user);
    }

    private async Task<PodiumUser?> FindAsync(string email)
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>().FindByEmailAsync(email);
    }

    private async Task<List<string>> AuditAsync(Guid userId)
    {
        await using var scope = fixture.CreateScope();
        var target = userId.ToString();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<AuditEvent>().AsNoTracking()
            .Where(e => e.Target == target && e.Action.StartsWith("account.external")).OrderBy(e => e.Id)
            .Select(e => e.Action + ":" + e.Outcome).ToListAsync(Ct);
    }

    /// <summary>The reasons of the anonymous failed external sign-ins recorded so far (the details' <c>reason</c>).</summary>
    private async Task<List<string?>> FailedSignInDetailsAsync()
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<AuditEvent>().AsNoTracking()
            .Where(e => e.Action == "account.external-sign-in" && e.Outcome == AuditOutcome.Failure && e.ActorId == null)
            .OrderBy(e => e.Id).Select(e => e.Details).ToListAsync(Ct);
    }

    private static Dictionary<string, string> LinkForm(string email, string password) => new()
    {
        ["Link.Email"] = email,
        ["Link.Password"] = password,
    };

    [Fact]
    public async Task SignInPage_ListsTheConfiguredProvider_AndItsOriginMayReceiveTheForm()
    {
        var response = await fixture.CreateClient().GetAsync("/account/sign-in", Ct);

        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Sign in with TestID");
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        csp.ShouldContain($"form-action 'self' {fixture.Oidc.Authority.GetLeftPart(UriPartial.Authority)}");
    }

    [Fact]
    public async Task Callback_WhenBothSidesVerifiedTheAddress_LinksSignsInAndStartsASession()
    {
        var email = NewEmail();
        var owner = (await TestUsers.CreateAsync(fixture.App, email)).User;
        var session = new FormSession(fixture.App);

        var landed = await SignInWithProviderAsync(session, ProviderUser(email, verified: true));

        landed.Headers.Location!.OriginalString.ShouldBe("/");
        (await session.GetPageAsync("/account/manage")).ShouldContain(email);
        (await LoginsAsync(email)).ShouldHaveSingleItem().ProviderDisplayName.ShouldBe(OidcAppFixture.ProviderDisplayName);
        (await AuditAsync(owner.Id)).ShouldBe(["account.external-link:success", "account.external-sign-in:success"]);
        await using var scope = fixture.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<UserSessions>().ActiveAsync(owner.Id, Ct)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Callback_WhenTheProviderDidNotVerifyTheAddress_DoesNotTakeOverTheAccount()
    {
        var email = NewEmail();
        await TestUsers.CreateAsync(fixture.App, email);
        var attacker = new FormSession(fixture.App);

        var landed = await SignInWithProviderAsync(attacker, ProviderUser(email, verified: false, name: "Not Robin"));

        landed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await landed.Content.ReadAsStringAsync(Ct)).ShouldContain("This sign-in is not linked to a Podium account yet");
        (await IsSignedInAsync(attacker)).ShouldBeFalse();

        // "Create account" with the same address: the same answer as a new address, a note to the owner, nothing linked.
        var create = await attacker.SubmitAsync("/account/external-sign-in/create",
            new Dictionary<string, string> { ["Create.DisplayName"] = "Not Robin" }, formPage: "/account/external-sign-in/callback");
        create.Headers.Location!.OriginalString.ShouldBe("/account/check-email");
        await new Mailbox(fixture.App.MailDirectory).WaitForAsync(email, "sign up");
        (await LoginsAsync(email)).ShouldBeEmpty();
        (await FindAsync(email)).ShouldNotBeNull().DisplayName.ShouldBe("Robin Shore");
        (await IsSignedInAsync(attacker)).ShouldBeFalse();
    }

    [Fact]
    public async Task Callback_WhenTheLocalAddressIsUnconfirmed_DoesNotLinkEvenIfTheProviderVerifiedIt()
    {
        var email = NewEmail();
        var owner = (await TestUsers.CreateAsync(fixture.App, email)).User;
        await using (var scope = fixture.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>();
            var user = (await users.FindByIdAsync(owner.Id.ToString()))!;
            user.EmailConfirmed = false;
            await users.UpdateAsync(user);
        }

        var session = new FormSession(fixture.App);
        var landed = await SignInWithProviderAsync(session, ProviderUser(email, verified: true));

        (await landed.Content.ReadAsStringAsync(Ct)).ShouldContain("This sign-in is not linked to a Podium account yet");
        (await LoginsAsync(email)).ShouldBeEmpty();
        (await IsSignedInAsync(session)).ShouldBeFalse();
    }

    [Fact]
    public async Task Link_WithTheAccountsPassword_LinksAndTheNextProviderSignInNeedsNoPassword()
    {
        var email = NewEmail();
        var owner = (await TestUsers.CreateAsync(fixture.App, email)).User;
        // The provider knows the person by another address, unverified: only the password can link them.
        var person = ProviderUser($"jp-{Guid.NewGuid():N}@mail.example", verified: false);
        var session = new FormSession(fixture.App);
        await SignInWithProviderAsync(session, person);

        var linked = await session.SubmitAsync("/account/external-sign-in/link", LinkForm(email, TestUsers.Password), formPage: "/account/external-sign-in/callback");

        linked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        linked.Headers.Location!.OriginalString.ShouldBe("/");
        (await session.GetPageAsync("/account/manage")).ShouldContain(email);
        (await session.SubmitAsync("/account/sign-out", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await IsSignedInAsync(session)).ShouldBeFalse();

        var again = new FormSession(fixture.App);
        var landed = await SignInWithProviderAsync(again, person);

        landed.Headers.Location!.OriginalString.ShouldBe("/");
        (await again.GetPageAsync("/account/manage")).ShouldContain(email);
        (await AuditAsync(owner.Id)).ShouldBe(["account.external-link:success", "account.external-sign-in:success", "account.external-sign-in:success"]);
    }

    [Fact]
    public async Task Link_WithAWrongPassword_IsRefusedCountsTowardsLockoutAndLinksNothing()
    {
        var email = NewEmail();
        await TestUsers.CreateAsync(fixture.App, email);
        var session = new FormSession(fixture.App);
        await SignInWithProviderAsync(session, ProviderUser(email, verified: false));

        var wrong = await session.SubmitAsync("/account/external-sign-in/link", LinkForm(email, "not the password at all"), formPage: "/account/external-sign-in/callback");
        var unknown = await session.SubmitAsync("/account/external-sign-in/link", LinkForm(NewEmail(), TestUsers.Password), formPage: "/account/external-sign-in/callback");
        var garbage = await session.SubmitAsync("/account/external-sign-in/link", LinkForm("not an address", ""), formPage: "/account/external-sign-in/callback");

        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await wrong.Content.ReadAsStringAsync(Ct)).ShouldContain("That e-mail and password do not match an account");
        (await unknown.Content.ReadAsStringAsync(Ct)).ShouldContain("That e-mail and password do not match an account");
        var garbageBody = await garbage.Content.ReadAsStringAsync(Ct);
        garbageBody.ShouldContain("That does not look like an e-mail address.");
        garbageBody.ShouldContain("Enter your Podium password.");
        (await LoginsAsync(email)).ShouldBeEmpty();
        (await FindAsync(email))!.AccessFailedCount.ShouldBe(1);
        (await IsSignedInAsync(session)).ShouldBeFalse();
    }

    [Fact]
    public async Task SignIn_WhenTheLinkedAccountHasTwoFactor_AsksForTheCodeBeforeSigningIn()
    {
        var email = NewEmail();
        var (_, key) = await TestUsers.CreateAsync(fixture.App, email, twoFactor: true);
        var session = new FormSession(fixture.App);

        var landed = await SignInWithProviderAsync(session, ProviderUser(email, verified: true));

        // Linked (both sides verified the address), but the second factor is still asked for.
        landed.Headers.Location!.OriginalString.ShouldStartWith("/account/sign-in-2fa");
        (await session.GetPageAsync(landed.Headers.Location.OriginalString)).ShouldContain("Enter your code");
        (await IsSignedInAsync(session)).ShouldBeFalse();
        var code = new Totp(Base32Encoding.ToBytes(key!)).ComputeTotp();
        var done = await session.SubmitAsync("/account/sign-in-2fa", new Dictionary<string, string> { ["Code"] = code });
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await session.GetPageAsync("/account/manage")).ShouldContain(email);
    }

    [Fact]
    public async Task SignIn_WhenTheLinkedAccountIsLockedOut_IsRefused()
    {
        var email = NewEmail();
        var person = ProviderUser(email, verified: true);
        await TestUsers.CreateAsync(fixture.App, email);
        await SignInWithProviderAsync(new FormSession(fixture.App), person);
        await using (var scope = fixture.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(email))!, DateTimeOffset.UtcNow.AddHours(1));
        }

        var session = new FormSession(fixture.App);
        var landed = await SignInWithProviderAsync(session, person);

        (await landed.Content.ReadAsStringAsync(Ct)).ShouldContain("This account is locked");
        (await IsSignedInAsync(session)).ShouldBeFalse();
    }

    [Fact]
    public async Task Create_WhenTheProviderVerifiedTheAddress_MakesAConfirmedAccountAndSignsIn()
    {
        var email = NewEmail();
        var session = new FormSession(fixture.App);
        await SignInWithProviderAsync(session, ProviderUser(email, verified: true, name: "Sam Reel"));

        var empty = await session.SubmitAsync("/account/external-sign-in/create", new Dictionary<string, string> { ["Create.DisplayName"] = "  " }, formPage: "/account/external-sign-in/callback");
        (await empty.Content.ReadAsStringAsync(Ct)).ShouldContain("Tell us the name to show to others.");
        (await FindAsync(email)).ShouldBeNull();

        var created = await session.SubmitAsync("/account/external-sign-in/create", new Dictionary<string, string> { ["Create.DisplayName"] = "Sam Reel" }, formPage: "/account/external-sign-in/callback");

        created.Headers.Location!.OriginalString.ShouldBe("/");
        var user = (await FindAsync(email)).ShouldNotBeNull();
        user.EmailConfirmed.ShouldBeTrue();
        user.PasswordHash.ShouldBeNull();
        user.DisplayName.ShouldBe("Sam Reel");
        (await LoginsAsync(email)).ShouldHaveSingleItem();
        (await session.GetPageAsync("/account/manage")).ShouldContain(email);
    }

    [Fact]
    public async Task Create_WhenTheProviderDidNotVerifyTheAddress_WaitsForTheMailedConfirmation()
    {
        var email = NewEmail();
        var person = ProviderUser(email, verified: false);
        var session = new FormSession(fixture.App);
        await SignInWithProviderAsync(session, person);

        var created = await session.SubmitAsync("/account/external-sign-in/create", new Dictionary<string, string> { ["Create.DisplayName"] = "Jordan Pike" }, formPage: "/account/external-sign-in/callback");

        created.Headers.Location!.OriginalString.ShouldBe("/account/check-email");
        (await FindAsync(email)).ShouldNotBeNull().EmailConfirmed.ShouldBeFalse();
        (await IsSignedInAsync(session)).ShouldBeFalse();
        var link = Mailbox.Link(await new Mailbox(fixture.App.MailDirectory).WaitForAsync(email, "Confirm your e-mail"), "/account/confirm-email");
        (await session.Client.GetAsync(link, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await SignInWithProviderAsync(session, person)).Headers.Location!.OriginalString.ShouldBe("/");
        (await session.GetPageAsync("/account/manage")).ShouldContain(email);
    }

    [Fact]
    public async Task Unlink_TheLastWayToSignIn_IsRefused_AndAnotherIsRemoved()
    {
        var email = NewEmail();
        var session = new FormSession(fixture.App);
        var person = ProviderUser(email, verified: true);
        await SignInWithProviderAsync(session, person);
        await session.SubmitAsync("/account/external-sign-in/create", new Dictionary<string, string> { ["Create.DisplayName"] = "Only Provider" }, formPage: "/account/external-sign-in/callback");
        var page = await session.GetPageAsync("/account/manage/linked-sign-ins");
        page.ShouldContain("Your only way to sign in");
        var fields = new Dictionary<string, string> { ["provider"] = OidcAppFixture.Scheme, ["key"] = person.Subject };

        var refused = await session.SubmitAsync("/account/manage/linked-sign-ins?handler=Remove", fields, formPage: "/account/manage/linked-sign-ins");

        (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain("This is the only way you can sign in, so it cannot be removed.");
        (await LoginsAsync(email)).ShouldHaveSingleItem();

        var garbage = await session.SubmitAsync("/account/manage/linked-sign-ins?handler=Remove",
            new Dictionary<string, string> { ["provider"] = "nope", ["key"] = "" }, formPage: "/account/manage/linked-sign-ins");
        (await garbage.Content.ReadAsStringAsync(Ct)).ShouldContain("That linked sign-in was not found; nothing was changed.");

        // With a password the provider is not the last way in any more.
        await using (var scope = fixture.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>();
            (await users.AddPasswordAsync((await users.FindByEmailAsync(email))!, TestUsers.Password)).Succeeded.ShouldBeTrue();
        }

        // Adding the password renewed the security stamp: sign in again, with the password this time.
        var fresh = new FormSession(fixture.App);
        (await fresh.SignInAsync(email, TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var removed = await fresh.SubmitAsync("/account/manage/linked-sign-ins?handler=Remove", fields, formPage: "/account/manage/linked-sign-ins");

        (await removed.Content.ReadAsStringAsync(Ct)).ShouldContain("The linked sign-in is removed.");
        (await LoginsAsync(email)).ShouldBeEmpty();
        (await IsSignedInAsync(fresh)).ShouldBeTrue();
        var user = (await FindAsync(email))!;
        (await AuditAsync(user.Id)).ShouldBe(["account.external-link:success", "account.external-sign-in:success", "account.external-unlink:denied", "account.external-unlink:success"]);
    }

    [Fact]
    public async Task LinkFromProfile_WhenSignedIn_LinksTheProviderToThisAccountButNeverToASecond()
    {
        var email = NewEmail();
        var other = NewEmail();
        await TestUsers.CreateAsync(fixture.App, email);
        await TestUsers.CreateAsync(fixture.App, other);
        var person = ProviderUser($"other-{Guid.NewGuid():N}@mail.example", verified: false);

        var page = await LinkFromProfileAsync(email, person);

        page.ShouldContain("TestID is linked");
        (await LoginsAsync(email)).ShouldHaveSingleItem();
        (await LinkFromProfileAsync(other, person)).ShouldContain("That TestID account is already linked to a Podium account.");
        (await LoginsAsync(other)).ShouldBeEmpty();
        (await LoginsAsync(email)).ShouldHaveSingleItem();
    }

    private async Task<string> LinkFromProfileAsync(string email, TestOidcUser person)
    {
        var session = new FormSession(fixture.App);
        (await session.SignInAsync(email, TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        fixture.Oidc.User = person;
        var start = await session.SubmitAsync("/account/manage/linked-sign-ins?handler=Link",
            new Dictionary<string, string> { ["provider"] = OidcAppFixture.Scheme }, formPage: "/account/manage/linked-sign-ins");
        var back = await fixture.Oidc.FollowAsync(start.Headers.Location!, Ct);
        var callback = await session.Client.GetAsync(back.PathAndQuery, Ct);
        return await session.GetPageAsync(callback.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Callback_WithATamperedState_ShowsAPlainMessageAndSignsNobodyIn()
    {
        var email = NewEmail();
        await TestUsers.CreateAsync(fixture.App, email);
        var session = new FormSession(fixture.App);

        var failuresBefore = (await FailedSignInDetailsAsync()).Count;

        var landed = await SignInWithProviderAsync(session, ProviderUser(email, verified: true),
            tamper: back => new Uri(back.ToString().Replace("state=", "state=x", StringComparison.Ordinal)));

        landed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await landed.Content.ReadAsStringAsync(Ct)).ShouldContain("Signing in with TestID did not work, so you are not signed in.");
        (await IsSignedInAsync(session)).ShouldBeFalse();
        (await LoginsAsync(email)).ShouldBeEmpty();
        var failures = await FailedSignInDetailsAsync();
        failures.Count.ShouldBe(failuresBefore + 1);
        failures[^1].ShouldNotBeNull().ShouldContain("\"reason\":\"failed\"");
    }

    [Fact]
    public async Task Callback_WhenThePersonDeclinesAtTheProvider_ShowsAPlainMessageAndSignsNobodyIn()
    {
        var session = new FormSession(fixture.App);

        var landed = await SignInWithProviderAsync(session, user: null);

        landed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await landed.Content.ReadAsStringAsync(Ct)).ShouldContain("Signing in with TestID was cancelled, so you are not signed in.");
        (await IsSignedInAsync(session)).ShouldBeFalse();
        (await FailedSignInDetailsAsync())[^1].ShouldNotBeNull().ShouldContain("\"reason\":\"cancelled\"");
    }

    [Fact]
    public async Task Start_WithAnUnknownProvider_SaysSoAndGoesNowhere()
    {
        var session = new FormSession(fixture.App);

        var response = await session.SubmitAsync("/account/external-sign-in", new Dictionary<string, string> { ["provider"] = "<script>" }, formPage: "/account/sign-in");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync(Ct);
        body.ShouldContain("That sign-in provider is not available.");
        body.ShouldNotContain("<script>");
    }
}

public sealed class ExternalSignInTests_Sqlite(SqliteOidcAppFixture fixture) : ExternalSignInTests(fixture), IClassFixture<SqliteOidcAppFixture>;

public sealed class ExternalSignInTests_Postgres(PostgresOidcAppFixture fixture) : ExternalSignInTests(fixture), IClassFixture<PostgresOidcAppFixture>;
