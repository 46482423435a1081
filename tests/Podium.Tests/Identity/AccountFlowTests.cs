using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Identity;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Identity;

public abstract class AccountFlowTests(AppFixture fixture)
{
    protected const string GoodPassword = "marble kettle orbit lantern";

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;
    private int _sequence;

    protected Mailbox Mail => new(fixture.App.MailDirectory);

    protected string NewEmail() => $"angler{Interlocked.Increment(ref _sequence)}-{Guid.NewGuid():N}@example.org";

    protected FormSession NewSession() => new(fixture.App);

    protected static Dictionary<string, string> Registration(string email, string password = GoodPassword, string name = "Casey Rivers") => new()
    {
        ["Input.DisplayName"] = name,
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
    };

    /// <summary>Registers through the form and confirms through the e-mailed link.</summary>
    protected async Task<string> RegisterConfirmedAsync(string? email = null)
    {
        email ??= NewEmail();
        var session = NewSession();
        (await session.SubmitAsync("/account/register", Registration(email))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var link = Mailbox.Link(await Mail.WaitForAsync(email, "Confirm your e-mail"), "/account/confirm-email");
        (await session.Client.GetAsync(link, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return email;
    }

    [Fact]
    public async Task Register_ThenConfirmFromEmail_ThenSignIn_OpensTheProfile()
    {
        var email = NewEmail();
        var session = NewSession();

        var registered = await session.SubmitAsync("/account/register", Registration(email));
        registered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        registered.Headers.Location!.OriginalString.ShouldBe("/account/check-email");

        var confirmation = await Mail.WaitForAsync(email, "Confirm your e-mail");
        confirmation.HtmlBody.ShouldNotBeNull().ShouldContain("Casey Rivers");
        var confirmed = await session.Client.GetStringAsync(Mailbox.Link(confirmation, "/account/confirm-email"), Ct);
        confirmed.ShouldContain("E-mail address confirmed");

        var signedIn = await session.SignInAsync(email, GoodPassword);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.OriginalString.ShouldBe("/");
        var profile = await session.GetPageAsync("/account/manage");
        profile.ShouldContain(email);
        profile.ShouldContain(">CR<");

        await using var scope = fixture.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>().FindByEmailAsync(email);
        user.ShouldNotBeNull().EmailConfirmed.ShouldBeTrue();
        var actions = await scope.ServiceProvider.GetRequiredService<Podium.Platform.Data.PodiumDbContext>().Set<Podium.Platform.Audit.AuditEvent>()
            .Where(e => e.Target == user.Id.ToString()).OrderBy(e => e.Id).Select(e => e.Action + ":" + e.Outcome).ToListAsync(Ct);
        actions.ShouldBe(["account.register:success", "account.email-confirm:success", "account.sign-in:success"]);
        (await scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>().IsInRoleAsync(user, Roles.Member)).ShouldBeTrue();
    }

    [Fact]
    public async Task Register_WhenTheAddressHasAnAccount_AnswersTheSameAndTellsTheOwner()
    {
        var email = await RegisterConfirmedAsync();

        var again = await NewSession().SubmitAsync("/account/register", Registration(email, "a different long passphrase here", "Someone Else"));

        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        again.Headers.Location!.OriginalString.ShouldBe("/account/check-email");
        var notice = await Mail.WaitForAsync(email, "tried to sign up");
        notice.TextBody.ShouldNotBeNull().ShouldContain("/account/forgot-password");
        await using var scope = fixture.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>().FindByEmailAsync(email))!.DisplayName.ShouldBe("Casey Rivers");
    }

    [Theory]
    [InlineData("fourteen chars", "at least 15")]
    [InlineData("password1234567", "too easy to guess")]
    [InlineData("qwertyuiopasdfghjkl", "too easy to guess")]
    [InlineData("casey rivers fishes lakes", "name")]
    public async Task Register_WhenPasswordBreaksThePolicy_ExplainsAndCreatesNothing(string password, string explanation)
    {
        var email = NewEmail();

        var response = await NewSession().SubmitAsync("/account/register", Registration(email, password));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain(explanation);
        await using var scope = fixture.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>().FindByEmailAsync(email)).ShouldBeNull();
        Mail.To(email).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("", "someone@example.org", "Tell us the name")]
    [InlineData("Casey", "not-an-address", "does not look like an e-mail")]
    public async Task Register_WhenFieldsAreGarbage_ShowsFieldErrors(string name, string email, string message)
    {
        var response = await NewSession().SubmitAsync("/account/register", Registration(email, GoodPassword, name));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain(message);
    }

    [Fact]
    public async Task SignIn_BeforeConfirming_SendsANewConfirmationLink()
    {
        var email = NewEmail();
        var session = NewSession();
        await session.SubmitAsync("/account/register", Registration(email));
        await Mail.WaitForAsync(email, "Confirm your e-mail");

        var response = await session.SignInAsync(email, GoodPassword);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("not confirmed yet");
        await Mail.WaitForAsync(email, "Confirm your e-mail", count: 2);
    }

    [Fact]
    public async Task SignIn_UnknownAddressAndWrongPassword_GetTheSameAnswer()
    {
        var email = await RegisterConfirmedAsync();

        var unknown = await (await NewSession().SignInAsync(NewEmail(), GoodPassword)).Content.ReadAsStringAsync(Ct);
        var wrong = await (await NewSession().SignInAsync(email, "not the right password at all")).Content.ReadAsStringAsync(Ct);

        const string answer = "That e-mail and password do not match an account";
        unknown.ShouldContain(answer);
        wrong.ShouldContain(answer);
    }

    [Fact]
    public async Task SignIn_AfterFiveWrongPasswords_LocksTheAccountEvenForTheRightOne()
    {
        var email = await RegisterConfirmedAsync();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            (await NewSession().SignInAsync(email, $"wrong guess number {attempt} here")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var right = await NewSession().SignInAsync(email, GoodPassword);

        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await right.Content.ReadAsStringAsync(Ct)).ShouldContain("locked for 15 minutes");
        await using var scope = fixture.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>();
        (await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!)).ShouldBeTrue();
    }

