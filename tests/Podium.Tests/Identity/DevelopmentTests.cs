using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Identity;

public sealed class DevelopmentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DevelopmentStart_SeedsOneAdministratorAndShowsTheMail()
    {
        await using var app = await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite);
        app.Environment = "Development";
        app.WithSetting("Podium:Database:SeedOnStart", "true");

        var session = new FormSession(app);
        await session.SubmitAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Dev Tester",
            ["Input.Email"] = "dev@example.org",
            ["Input.Password"] = "marble kettle orbit lantern",
            ["Input.ConfirmPassword"] = "marble kettle orbit lantern",
        });
        await new Mailbox(app.MailDirectory).WaitForAsync("dev@example.org", "Confirm");

        var mail = await session.GetPageAsync("/dev/mail");
        mail.ShouldContain("Confirm your e-mail address for Podium");
        await using var scope = app.Services.CreateAsyncScope();
        var admins = await scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>().GetUsersInRoleAsync(Roles.Admin);
        admins.ShouldHaveSingleItem().Email.ShouldBe(DevelopmentAdmin.Email);
        (await DemoData.SeedAsync(app.Services, Ct)).Single(r => r.Seeder.Contains("administrator", StringComparison.Ordinal)).Rows.ShouldBe(0);
    }

    [Fact]
    public async Task DevMail_OutsideDevelopment_DoesNotExist()
    {
        await using var app = await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite);

        (await app.CreateClient().GetAsync("/dev/mail", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
