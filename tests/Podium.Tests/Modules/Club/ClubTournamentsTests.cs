using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Club;
using Podium.Modules.Club.Domain;
using Podium.Modules.Club.Features.Results;
using Podium.Platform.Audit;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Platform.Modules.Events;
using Podium.Platform.Modules.Idempotency;
using Podium.Platform.Outbox;
using Podium.Platform.Realtime;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Club;

/// <summary>
/// Records what the app publishes instead of sending it, so a test can see that a change went live; and subscribes a
/// second reader to the results event, as another module's read model would, that fails its first delivery of each.
/// The outbox polls and retries quickly, so that retry comes within the test.
/// </summary>
public abstract class ClubTournamentsFixture(DatabaseProvider provider) : AppFixture(provider)
{
    public RecordingLiveUpdates Live { get; } = new();

    public ResultsReadModel ReadModel { get; } = new();

    /// <summary>Set when the app starts: lets a test make a tournament's board stale.</summary>
    public StaleCache Cache { get; private set; } = null!;

    protected override void Configure(PodiumAppFactory app) => app
        .WithSetting("Podium:Outbox:PollInterval", "00:00:00.250")
        .WithSetting("Podium:Outbox:RetryBaseDelay", "00:00:00.050")
        .WithSetting("Podium:Outbox:MaxRetryDelay", "00:00:00.200")
        .WithServices(s => s.AddSingleton<ILiveUpdates>(Live).AddSingleton(ReadModel)
            .AddSingleton<IPodiumCache>(sp => Cache = new StaleCache(sp.GetRequiredService<PodiumCache>()))
            .AddDomainEventHandler<ResultsSeen, FailingFirstReadModel>(TournamentResultsChanged.Name, "test-read-model"));
}

/// <summary>The subscriber's own view of the event's JSON: a module that cannot see Club's types reads it by name.</summary>
public sealed record ResultsSeen(Guid TournamentId);

public sealed class ResultsReadModel
{
    public ConcurrentDictionary<Guid, int> Deliveries { get; } = new();
}

internal sealed class FailingFirstReadModel(ResultsReadModel model) : IDomainEventHandler<ResultsSeen>
{
    public Task HandleAsync(ResultsSeen domainEvent, CancellationToken cancellationToken) =>
        model.Deliveries.AddOrUpdate(domainEvent.TournamentId, 1, (_, n) => n + 1) == 1
            ? throw new InvalidOperationException("The read model is down for its first delivery.")
            : Task.CompletedTask;
}

public sealed class SqliteClubTournamentsFixture() : ClubTournamentsFixture(DatabaseProvider.Sqlite);

public sealed class PostgresClubTournamentsFixture() : ClubTournamentsFixture(DatabaseProvider.Postgres);