    [Fact]
    public async Task PasswordReset_ByEmailedLink_ChangesThePasswordOnceAndEndsOldSessions()
    {
        var email = await RegisterConfirmedAsync();
        var oldSession = NewSession();
        await oldSession.SignInAsync(email, GoodPassword);

        var asked = await NewSession().SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = email });
        (await asked.Content.ReadAsStringAsync(Ct)).ShouldContain("If an account uses that address");
        var link = Mailbox.Link(await Mail.WaitForAsync(email, "Reset your"), "/account/reset-password");
        var resetter = NewSession();
        const string newPassword = "violet harbour sparrow engine";
        var fields = new Dictionary<string, string> { ["Password"] = newPassword, ["ConfirmPassword"] = newPassword };
        var relative = new Uri(link).PathAndQuery;

        var reset = await resetter.SubmitAsync(relative, fields);
        (await reset.Content.ReadAsStringAsync(Ct)).ShouldContain("Your password is changed");

        var reused = await resetter.SubmitAsync(relative, fields);
        (await reused.Content.ReadAsStringAsync(Ct)).ShouldContain("used, expired or incomplete");
        (await NewSession().SignInAsync(email, GoodPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await NewSession().SignInAsync(email, newPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await Mail.WaitForAsync(email, "password was changed");
    }

    [Fact]
    public async Task ForgotPassword_ForAnUnknownAddress_AnswersTheSameAndSendsNothing()
    {
        var email = NewEmail();

        var response = await NewSession().SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = email });

        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("If an account uses that address");
        await Task.Delay(300, Ct);
        Mail.To(email).ShouldBeEmpty();
    }

    [Fact]
    public async Task ChangeEmail_TakesEffectOnlyWhenTheNewAddressConfirms()
    {
        var email = await RegisterConfirmedAsync();
        var session = NewSession();
        await session.SignInAsync(email, GoodPassword);
        var newEmail = NewEmail();

        var wrong = await session.SubmitAsync("/account/manage/email", new Dictionary<string, string> { ["NewEmail"] = newEmail, ["Password"] = "not my password at all" });
        (await wrong.Content.ReadAsStringAsync(Ct)).ShouldContain("That is not your password");

        var asked = await session.SubmitAsync("/account/manage/email", new Dictionary<string, string> { ["NewEmail"] = newEmail, ["Password"] = GoodPassword });
        (await asked.Content.ReadAsStringAsync(Ct)).ShouldContain("We have sent a link to the new address");
        (await Mail.WaitForAsync(email, "is being changed")).TextBody.ShouldNotBeNull().ShouldContain(newEmail);
        (await NewSession().SignInAsync(email, GoodPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var link = Mailbox.Link(await Mail.WaitForAsync(newEmail, "Confirm your new e-mail"), "/account/confirm-email-change");
        (await session.Client.GetStringAsync(link, Ct)).ShouldContain("E-mail address changed");

        (await NewSession().SignInAsync(email, GoodPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await NewSession().SignInAsync(newEmail, GoodPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await session.Client.GetAsync(link, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ChangeEmail_WhenTheNewAddressIsLeftEmpty_AsksForIt()
    {
        var email = await RegisterConfirmedAsync();
        var session = NewSession();
        await session.SignInAsync(email, GoodPassword);

        var empty = await session.SubmitAsync("/account/manage/email", new Dictionary<string, string> { ["NewEmail"] = "", ["Password"] = GoodPassword });

        empty.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await empty.Content.ReadAsStringAsync(Ct)).ShouldContain("Enter the new address.");
    }

    [Fact]
    public async Task ChangeEmail_ToAnAddressWithAnAccount_AnswersTheSameButSendsNoLink()
    {
        var mine = await RegisterConfirmedAsync();
        var theirs = await RegisterConfirmedAsync();
        var session = NewSession();
        await session.SignInAsync(mine, GoodPassword);

        var asked = await session.SubmitAsync("/account/manage/email", new Dictionary<string, string> { ["NewEmail"] = theirs, ["Password"] = GoodPassword });

        (await asked.Content.ReadAsStringAsync(Ct)).ShouldContain("We have sent a link to the new address");
        await Mail.WaitForAsync(mine, "is being changed");
        Mail.To(theirs).ShouldNotContain(m => (m.Subject ?? "").Contains("new e-mail", StringComparison.Ordinal));
    }
}

public sealed class AccountFlowTests_Sqlite(SqliteAppFixture fixture) : AccountFlowTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class AccountFlowTests_Postgres(PostgresAppFixture fixture) : AccountFlowTests(fixture), IClassFixture<PostgresAppFixture>;
