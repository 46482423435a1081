using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Security;

public abstract class DataProtectionKeysTests(DatabaseProvider provider)
{
    [Fact]
    public async Task CookieIssuedByOneInstance_IsAcceptedByAnotherOnTheSameDatabase()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await TestDatabase.CreateAsync(provider);
        await using var first = new PodiumAppFactory(database);
        await using var second = new PodiumAppFactory(database);
        await TestUsers.CreateAsync(first, "robin@example.org");
        var onFirst = new FormSession(first);
        (await onFirst.SignInAsync("robin@example.org", TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookie = string.Join("; ", (await onFirst.Client.GetAsync("/account/manage", ct)).RequestMessage!.Headers.TryGetValues("Cookie", out var sent) ? sent : []);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/manage");
        var onSecond = second.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://podium.example"),
            AllowAutoRedirect = false,
            HandleCookies = false,
        });
        request.Headers.Add("Cookie", cookie);
        var response = await onSecond.SendAsync(request, ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(ct)).ShouldContain("robin@example.org");
        await using var scope = second.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().DataProtectionKeys.CountAsync(ct)).ShouldBe(1);
    }
}

public sealed class DataProtectionKeysTests_Sqlite() : DataProtectionKeysTests(DatabaseProvider.Sqlite);

public sealed class DataProtectionKeysTests_Postgres() : DataProtectionKeysTests(DatabaseProvider.Postgres);
