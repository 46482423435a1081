using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Identity;

public abstract class PersonalDataTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string Email = "robin@example.org";
    private const string Password = "marble kettle orbit lantern";
    private readonly TestClock _clock = new();
    private PodiumAppFactory _app = null!;
    private PodiumUser _user = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = (await PodiumAppFactory.CreateAsync(provider)).WithServices(s => s.AddSingleton<TimeProvider>(_clock));
        await using var scope = _app.Services.CreateAsyncScope();
        _user = new PodiumUser { UserName = Email, Email = Email, EmailConfirmed = true, DisplayName = "Robin Shore", TimeZone = "America/Chicago" };
        (await scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>().CreateAsync(_user, Password)).Succeeded.ShouldBeTrue();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private async Task<FormSession> SignedInAsync()
    {
        var session = new FormSession(_app);
        (await session.SignInAsync(Email, Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return session;
    }

    [Fact]
    public async Task Download_GivesEverythingHeldAboutThePersonAsJson()
    {
        var session = await SignedInAsync();

        var response = await session.SubmitAsync("/account/manage/data?handler=Download", new Dictionary<string, string>(), "/account/manage/data");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        response.Content.Headers.ContentDisposition?.FileName.ShouldNotBeNull().ShouldStartWith("podium-my-data-");
        response.Headers.CacheControl?.NoStore.ShouldBeTrue();
        var account = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("account");
        account.GetProperty("email").GetString().ShouldBe(Email);
        account.GetProperty("displayName").GetString().ShouldBe("Robin Shore");
        account.GetProperty("timeZone").GetString().ShouldBe("America/Chicago");
        account.GetProperty("sessions").GetArrayLength().ShouldBe(1);
        account.GetProperty("auditEvents").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ShouldContain("account.sign-in");
        account.ToString().ShouldNotContain("PasswordHash", Case.Insensitive);
    }

    [Fact]
    public async Task Delete_WithTheWrongPassword_ChangesNothing()
    {
        var session = await SignedInAsync();

        var response = await session.SubmitAsync("/account/manage/data?handler=Delete", new Dictionary<string, string> { ["Password"] = "not my password at all" }, "/account/manage/data");

        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("That is not your password");
        await using var scope = _app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>().FindByEmailAsync(Email)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Delete_WithTwoFactorOn_NeedsTheCodeToo()
    {
        string key;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>();
            var user = (await users.FindByEmailAsync(Email))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
        }

        var session = new FormSession(_app);
        await session.SignInAsync(Email, Password);
        var totp = new Totp(Base32Encoding.ToBytes(key));
        await session.SubmitAsync("/account/sign-in-2fa", new Dictionary<string, string> { ["Code"] = totp.ComputeTotp(_clock.GetUtcNow().UtcDateTime) });
        _clock.Advance(TimeSpan.FromSeconds(30));

        var noCode = await session.SubmitAsync("/account/manage/data?handler=Delete", new Dictionary<string, string> { ["Password"] = Password }, "/account/manage/data");
        (await noCode.Content.ReadAsStringAsync(Ct)).ShouldContain("That code did not work");

        var deleted = await session.SubmitAsync("/account/manage/data?handler=Delete",
            new Dictionary<string, string> { ["Password"] = Password, ["Code"] = totp.ComputeTotp(_clock.GetUtcNow().UtcDateTime) }, "/account/manage/data");
        deleted.Headers.Location!.OriginalString.ShouldBe("/account/deleted");
    }

    [Fact]
    public async Task Delete_ErasesTheAccountKeepsAnIntactPseudonymousTrail()
    {
        var session = await SignedInAsync();

        var response = await session.SubmitAsync("/account/manage/data?handler=Delete", new Dictionary<string, string> { ["Password"] = Password }, "/account/manage/data");

        response.Headers.Location!.OriginalString.ShouldBe("/account/deleted");
        (await session.Client.GetAsync("/account/manage", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await new FormSession(_app).SignInAsync(Email, Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        (await db.Set<PodiumUser>().AnyAsync(u => u.Id == _user.Id, Ct)).ShouldBeFalse();
        (await db.Set<UserSession>().AnyAsync(s => s.UserId == _user.Id, Ct)).ShouldBeFalse();
        (await db.Set<AuditEvent>().Where(e => e.ActorId == _user.Id).Select(e => e.Action).ToListAsync(Ct)).ShouldContain("account.deleted");
        (await db.Set<AuditEvent>().AnyAsync(e => e.Details != null && e.Details.Contains(Email), Ct)).ShouldBeFalse();
        (await AuditLog.VerifyAsync(db, Ct)).Intact.ShouldBeTrue();
    }
}

public sealed class PersonalDataTests_Sqlite() : PersonalDataTests(DatabaseProvider.Sqlite);

public sealed class PersonalDataTests_Postgres() : PersonalDataTests(DatabaseProvider.Postgres);