/// <summary>Weigh-in page, tournament editor and results API on a real database.</summary>
public abstract class ClubTournamentsTests(ClubTournamentsFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private sealed record Arranged(Guid TournamentId, Guid NewAnglerId, Guid WeighedAnglerId);

    /// <summary>A tournament with one bag weighed (12.00 lb) and a second angler still to weigh.</summary>
    private async Task<Arranged> ArrangeAsync(TournamentStatus status = TournamentStatus.Scheduled, DateTime? startsAt = null)
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var (ada, bo) = (NewAngler("Ada Newbag"), NewAngler("Bo Weighed"));
        var tournament = NewTournament("Test Classic", startsAt ?? DateTime.UtcNow.Date.AddHours(12), status, (bo, 5, 1200, 400));
        tournament.EntryFeeCents = 5000;
        db.AddRange(ada, tournament);
        await db.SaveChangesAsync(_ct);
        return new Arranged(tournament.Id, ada.Id, bo.Id);
    }

    private static Angler NewAngler(string name) => new() { Name = name, Email = $"{Guid.NewGuid():N}@example.org" };

    /// <summary>A tournament with its event and these bags (weights in hundredths), placed and scored as a save would.</summary>
    private static Tournament NewTournament(string title, DateTime startUtc, TournamentStatus status, params (Angler Angler, int Fish, int Total, int BigBass)[] bags)
    {
        var tournament = new Tournament
        {
            Event = new ClubEvent { Kind = EventKind.Tournament, Title = title, StartsAt = startUtc, EndsAt = startUtc.AddHours(8) },
            Season = ClubProfile.DefaultZone.SeasonOf(startUtc),
            Status = status,
        };
        tournament.Id = tournament.Event.Id;
        tournament.Results.AddRange(bags.Select(b => new TournamentResult { Angler = b.Angler, AnglerId = b.Angler.Id, Fish = b.Fish, TotalWeight = b.Total, BigBass = b.BigBass }));
        Podium.Modules.Club.Features.Results.TournamentScoring.Apply(tournament);
        return tournament;
    }

    private async Task<FormSession> SignedInAsync(bool officer)
    {
        var email = $"{(officer ? "officer" : "member")}-{Guid.NewGuid():N}@example.org";
        var user = (await TestUsers.CreateAsync(fixture.App, email)).User;
        await using (var scope = fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            var angler = new Angler { Name = officer ? "Tess Director" : "Mo Member", Email = email, UserId = user.Id };
            db.Add(angler);
            if (officer)
            {
                var season = ClubProfile.DefaultZone.SeasonOf(DateTime.UtcNow);
                var position = await db.Set<OfficerPosition>().OrderBy(p => p.Id).FirstAsync(_ct);
                db.Add(new OfficerTerm { AnglerId = angler.Id, PositionId = position.Id, Season = season });
            }

            await db.SaveChangesAsync(_ct);
        }

        var session = new FormSession(fixture.App);
        (await session.SignInAsync(email, TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return session;
    }

    private async Task<List<TournamentResult>> ResultsAsync(Guid tournamentId)
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<TournamentResult>().AsNoTracking()
            .Where(r => r.TournamentId == tournamentId).OrderBy(r => r.Place).ToListAsync(_ct);
    }

    private static Dictionary<string, string> Bag(Guid angler, string fish, string total, string bigBass = "", string penalty = "") => new()
    {
        ["Input.AnglerId"] = angler.ToString(),
        ["Input.Fish"] = fish,
        ["Input.TotalWeight"] = total,
        ["Input.BigBass"] = bigBass,
        ["Input.DeadFishPenalty"] = penalty,
        ["Input.Membership"] = "",
    };

    [Fact]
    public async Task WeighIn_WhenAnOfficerSavesABag_RescoresAuditsAndPublishesLive()
    {
        var t = await ArrangeAsync();
        var officer = await SignedInAsync(officer: true);
        var path = $"/club/manage/tournaments/{t.TournamentId}/weigh-in";

        var response = await officer.SubmitAsync(path, Bag(t.NewAnglerId, "5", "15.25", "4.50"));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var results = await ResultsAsync(t.TournamentId);
        results.Select(r => (r.AnglerId, r.Place, r.Points, r.TotalWeight)).ShouldBe([(t.NewAnglerId, 1, 100, 1525), (t.WeighedAnglerId, 2, 99, 1200)]);
        (await officer.GetPageAsync(response.Headers.Location!.OriginalString)).ShouldContain("Saved Ada Newbag: 15.25 lb, place 1, 100 points.");

        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        (await db.Set<Tournament>().SingleAsync(x => x.Id == t.TournamentId, _ct)).Status.ShouldBe(TournamentStatus.InProgress);
        var audit = await db.Set<AuditEvent>().AsNoTracking()
            .Where(e => e.Action == "club.result.saved" && e.Target!.Contains(t.TournamentId.ToString("N")))
            .SingleAsync(_ct);
        audit.ActorId.ShouldNotBeNull();
        using var details = JsonDocument.Parse(audit.Details!);
        details.RootElement.GetProperty("before").ValueKind.ShouldBe(JsonValueKind.Null);
        details.RootElement.GetProperty("after").GetProperty("totalWeight").GetInt32().ShouldBe(1525);
        details.RootElement.GetProperty("after").GetProperty("place").GetInt32().ShouldBe(1);
        await PublishedLiveAsync(t.TournamentId);
    }

    /// <summary>Results go live through the outbox (the TournamentResultsChanged event's subscriber), just after the commit.</summary>
    private Task PublishedLiveAsync(Guid tournamentId) =>
        Eventually.HoldsAsync(
            () => Task.FromResult(fixture.Live.Sent.Any(p => (p.Topic, p.Name) == (ClubLiveTopics.ForTournament(tournamentId), "results"))),
            TimeSpan.FromSeconds(10),
            "the results published live");

    private async Task<TournamentStatus> StatusAsync(Guid tournamentId)
    {
        await using var scope = fixture.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<Tournament>().AsNoTracking().SingleAsync(x => x.Id == tournamentId, _ct)).Status;
    }

    [Fact]
    public async Task WeighIn_WhenAnOfficerOnlyOpensThePage_TheTournamentStaysScheduledUntilTheyOpenIt()
    {
        var t = await ArrangeAsync(TournamentStatus.Scheduled, DateTime.UtcNow.Date.AddDays(9).AddHours(12));
        var officer = await SignedInAsync(officer: true);
        var path = $"/club/manage/tournaments/{t.TournamentId}/weigh-in";

        (await officer.GetPageAsync(path)).ShouldContain("Open weigh-in");

        (await StatusAsync(t.TournamentId)).ShouldBe(TournamentStatus.Scheduled);
        (await officer.SubmitAsync($"{path}?handler=Open", new Dictionary<string, string>(), path)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StatusAsync(t.TournamentId)).ShouldBe(TournamentStatus.InProgress);
    }

    [Theory]
    [InlineData(-3, "Completed")]
    [InlineData(3, "InProgress")]
    public async Task Manage_RestoringACancelledTournamentWithBags_BringsItBackByItsDay(int daysFromToday, string restored)
    {
        var t = await ArrangeAsync(TournamentStatus.Completed, DateTime.UtcNow.Date.AddDays(daysFromToday).AddHours(12));
        var officer = await SignedInAsync(officer: true);

        (await officer.SubmitAsync($"/club/manage/tournaments?handler=Cancel&id={t.TournamentId}", new Dictionary<string, string>(), "/club/manage/tournaments"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StatusAsync(t.TournamentId)).ShouldBe(TournamentStatus.Cancelled);
        (await officer.GetPageAsync("/club/manage/tournaments")).ShouldContain($"aria-label=\"Restore Test Classic\"");

        (await officer.SubmitAsync($"/club/manage/tournaments?handler=Restore&id={t.TournamentId}", new Dictionary<string, string>(), "/club/manage/tournaments"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await StatusAsync(t.TournamentId)).ShouldBe(Enum.Parse<TournamentStatus>(restored));
        (await ResultsAsync(t.TournamentId)).Single().Place.ShouldBe(1);
    }

    [Fact]
    public async Task Manage_ACompletedTournament_OffersNoOneTapCancel()
    {
        var t = await ArrangeAsync(TournamentStatus.Completed, DateTime.UtcNow.Date.AddDays(-3).AddHours(12));
        var officer = await SignedInAsync(officer: true);

        var page = await officer.GetPageAsync("/club/manage/tournaments");

        var row = Regex.Match(page, $"<li class=\"list-group-item\">(?:(?!</li>).)*/club/tournaments/{t.TournamentId}\"(?:(?!</li>).)*</li>", RegexOptions.Singleline);
        row.Success.ShouldBeTrue();
        row.Value.ShouldContain("Weigh-in");
        row.Value.ShouldNotContain("Cancel");
    }

    [Fact]
    public async Task Manage_AnOfficer_FindsTheHubFromTheClubMenuAndTheWeighInAtHandOnIt()
    {
        var t = await ArrangeAsync(TournamentStatus.InProgress);
        var officer = await SignedInAsync(officer: true);

        (await officer.GetPageAsync("/club/standings")).ShouldContain("href=\"/club/manage\"");
        var hub = await officer.GetPageAsync("/club/manage");

        hub.ShouldContain("Weigh-in open");
        hub.ShouldContain($"href=\"/club/manage/tournaments/{t.TournamentId}/weigh-in\"");
        foreach (var task in new[] { "tournaments", "import", "events", "lakes", "polls", "news", "members", "officers", "officers/positions", "settings" })
        {
            hub.ShouldContain($"href=\"/club/manage/{task}\"");
        }
    }

    [Fact]
    public async Task Manage_AMemberWhoIsNoOfficer_SeesTheirOwnPageInTheMenuButNoManageAndIsDeniedTheHub()
    {
        var member = await SignedInAsync(officer: false);

        var page = await member.GetPageAsync("/club/standings");

        page.ShouldContain("href=\"/club/me\"");
        page.ShouldNotContain("href=\"/club/manage\"");
        (await member.Client.GetAsync("/club/manage", _ct)).Headers.Location!.AbsolutePath.ShouldBe("/account/access-denied");
        var visitor = await new FormSession(fixture.App).GetPageAsync("/club/standings");
        visitor.ShouldNotContain("href=\"/club/me\"");
        visitor.ShouldNotContain("href=\"/club/manage\"");
        visitor.ShouldNotContain("data-testid=\"sample-data\"");
    }

    [Fact]
    public async Task StandingsApi_WhenTheSeasonsLastTournamentIsCancelled_LeavesItOut_AndCompletingItAgainBringsItBack()
    {
        // A season of its own (no other test weighs bags in 2019), worked by hand:
        // January (completed): Ada 15.00 → 100, Bo 12.00 → 99.
        // February (weigh-in still open): Cy 20.00, Bo 10.00 — counts for nothing until completed.
        // March, the last (completed, then cancelled): Bo 18.00 → 100, Cy 14.00 → 99, Ada 9.00 → 98.
        var tag = Guid.NewGuid().ToString("N")[..6];
        Angler ada = NewAngler($"Ada {tag}"), bo = NewAngler($"Bo {tag}"), cy = NewAngler($"Cy {tag}");
        var march = NewTournament($"March {tag}", new DateTime(2019, 3, 16, 11, 0, 0, DateTimeKind.Utc), TournamentStatus.Completed, (bo, 5, 1800, 650), (cy, 4, 1400, 520), (ada, 3, 900, 300));
        await using (var scope = fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            db.AddRange(
                NewTournament($"January {tag}", new DateTime(2019, 1, 19, 12, 0, 0, DateTimeKind.Utc), TournamentStatus.Completed, (ada, 5, 1500, 400), (bo, 5, 1200, 300)),
                NewTournament($"February {tag}", new DateTime(2019, 2, 16, 12, 0, 0, DateTimeKind.Utc), TournamentStatus.InProgress, (cy, 5, 2000, 600), (bo, 5, 1000, 300)),
                march);
            await db.SaveChangesAsync(_ct);
        }

        var officer = await SignedInAsync(officer: true);
        var client = fixture.CreateClient();
        // Bo 100 + 99 = 199 with 30.00 lb; Ada 100 + 98 = 198; Cy 99. Bo's 18.00 and 6.50 in March win both awards.
        var withMarch = new Season(
            [(1, $"Bo {tag}", 199, 2, 10, 30.00m, 6.50m), (2, $"Ada {tag}", 198, 2, 8, 24.00m, 4.00m), (3, $"Cy {tag}", 99, 1, 4, 14.00m, 5.20m)],
            [$"Bo {tag}"],
            [($"Bo {tag}", $"March {tag}", 18.00m)],
            [($"Bo {tag}", $"March {tag}", 6.50m)],
            [($"Bo {tag}", $"March {tag}", 6.50m), ($"Cy {tag}", $"March {tag}", 5.20m)]);
        (await SeasonAsync(client, 2019)).ShouldBe(withMarch);

        (await officer.SubmitAsync($"/club/manage/tournaments?handler=Cancel&id={march.Id}", new Dictionary<string, string>(), "/club/manage/tournaments"))
            .Headers.Location!.OriginalString.ShouldBe("/club/manage/tournaments?message=cancelled");

        // January alone: Cy fished only in the open and the cancelled weigh-ins, so has no line at all; no fish reached 5.00 lb.
        (await SeasonAsync(client, 2019)).ShouldBe(new Season(
            [(1, $"Ada {tag}", 100, 1, 5, 15.00m, 4.00m), (2, $"Bo {tag}", 99, 1, 5, 12.00m, 3.00m)],
            [$"Ada {tag}"],
            [($"Ada {tag}", $"January {tag}", 15.00m)],
            [($"Ada {tag}", $"January {tag}", 4.00m)],
            []));

        (await officer.SubmitAsync($"/club/manage/tournaments/{march.Id}/weigh-in?handler=Complete", new Dictionary<string, string>(), "/club/manage/tournaments"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await SeasonAsync(client, 2019)).ShouldBe(withMarch);
    }

    private sealed record Season(
        IReadOnlyList<(int Rank, string Angler, int Points, int Tournaments, int Fish, decimal WeightLb, decimal BigBassLb)> Standings,
        IReadOnlyList<string> AnglerOfTheYear,
        IReadOnlyList<(string Angler, string Tournament, decimal WeightLb)> HeavyStringer,
        IReadOnlyList<(string Angler, string Tournament, decimal WeightLb)> BigBass,
        IReadOnlyList<(string Angler, string Tournament, decimal WeightLb)> BigBassList)
    {
        public bool Equals(Season? other) => other is not null && Standings.SequenceEqual(other.Standings) && AnglerOfTheYear.SequenceEqual(other.AnglerOfTheYear)
            && HeavyStringer.SequenceEqual(other.HeavyStringer) && BigBass.SequenceEqual(other.BigBass) && BigBassList.SequenceEqual(other.BigBassList);

        public override int GetHashCode() => Standings.Count;

        public override string ToString() => string.Join("; ", Standings) + " | AoY " + string.Join(", ", AnglerOfTheYear) + " | heavy " + string.Join(", ", HeavyStringer)
            + " | big bass " + string.Join(", ", BigBass) + " | 5-lb list " + string.Join(", ", BigBassList);
    }

    /// <summary>The season as an anonymous visitor reads it from the standings and awards API (output-cached responses included).</summary>
    private async Task<Season> SeasonAsync(HttpClient client, int year)
    {
        var standings = await client.GetFromJsonAsync<JsonElement>($"/api/v1/club/standings/{year}", _ct);
        var awards = await client.GetFromJsonAsync<JsonElement>($"/api/v1/club/awards/{year}", _ct);
        static List<(string, string, decimal)> Catches(JsonElement list) =>
            [.. list.EnumerateArray().Select(c => (c.GetProperty("anglerName").GetString()!, c.GetProperty("tournamentName").GetString()!, c.GetProperty("weightLb").GetDecimal()))];
        return new Season(
            [.. standings.EnumerateArray().Select(l => (l.GetProperty("rank").GetInt32(), l.GetProperty("anglerName").GetString()!, l.GetProperty("points").GetInt32(),
                l.GetProperty("tournaments").GetInt32(), l.GetProperty("fish").GetInt32(), l.GetProperty("weightLb").GetDecimal(), l.GetProperty("bigBassLb").GetDecimal()))],
            [.. awards.GetProperty("anglerOfTheYear").EnumerateArray().Select(l => l.GetProperty("anglerName").GetString()!)],
            Catches(awards.GetProperty("heavyStringer")),
            Catches(awards.GetProperty("bigBass")),
            Catches(awards.GetProperty("bigBassList")));
    }

    [Fact]
    public async Task WeighIn_CorrectingABag_RecordsBeforeAndAfter()
    {
        var t = await ArrangeAsync(TournamentStatus.InProgress);
        var officer = await SignedInAsync(officer: true);
        var path = $"/club/manage/tournaments/{t.TournamentId}/weigh-in";

        (await officer.GetPageAsync($"{path}?angler={t.WeighedAnglerId}")).ShouldContain("value=\"12.00\"");
        (await officer.SubmitAsync(path, Bag(t.WeighedAnglerId, "5", "11.00", "4.00", "0.50"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var bo = (await ResultsAsync(t.TournamentId)).Single();
        (bo.TotalWeight, bo.DeadFishPenalty, bo.NetWeight).ShouldBe((1100, 50, 1050));
        await using var scope = fixture.CreateScope();
        var audit = await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<AuditEvent>().AsNoTracking()
            .Where(e => e.Action == "club.result.saved" && e.Target!.Contains(t.TournamentId.ToString("N")))
            .SingleAsync(_ct);
        using var details = JsonDocument.Parse(audit.Details!);
        details.RootElement.GetProperty("before").GetProperty("totalWeight").GetInt32().ShouldBe(1200);
        details.RootElement.GetProperty("after").GetProperty("deadFishPenalty").GetInt32().ShouldBe(50);
    }

    [Theory]
    [InlineData("9", "abc", "-1", "", "Enter pounds like 12.34")]
    [InlineData("7", "20.00", "4.00", "", "The limit is 5 fish; this bag has 7.")]
    [InlineData("5", "10.00", "12.00", "", "The big bass can&#x27;t weigh more than the whole bag.")]
    [InlineData("0", "3.00", "", "", "No fish means no weight")]
    [InlineData("3", "9.00", "4.00", "9.50", "The dead-fish penalty can&#x27;t be more than the bag&#x27;s total weight.")]
    [InlineData("", "9.00", "", "", "Enter the number of fish (0 for none).")]
    [InlineData("5", "1.234", "", "", "Enter pounds like 12.34")]
    public async Task WeighIn_WhenTheBagIsGarbage_ShowsAFriendlyErrorAndChangesNothing(string fish, string total, string bigBass, string penalty, string message)
    {
        var t = await ArrangeAsync(TournamentStatus.InProgress);
        var officer = await SignedInAsync(officer: true);
        var before = await ResultsAsync(t.TournamentId);
        var published = fixture.Live.Sent.Count(p => p.Topic == ClubLiveTopics.ForTournament(t.TournamentId));

        var response = await officer.SubmitAsync($"/club/manage/tournaments/{t.TournamentId}/weigh-in", Bag(t.NewAnglerId, fish, total, bigBass, penalty));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(_ct)).ShouldContain(message);
        (await ResultsAsync(t.TournamentId)).Select(r => (r.AnglerId, r.TotalWeight, r.Place)).ShouldBe(before.Select(r => (r.AnglerId, r.TotalWeight, r.Place)));
        fixture.Live.Sent.Count(p => p.Topic == ClubLiveTopics.ForTournament(t.TournamentId)).ShouldBe(published);
        // Live updates are delivered after the commit: what must be absent is the event itself.
        await using var scope = fixture.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<OutboxMessage>()
            .CountAsync(m => m.Type.StartsWith(TournamentResultsChanged.Name + ".") && m.Payload.Contains(t.TournamentId.ToString()), _ct)).ShouldBe(0);
    }

    [Fact]
    public async Task WeighIn_WhenAMemberWhoIsNoOfficerAsks_IsForbiddenAndTheApiRefusesTheirWrite()
    {
        var t = await ArrangeAsync(TournamentStatus.InProgress);
        var member = await SignedInAsync(officer: false);

        foreach (var path in new[] { $"/club/manage/tournaments/{t.TournamentId}/weigh-in", "/club/manage/tournaments", "/club/manage/tournaments/edit" })
        {
            (await new FormSession(fixture.App).Client.GetAsync(path, _ct)).Headers.Location!.AbsolutePath.ShouldBe("/account/sign-in", path);
        }

        var page = await member.Client.GetAsync($"/club/manage/tournaments/{t.TournamentId}/weigh-in", _ct);
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.AbsolutePath.ShouldBe("/account/access-denied");
        var put = await member.Client.PutAsJsonAsync($"/api/v1/club/tournaments/{t.TournamentId}/results/{t.NewAnglerId}", new { fish = 5, totalWeight = 1500 }, _ct);
        put.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await new FormSession(fixture.App).Client.DeleteAsync($"/api/v1/club/tournaments/{t.TournamentId}/results/{t.WeighedAnglerId}", _ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ResultsAsync(t.TournamentId)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Api_PutResult_SavesThePlacedBagInHundredthsAndPounds_AndDeleteRemovesIt()
    {
        var t = await ArrangeAsync(TournamentStatus.InProgress);
        var officer = await SignedInAsync(officer: true);
        var url = $"/api/v1/club/tournaments/{t.TournamentId}/results/{t.NewAnglerId}";

        var put = await officer.Client.PutAsJsonAsync(url, new { fish = 4, totalWeight = 1234, bigBass = 500, member = false }, _ct);

        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await put.Content.ReadAsStringAsync(_ct);
        // Pounds always carry two decimals, as the standings API writes them and the scale reads them.
        text.ShouldContain("\"bigBassLb\":5.00");
        text.ShouldContain("\"deadFishPenaltyLb\":0.00");
        using (var body = JsonDocument.Parse(text))
        {
            body.RootElement.GetProperty("totalWeight").GetInt32().ShouldBe(1234);
            body.RootElement.GetProperty("totalWeightLb").GetDecimal().ShouldBe(12.34m);
            body.RootElement.GetProperty("place").GetInt32().ShouldBe(1);
            // A guest is placed by weight and earns nothing; the member behind keeps 100.
            body.RootElement.GetProperty("points").GetInt32().ShouldBe(0);
        }

        var results = await fixture.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/club/tournaments/{t.TournamentId}/results", _ct);
        results.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("points").GetInt32()).ShouldBe([0, 100]);
        results.GetProperty("payouts")[0].GetProperty("placeCents").GetInt32().ShouldBe(5000);
        await PublishedLiveAsync(t.TournamentId);

        (await officer.Client.DeleteAsync(url, _ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await officer.Client.DeleteAsync(url, _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ResultsAsync(t.TournamentId)).Single().Points.ShouldBe(100);
    }

    [Fact]
    public async Task Api_PutResult_WhenTheCachedBoardIsStale_AnswersWithTheBagItSaved()
    {
        var t = await ArrangeAsync(TournamentStatus.InProgress);
        var officer = await SignedInAsync(officer: true);
        fixture.Cache.Pin($"club:tournament:{t.TournamentId:N}");
        var resultsUrl = $"/api/v1/club/tournaments/{t.TournamentId}/results";
        // The board as it was before the write: one bag, and this cache will go on serving it.
        (await fixture.CreateClient().GetFromJsonAsync<JsonElement>(resultsUrl, _ct)).GetProperty("results").GetArrayLength().ShouldBe(1);

        var put = await officer.Client.PutAsJsonAsync($"{resultsUrl}/{t.NewAnglerId}", new { fish = 5, totalWeight = 1525 }, _ct);

        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        var bag = await put.Content.ReadFromJsonAsync<JsonElement>(_ct);
        bag.GetProperty("anglerId").GetGuid().ShouldBe(t.NewAnglerId);
        bag.GetProperty("anglerName").GetString().ShouldBe("Ada Newbag");
        bag.GetProperty("totalWeight").GetInt32().ShouldBe(1525);
        bag.GetProperty("place").GetInt32().ShouldBe(1);
        bag.GetProperty("points").GetInt32().ShouldBe(100);
        // The cache really was stale: what made the old handler fail.
        (await fixture.CreateClient().GetFromJsonAsync<JsonElement>(resultsUrl, _ct)).GetProperty("results").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task WeighIn_WhenTheCachedBoardIsStale_SaysWhatWasSaved()
    {
        var t = await ArrangeAsync(TournamentStatus.InProgress);
        var officer = await SignedInAsync(officer: true);
        fixture.Cache.Pin($"club:tournament:{t.TournamentId:N}");
        var path = $"/club/manage/tournaments/{t.TournamentId}/weigh-in";
        await officer.GetPageAsync(path); // caches the board without Ada's bag

        var response = await officer.SubmitAsync(path, Bag(t.NewAnglerId, "5", "15.25"));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await officer.GetPageAsync(response.Headers.Location!.OriginalString)).ShouldContain("Saved Ada Newbag: 15.25 lb, place 1, 100 points.");
    }

    [Fact]
    public async Task Api_PutResult_WhenSentAtOnceWithOneIdempotencyKey_WritesOnce_AndEveryAnswerIsTheFirst()
    {
        var t = await ArrangeAsync(TournamentStatus.InProgress);
        var officer = await SignedInAsync(officer: true);
        var url = $"/api/v1/club/tournaments/{t.TournamentId}/results/{t.NewAnglerId}";
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PutWithKeyAsync(officer, url, new { fish = 5, totalWeight = 1525 }, key)));

        responses.Select(r => r.StatusCode).ShouldAllBe(s => s == HttpStatusCode.OK);
        responses.Count(r => r.Headers.Contains(IdempotencyExtensions.ReplayedHeaderName)).ShouldBe(3);
        (await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync(_ct)))).Distinct().ShouldHaveSingleItem();
        await using (var scope = fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            var target = $"tournament:{t.TournamentId:N}/angler:{t.NewAnglerId:N}";
            (await db.Set<AuditEvent>().CountAsync(e => e.Action == "club.result.saved" && e.Target == target, _ct)).ShouldBe(1);
            var announced = await db.Set<OutboxMessage>().Where(m => m.Type == $"{TournamentResultsChanged.Name}.{TournamentResultsLiveUpdate.Subscriber}").Select(m => m.Payload).ToListAsync(_ct);
            announced.Count(p => p.Contains(t.TournamentId.ToString(), StringComparison.Ordinal)).ShouldBe(1);
        }

        var changed = await PutWithKeyAsync(officer, url, new { fish = 5, totalWeight = 1600 }, key);
        changed.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ResultsAsync(t.TournamentId)).Single(r => r.AnglerId == t.NewAnglerId).TotalWeight.ShouldBe(1525);
    }

    private Task<HttpResponseMessage> PutWithKeyAsync(FormSession session, string url, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        request.Headers.Add(IdempotencyExtensions.HeaderName, key);
        return session.Client.SendAsync(request, _ct);
    }

    [Fact]
    public async Task Api_PutResult_WhenAnotherSubscriberOfTheResultsEventFails_GoesLiveOnce_AndThatSubscriberIsRetried()
    {
        var t = await ArrangeAsync(TournamentStatus.InProgress);
        var officer = await SignedInAsync(officer: true);

        (await officer.Client.PutAsJsonAsync($"/api/v1/club/tournaments/{t.TournamentId}/results/{t.NewAnglerId}", new { fish = 2, totalWeight = 600 }, _ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        await Eventually.HoldsAsync(
            () => Task.FromResult(fixture.ReadModel.Deliveries.GetValueOrDefault(t.TournamentId) == 2), TimeSpan.FromSeconds(15), "the read model's retry");
        await PublishedLiveAsync(t.TournamentId);
        fixture.Live.Sent.Count(p => p.Topic == ClubLiveTopics.ForTournament(t.TournamentId)).ShouldBe(1);
    }

    [Fact]
    public async Task Api_PutResult_WhenGarbage_Is400WithFieldErrorsAndChangesNothing()
    {
        var t = await ArrangeAsync(TournamentStatus.InProgress);
        var officer = await SignedInAsync(officer: true);
        var url = $"/api/v1/club/tournaments/{t.TournamentId}/results/{t.WeighedAnglerId}";

        var invalid = await officer.Client.PutAsJsonAsync(url, new { fish = 9, totalWeight = -5, bigBass = 100 }, _ct);
        var missing = await officer.Client.PutAsJsonAsync(url, new { totalWeight = 500 }, _ct);
        var malformed = await officer.Client.PutAsync(url, new StringContent("{\"fish\": \"lots\"}", System.Text.Encoding.UTF8, "application/json"), _ct);
        var quoted = await officer.Client.PutAsync(url, new StringContent("{\"fish\": \"3\", \"totalWeight\": 900}", System.Text.Encoding.UTF8, "application/json"), _ct);
        var unknownAngler = await officer.Client.PutAsJsonAsync($"/api/v1/club/tournaments/{t.TournamentId}/results/{Guid.NewGuid()}", new { fish = 0 }, _ct);
        var unknownTournament = await officer.Client.PutAsJsonAsync($"/api/v1/club/tournaments/{Guid.NewGuid()}/results/{t.WeighedAnglerId}", new { fish = 0 }, _ct);

        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        invalid.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("errors");
        errors.GetProperty("fish")[0].GetString().ShouldBe("The limit is 5 fish; this bag has 9.");
        errors.GetProperty("totalWeight")[0].GetString().ShouldBe("Total weight can't be negative.");
        (await missing.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("errors").GetProperty("fish")[0].GetString()!.ShouldContain("required");
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // Numbers are JSON numbers, as the OpenAPI document says; a quoted one is refused, not guessed at.
        quoted.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unknownAngler.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknownTournament.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ResultsAsync(t.TournamentId)).Single().TotalWeight.ShouldBe(1200);
    }

    [Fact]
    public async Task Api_ListAndGet_ArePublicAndPaginated()
    {
        var t = await ArrangeAsync();
        var client = fixture.CreateClient();

        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/club/tournaments?season={DateTime.UtcNow.Year}&pageSize=200", _ct);
        page.GetProperty("items").EnumerateArray().ShouldContain(i => i.GetProperty("id").GetGuid() == t.TournamentId);
        (await client.GetAsync("/api/v1/club/tournaments?pageSize=0", _ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var one = await client.GetFromJsonAsync<JsonElement>($"/api/v1/club/tournaments/{t.TournamentId}", _ct);
        one.GetProperty("payoutPercents").GetString().ShouldBe("50,30,20");
        (await client.GetAsync($"/api/v1/club/tournaments/{Guid.NewGuid()}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TournamentPage_ShowsResultsAndFollowsTheLiveTopic_AndItsFragmentRenders()
    {
        var t = await ArrangeAsync(TournamentStatus.InProgress);
        var client = fixture.CreateClient();

        var html = await client.GetStringAsync($"/club/tournaments/{t.TournamentId}", _ct);
        html.ShouldContain($"data-live-topic=\"{ClubLiveTopics.ForTournament(t.TournamentId)}\"");
        html.ShouldContain("Bo Weighed");
        html.ShouldContain($"/club/tournaments/{t.TournamentId}/results.csv");
        var fragment = await client.GetStringAsync($"/club/tournaments/{t.TournamentId}?handler=Results", _ct);
        fragment.ShouldContain("12.00 lb");
        fragment.ShouldNotContain("<html");
        (await client.GetStringAsync("/club/tournaments", _ct)).ShouldContain("Test Classic");
    }

    [Fact]
    public async Task TournamentPages_LinkTheLake_SayThePayoutInWords_AndTheOverviewMarksAGuestsZero()
    {
        // Later than any other test's tournament, so it is the overview's latest result.
        var start = DateTime.UtcNow.Date.AddDays(3).AddHours(12);
        var name = $"Lake {Guid.NewGuid().ToString("N")[..8]}";
        var lake = new Lake { Name = name, Slug = Lake.SlugOf(name), Ramps = [new Ramp { Name = "Point Ramp" }] };
        var (member, guest) = (new Angler { Name = "Mel Member", Email = $"{Guid.NewGuid():N}@example.org" }, new Angler { Name = "Gil Guest", Email = $"{Guid.NewGuid():N}@example.org", Kind = MembershipKind.Guest });
        var tournament = new Tournament
        {
            Event = new ClubEvent { Kind = EventKind.Tournament, Title = "Lake Link Classic", StartsAt = start, EndsAt = start.AddHours(8) },
            Season = start.Year,
            Status = TournamentStatus.Completed,
            EntryFeeCents = 5000,
            Lake = lake,
            Ramp = lake.Ramps[0],
        };
        tournament.Id = tournament.Event.Id;
        tournament.Results.Add(new TournamentResult { Angler = member, AnglerId = member.Id, Fish = 5, TotalWeight = 1200, BigBass = 400 });
        tournament.Results.Add(new TournamentResult { Angler = guest, AnglerId = guest.Id, Member = false, Fish = 5, TotalWeight = 1500, BigBass = 500 });
        Podium.Modules.Club.Features.Results.TournamentScoring.Apply(tournament);
        await using (var scope = fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            db.AddRange(lake, member, guest, tournament);
            await db.SaveChangesAsync(_ct);
        }

        var client = fixture.CreateClient();
        var detail = WebUtility.HtmlDecode(await client.GetStringAsync($"/club/tournaments/{tournament.Id}", _ct));
        var list = await client.GetStringAsync($"/club/tournaments?season={start.Year}", _ct);
        var overview = await client.GetStringAsync("/club", _ct);

        detail.ShouldContain($"<a href=\"/club/lakes/{lake.Slug}\">{name}</a>, Point Ramp");
        list.ShouldContain($"<a href=\"/club/lakes/{lake.Slug}\">{name}</a>");
        detail.ShouldContain("pays 1st 50\u00A0%, 2nd 30\u00A0%, 3rd 20\u00A0%");
        detail.ShouldNotContain("50,30,20");
        foreach (var html in new[] { detail, list, overview })
        {
            Regex.Matches(html, "<time datetime=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ShouldAllBe(v => v.EndsWith('Z'));
        }

        // The guest placed first and earned nothing: the badge says why the 0 is right.
        overview.ShouldContain("Lake Link Classic");
        overview.ShouldMatch(@"Gil Guest\s*<span class=""badge text-bg-light"">guest</span>");
    }

    [Fact]
    public async Task Editor_CreatesATournamentWithItsEvent_AndRefusesATimeTheClocksSkip()
    {
        var officer = await SignedInAsync(officer: true);
        var title = $"Spring Fling {Guid.NewGuid():N}"[..30];
        var form = new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Date"] = "2027-03-14",
            ["Input.StartTime"] = "02:30",
            ["Input.EndTime"] = "15:00",
            ["Input.EntryFee"] = "fifty",
            ["Input.BigBassPot"] = "10",
            ["Input.PayoutPercents"] = "60,50",
            ["Input.FishLimit"] = "5",
            ["Input.CountsForAnglerOfTheYear"] = "true",
        };

        var refused = await officer.SubmitAsync("/club/manage/tournaments/edit", form);

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await refused.Content.ReadAsStringAsync(_ct);
        html.ShouldContain("the clocks jump forward an hour");
        html.ShouldContain("Enter the entry fee in dollars");
        html.ShouldContain("add up to 110 %");
        await using (var scope = fixture.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<ClubEvent>().AnyAsync(e => e.Title == title, _ct)).ShouldBeFalse();
        }

        form["Input.StartTime"] = "06:30";
        form["Input.EntryFee"] = "50";
        form["Input.PayoutPercents"] = "50,30,20";
        (await officer.SubmitAsync("/club/manage/tournaments/edit", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await using var check = fixture.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var created = await db.Set<Tournament>().Include(x => x.Event).SingleAsync(x => x.Event.Title == title, _ct);
        created.Event.Kind.ShouldBe(EventKind.Tournament);
        created.Event.StartsAt.ShouldBe(new DateTime(2027, 3, 14, 11, 30, 0)); // 06:30 CDT = 11:30 UTC
        (created.Season, created.EntryFeeCents, created.BigBassPotCents, created.Status).ShouldBe((2027, 5000, 1000, TournamentStatus.Scheduled));

        form["Input.Date"] = "2028-01-01";
        form["Input.StartTime"] = "00:30";
        (await officer.SubmitAsync($"/club/manage/tournaments/edit/{created.Id}", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        db.ChangeTracker.Clear();
        var edited = await db.Set<Tournament>().Include(x => x.Event).SingleAsync(x => x.Id == created.Id, _ct);
        (edited.Season, edited.Event.Sequence).ShouldBe((2028, 1));

        (await officer.SubmitAsync($"/club/manage/tournaments?handler=Delete&id={created.Id}", new Dictionary<string, string>(), "/club/manage/tournaments")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        db.ChangeTracker.Clear();
        (await db.Set<ClubEvent>().AnyAsync(e => e.Id == created.Id, _ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task Editor_DeletingATournamentWithResults_IsRefused()
    {
        var t = await ArrangeAsync();
        var officer = await SignedInAsync(officer: true);

        var response = await officer.SubmitAsync($"/club/manage/tournaments?handler=Delete&id={t.TournamentId}", new Dictionary<string, string>(), "/club/manage/tournaments");

        (await response.Content.ReadAsStringAsync(_ct)).ShouldContain("has results, so it can&#x27;t be deleted");
        (await ResultsAsync(t.TournamentId)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task WeighIn_TeamsAndGuests_AreRecordedAndCompletingClosesTheTournament()
    {
        var t = await ArrangeAsync(TournamentStatus.InProgress);
        var officer = await SignedInAsync(officer: true);
        var path = $"/club/manage/tournaments/{t.TournamentId}/weigh-in";

        var guest = await officer.SubmitAsync($"{path}?handler=Guest", new Dictionary<string, string> { ["Guest.Name"] = "Gus Guest", ["Guest.Email"] = "" }, path);
        guest.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var team = await officer.SubmitAsync($"{path}?handler=Team", new Dictionary<string, string>
        {
            ["Team.Angler1Id"] = t.WeighedAnglerId.ToString(),
            ["Team.Angler2Id"] = t.NewAnglerId.ToString(),
            ["Team.TotalWeight"] = "24.50",
        }, path);
        team.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var sameTwice = await officer.SubmitAsync($"{path}?handler=Team", new Dictionary<string, string>
        {
            ["Team.Angler1Id"] = t.WeighedAnglerId.ToString(),
            ["Team.Angler2Id"] = t.WeighedAnglerId.ToString(),
            ["Team.TotalWeight"] = "x",
        }, path);
        var sameTwiceHtml = await sameTwice.Content.ReadAsStringAsync(_ct);
        sameTwiceHtml.ShouldContain("combined weight in pounds");

        (await officer.SubmitAsync($"{path}?handler=Complete", new Dictionary<string, string>(), path)).Headers.Location!.OriginalString.ShouldBe($"/club/tournaments/{t.TournamentId}");

        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        (await db.Set<Angler>().SingleAsync(a => a.Name == "Gus Guest", _ct)).Kind.ShouldBe(MembershipKind.Guest);
        var saved = await db.Set<TeamResult>().SingleAsync(r => r.TournamentId == t.TournamentId, _ct);
        (saved.TotalWeight, saved.Place).ShouldBe((2450, 1));
        (await db.Set<Tournament>().SingleAsync(x => x.Id == t.TournamentId, _ct)).Status.ShouldBe(TournamentStatus.Completed);
    }

    [Fact]
    public async Task WeighIn_WhenTheGuestOrTeamIsRefused_ShowsEachReasonAtItsInputAndAddsNothing()
    {
        var t = await ArrangeAsync(TournamentStatus.InProgress);
        var officer = await SignedInAsync(officer: true);
        var path = $"/club/manage/tournaments/{t.TournamentId}/weigh-in";
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var taken = (await db.Set<Angler>().SingleAsync(a => a.Id == t.NewAnglerId, _ct)).Email;
        var anglers = await db.Set<Angler>().CountAsync(_ct);

        var guest = await (await officer.SubmitAsync($"{path}?handler=Guest",
            new Dictionary<string, string> { ["Guest.Name"] = " ", ["Guest.Email"] = taken.ToUpperInvariant() }, path)).Content.ReadAsStringAsync(_ct);
        var team = await (await officer.SubmitAsync($"{path}?handler=Team", new Dictionary<string, string>
        {
            ["Team.Angler1Id"] = t.WeighedAnglerId.ToString(),
            ["Team.Angler2Id"] = t.WeighedAnglerId.ToString(),
            ["Team.TotalWeight"] = "24.50",
        }, path)).Content.ReadAsStringAsync(_ct);

        ErrorAt(guest, "Guest.Name").ShouldStartWith("Enter the guest&#x27;s name");
        ErrorAt(guest, "Guest.Email").ShouldStartWith("An angler with that e-mail is already on the list");
        ErrorAt(team, "Team.Angler2Id").ShouldStartWith("Pick two different anglers");
        (await db.Set<Angler>().CountAsync(_ct)).ShouldBe(anglers);
        (await db.Set<TeamResult>().AnyAsync(r => r.TournamentId == t.TournamentId, _ct)).ShouldBeFalse();
    }

    /// <summary>The message shown next to one input, or "" when there is none.</summary>
    private static string ErrorAt(string html, string input) =>
        Regex.Match(html, $"data-valmsg-for=\"{Regex.Escape(input)}\"[^>]*>([^<]*)<").Groups[1].Value;
}

public sealed class SqliteClubTournamentsTests(SqliteClubTournamentsFixture fixture) : ClubTournamentsTests(fixture), IClassFixture<SqliteClubTournamentsFixture>;

public sealed class PostgresClubTournamentsTests(PostgresClubTournamentsFixture fixture) : ClubTournamentsTests(fixture), IClassFixture<PostgresClubTournamentsFixture>;
