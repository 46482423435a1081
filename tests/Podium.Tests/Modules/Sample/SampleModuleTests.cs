using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Sample;
using Podium.Modules.Sample.Domain;
using Podium.Platform.Identity;
using Podium.Platform.Security;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Sample;

/// <summary>The worked example answers as a module should: its page from the navigation, its API under its own scope.</summary>
public sealed class SampleModuleTests(SampleHostFixture fixture) : IClassFixture<SampleHostFixture>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private HttpClient Client => fixture.Host.Client;

    [Fact]
    public async Task Page_WhenFollowedFromTheNavigation_ShowsTodaysTip()
    {
        var home = await Client.GetStringAsync("/", _ct);
        home.ShouldContain("<a class=\"nav-link\" href=\"/sample\">Sample</a>", Case.Sensitive);

        var response = await Client.GetAsync("/sample", _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var today = DateOnly.FromDateTime(fixture.Host.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        (await response.Content.ReadAsStringAsync(_ct)).ShouldContain($"<p data-testid=\"tip\">{Tips.For(today)}</p>", Case.Sensitive);
    }

    [Fact]
    public async Task Api_WithoutACredential_ReadsTheTipWithTheModulesScopeDeclaredOnTheGroup()
    {
        var response = await Client.GetAsync("/api/v1/sample/tip", _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var tip = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        tip.GetProperty("tip").GetString().ShouldBe(Tips.For(DateOnly.Parse(tip.GetProperty("day").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Api_WithAKeyLackingTheModulesScope_Is403ProblemDetails_AndWithItReads()
    {
        var owner = (await TestUsers.CreateAsync(fixture.Host.Services, $"sample-{Guid.NewGuid():N}@example.org")).User;
        var otherKey = await KeyAsync(owner, ApiScopes.ProfileRead);
        var sampleKey = await KeyAsync(owner, SampleModule.ReadScope);

        var refused = await GetTipAsync(otherKey);
        var allowed = await GetTipAsync(sampleKey);

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void Tips_For_ConsecutiveDays_GivesEveryTipOnceThenStartsAgain()
    {
        var first = new DateOnly(2026, 1, 1);

        var cycle = Enumerable.Range(0, Tips.Count).Select(d => Tips.For(first.AddDays(d))).ToList();

        cycle.ShouldBeUnique();
        Tips.For(first.AddDays(Tips.Count)).ShouldBe(cycle[0]);
    }

    private Task<HttpResponseMessage> GetTipAsync(string apiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sample/tip");
        request.Headers.Add("X-Api-Key", apiKey);
        return Client.SendAsync(request, _ct);
    }

    private async Task<string> KeyAsync(PodiumUser owner, string scope)
    {
        await using var services = fixture.Host.Services.CreateAsyncScope();
        var outcome = await services.ServiceProvider.GetRequiredService<ApiKeyService>()
            .CreateAsync(owner, owner.Id, new ApiKeyRequest("sample test key", [scope], null, null, false), _ct);
        outcome.Errors.ShouldBeEmpty();
        return outcome.Value!.Secret;
    }
}
