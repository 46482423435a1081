using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Club;
using Podium.Modules.Club.Domain;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Modules.Idempotency;
using Podium.Platform.Security;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Cluster;

/// <summary>One <c>Idempotency-Key</c> sent to two instances behind a load balancer at once: the key lives in the shared database.</summary>
public sealed class IdempotencyClusterTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PutResult_WhenOneKeyReachesBothInstancesAtOnce_WritesOnce_AndBothAnswerTheFirstResponse()
    {
        var email = $"officer-{Guid.NewGuid():N}@example.org";
        var officer = (await TestUsers.CreateAsync(cluster.A, email)).User;
        var season = ClubProfile.DefaultZone.SeasonOf(DateTime.UtcNow);
        var tournament = new Tournament
        {
            Event = new ClubEvent { Kind = EventKind.Tournament, Title = "Cluster Classic", StartsAt = DateTime.UtcNow, EndsAt = DateTime.UtcNow.AddHours(8) },
            Season = season,
            Status = TournamentStatus.InProgress,
        };
        tournament.Id = tournament.Event.Id;
        var angler = new Angler { Name = "Ada Twice", Email = $"{Guid.NewGuid():N}@example.org" };
        string apiKey;
        await using (var scope = cluster.A.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            var director = new Angler { Name = "Tess Director", Email = email, UserId = officer.Id };
            db.AddRange(tournament, angler, director);
            db.Add(new OfficerTerm { Angler = director, AnglerId = director.Id, PositionId = await db.Set<OfficerPosition>().OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(Ct), Season = season });
            await db.SaveChangesAsync(Ct);
            var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>()
                .CreateAsync(officer, officer.Id, new ApiKeyRequest("weigh-in", [ClubScopes.ResultsWrite], null, null, false), Ct);
            apiKey = created.Value!.Secret;
        }

        var url = $"/api/v1/club/tournaments/{tournament.Id}/results/{angler.Id}";
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(
            Enumerable.Range(0, 3).SelectMany(_ => new[] { cluster.A, cluster.B }).Select(app => Put(app, url, apiKey, key)));

        responses.Select(r => r.StatusCode).ShouldAllBe(s => s == HttpStatusCode.OK);
        responses.Count(r => r.Headers.Contains(IdempotencyExtensions.ReplayedHeaderName)).ShouldBe(responses.Length - 1);
        (await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync(Ct)))).Distinct().ShouldHaveSingleItem();
        await using var check = cluster.B.Services.CreateAsyncScope();
        var saved = await check.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<AuditEvent>()
            .CountAsync(e => e.Action == "club.result.saved" && e.Target == $"tournament:{tournament.Id:N}/angler:{angler.Id:N}", Ct);
        saved.ShouldBe(1);
    }

    private static Task<HttpResponseMessage> Put(PodiumAppFactory app, string url, string apiKey, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(new { fish = 5, totalWeight = 1480 }) };
        request.Headers.Add("X-Api-Key", apiKey);
        request.Headers.Add(IdempotencyExtensions.HeaderName, key);
        return app.CreateClient().SendAsync(request, Ct);
    }
}
