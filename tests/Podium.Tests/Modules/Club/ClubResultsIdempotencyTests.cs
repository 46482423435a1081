using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Club;
using Podium.Modules.Club.Domain;
using Podium.Modules.Club.Features.Results;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Modules.Idempotency;
using Podium.Platform.Outbox;
using Podium.Platform.Settings;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Club;

/// <summary>
/// <c>PUT …/results/{angler}</c> with an API key and <c>Idempotency-Key</c>: one write, one audit row and one announcement
/// per key, whether the retry comes after the answer, beside the first request, or after the first one's instance died
/// between its commit and its answer.
/// </summary>
public abstract class ClubResultsIdempotencyTests(AppFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private sealed record Arranged(Guid TournamentId, Guid AnglerId, HttpClient Client)
    {
        public string Url => $"/api/v1/club/tournaments/{TournamentId}/results/{AnglerId}";

        public string AuditTarget => $"tournament:{TournamentId:N}/angler:{AnglerId:N}";
    }

    /// <summary>A tournament under way, an angler to weigh, and an officer's program holding an API key that records results.</summary>
    private async Task<Arranged> ArrangeAsync()
    {
        var email = $"officer-{Guid.NewGuid():N}@example.org";
        var user = (await TestUsers.CreateAsync(fixture.App, email)).User;
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var officer = new Angler { Name = "Tess Director", Email = email, UserId = user.Id };
        var angler = new Angler { Name = "Ada Newbag", Email = $"{Guid.NewGuid():N}@example.org" };
        var start = DateTime.UtcNow.Date.AddHours(12);
        var tournament = new Tournament
        {
            Event = new ClubEvent { Kind = EventKind.Tournament, Title = "Keyed Classic", StartsAt = start, EndsAt = start.AddHours(8) },
            Season = ClubProfile.DefaultZone.SeasonOf(start),
            Status = TournamentStatus.InProgress,
        };
        tournament.Id = tournament.Event.Id;
        var position = await db.Set<OfficerPosition>().OrderBy(p => p.Id).FirstAsync(_ct);
        db.AddRange(officer, angler, tournament, new OfficerTerm { AnglerId = officer.Id, PositionId = position.Id, Season = tournament.Season });
        await db.SaveChangesAsync(_ct);

        var owner = (await scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>().FindByEmailAsync(email)).ShouldNotBeNull();
        var key = await scope.ServiceProvider.GetRequiredService<ApiKeyService>()
            .CreateAsync(owner, owner.Id, new ApiKeyRequest("weigh-in", ["club:read", "club:results:write"], null, null, false), _ct);
        key.Succeeded.ShouldBeTrue(string.Join(", ", key.Errors.Values));
        var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key.Value!.Secret);
        return new Arranged(tournament.Id, angler.Id, client);
    }

    private Task<HttpResponseMessage> PutAsync(Arranged t, string key, int totalWeight = 1525)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, t.Url) { Content = JsonContent.Create(new { fish = 5, totalWeight }) };
        request.Headers.Add(IdempotencyExtensions.HeaderName, key);
        return t.Client.SendAsync(request, _ct);
    }

    private static bool Replayed(HttpResponseMessage response) =>
        response.Headers.TryGetValues(IdempotencyExtensions.ReplayedHeaderName, out var values) && values.Single() == "true";

    /// <summary>Audit rows of the bag, and outbox messages (one per subscriber of the results event) about the tournament.</summary>
    private async Task<(int Audited, int Announced, int Weight)> EffectsAsync(Arranged t)
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var audited = await db.Set<AuditEvent>().CountAsync(e => e.Action == "club.result.saved" && e.Target == t.AuditTarget, _ct);
        var payloads = await db.Set<OutboxMessage>().Where(m => m.Type.StartsWith(TournamentResultsChanged.Name)).Select(m => m.Payload).ToListAsync(_ct);
        var weight = await db.Set<TournamentResult>().Where(r => r.TournamentId == t.TournamentId && r.AnglerId == t.AnglerId).Select(r => r.TotalWeight).SingleAsync(_ct);
        return (audited, payloads.Count(p => p.Contains(t.TournamentId.ToString(), StringComparison.Ordinal)), weight);
    }

    [Fact]
    public async Task Put_WithTheSameKeyTwice_WritesOnce_AndReplaysTheSameBody()
    {
        var t = await ArrangeAsync();
        var key = Guid.NewGuid().ToString();

        var first = await PutAsync(t, key);
        var once = await EffectsAsync(t);
        var retry = await PutAsync(t, key);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        Replayed(first).ShouldBeFalse();
        retry.StatusCode.ShouldBe(HttpStatusCode.OK);
        Replayed(retry).ShouldBeTrue();
        (await retry.Content.ReadAsStringAsync(_ct)).ShouldBe(await first.Content.ReadAsStringAsync(_ct));
        once.Audited.ShouldBe(1);
        once.Announced.ShouldBeGreaterThan(0);
        (await EffectsAsync(t)).ShouldBe(once);
    }

    [Fact]
    public async Task Put_SentAtOnceWithOneKey_WritesOnce_AndEveryAnswerIsTheSame()
    {
        var t = await ArrangeAsync();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PutAsync(t, key)));

        responses.Select(r => r.StatusCode).ShouldAllBe(s => s == HttpStatusCode.OK);
        responses.Count(Replayed).ShouldBe(2);
        (await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync(_ct)))).Distinct().ShouldHaveSingleItem();
        (await EffectsAsync(t)).Audited.ShouldBe(1);
    }

    [Fact]
    public async Task Put_WithTheKeyOfAnotherBody_Is422_AndWritesNothing()
    {
        var t = await ArrangeAsync();
        var key = Guid.NewGuid().ToString();
        (await PutAsync(t, key)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var once = await EffectsAsync(t);

        var other = await PutAsync(t, key, totalWeight: 1600);

        other.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        once.Audited.ShouldBe(1);
        (await EffectsAsync(t)).ShouldBe(once);
        once.Weight.ShouldBe(1525);
    }

    [Fact]
    public async Task Put_RetriedAfterTheFirstCommittedAndItsInstanceDiedBeforeAnswering_Answers2xx_WithoutWritingAgain()
    {
        var t = await ArrangeAsync();
        var key = Guid.NewGuid().ToString();
        var first = await PutAsync(t, key);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var once = await EffectsAsync(t);

        // What kill -9 between the commit and the stored answer leaves: the key marked committed (by the write's own
        // transaction), no response, and a lease nobody renews.
        await CrashedAfterCommitAsync(key, leaseLeft: TimeSpan.FromSeconds(-1));
        var retry = await PutAsync(t, key);

        retry.StatusCode.ShouldBe(HttpStatusCode.OK);
        Replayed(retry).ShouldBeTrue();
        (await retry.Content.ReadFromJsonAsync<Dictionary<string, object>>(_ct)).ShouldNotBeNull()["totalWeight"].ToString().ShouldBe("1525");
        (await EffectsAsync(t)).ShouldBe(once);
        var again = await PutAsync(t, key);
        Replayed(again).ShouldBeTrue();
        (await again.Content.ReadAsStringAsync(_ct)).ShouldBe(await retry.Content.ReadAsStringAsync(_ct));
    }

    [Fact]
    public async Task Put_RetriedWhileACommittedKeysShortLeaseRunsOut_WaitsForIt_NotForTheInFlightLease()
    {
        var t = await ArrangeAsync();
        var key = Guid.NewGuid().ToString();
        (await PutAsync(t, key)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var once = await EffectsAsync(t);

        // Within the retry's wait (10 s): the committed key's lease (5 s at most) runs out, and the retry answers.
        await CrashedAfterCommitAsync(key, leaseLeft: TimeSpan.FromSeconds(2));
        var retry = await PutAsync(t, key);

        retry.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await EffectsAsync(t)).ShouldBe(once);
    }

    private async Task CrashedAfterCommitAsync(string key, TimeSpan leaseLeft)
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var record = await db.Set<IdempotencyRecord>().SingleAsync(r => r.Key == key, _ct);
        record.CommittedAt.ShouldNotBeNull();
        (record.CompletedAt, record.StatusCode, record.ResponseHeaders, record.ResponseBody, record.LeaseUntil) =
            (null, null, null, null, DateTime.UtcNow + leaseLeft);
        await db.SaveChangesAsync(_ct);
    }

    [Fact]
    public async Task Unit_OfARequestWhoseKeyWasTakenOver_RollsBackAndThrows_AndOneWhoseKeyCommittedEarlierRollsBackQuietly()
    {
        var (id, token) = (Guid.CreateVersion7(), Guid.NewGuid());
        await using (var scope = fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            db.Add(new IdempotencyRecord
            {
                Id = id, Caller = "test", Key = $"unit-{id:N}", RequestHash = new string('0', 64), LeaseToken = token,
                LeaseUntil = DateTime.UtcNow.AddMinutes(2), CreatedAt = DateTime.UtcNow, ExpiresAt = DateTime.UtcNow.AddHours(1),
            });
            await db.SaveChangesAsync(_ct);
        }

        async Task RunAsync(IdempotencyClaim.Owned claim, string settingKey)
        {
            IdempotentRequest.Current = new IdempotentRequest(claim, TimeProvider.System, TimeSpan.FromSeconds(5));
            try
            {
                await using var scope = fixture.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
                await db.InTransactionAsync(async ct =>
                {
                    db.Add(new PlatformSetting { Key = settingKey, Value = "v", UpdatedAt = DateTime.UtcNow });
                    await db.SaveChangesAsync(ct);
                }, cancellationToken: _ct);
            }
            finally
            {
                IdempotentRequest.Current = null;
            }
        }

        async Task<bool> ExistsAsync(string settingKey)
        {
            await using var scope = fixture.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<PlatformSetting>().AnyAsync(s => s.Key == settingKey, _ct);
        }

        var lost = $"unit.{id:N}.lost";
        await Should.ThrowAsync<IdempotencyKeyLostException>(() => RunAsync(new IdempotencyClaim.Owned(id, Guid.NewGuid()), lost));
        var replayed = $"unit.{id:N}.replayed";
        await RunAsync(new IdempotencyClaim.Owned(id, token, Replay: true), replayed);
        var owned = $"unit.{id:N}.owned";
        await RunAsync(new IdempotencyClaim.Owned(id, token), owned);

        (await ExistsAsync(lost)).ShouldBeFalse();
        (await ExistsAsync(replayed)).ShouldBeFalse();
        (await ExistsAsync(owned)).ShouldBeTrue();
        await using var check = fixture.CreateScope();
        (await check.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<IdempotencyRecord>().SingleAsync(r => r.Id == id, _ct)).CommittedAt.ShouldNotBeNull();
    }
}

public sealed class SqliteClubResultsIdempotencyTests(SqliteAppFixture fixture) : ClubResultsIdempotencyTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresClubResultsIdempotencyTests(PostgresAppFixture fixture) : ClubResultsIdempotencyTests(fixture), IClassFixture<PostgresAppFixture>;
