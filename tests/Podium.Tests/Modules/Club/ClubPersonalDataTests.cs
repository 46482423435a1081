using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Club.Domain;
using Podium.Modules.Club.Features.Members;
using Podium.Modules.Club.Features.Results;
using Podium.Modules.Club.Features.Standings;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Club;

/// <summary>The club's part of "download my data" and of deleting an account, on both databases.</summary>
public abstract class ClubPersonalDataTests(AppFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_WhenTheAccountHasAnAngler_GivesTheirContactsResultsOfficesAndVotes()
    {
        var club = await SeedClubAsync();

        var export = await ExportAsync(club.User);

        var angler = export.GetProperty("club").GetProperty("angler");
        angler.GetProperty("name").GetString().ShouldBe(club.Name);
        angler.GetProperty("email").GetString().ShouldBe(club.Email);
        angler.GetProperty("phone").GetString().ShouldBe("512-555-0142");
        angler.GetProperty("newsEmails").GetBoolean().ShouldBeTrue();
        var result = angler.GetProperty("results").EnumerateArray().ShouldHaveSingleItem();
        result.GetProperty("tournament").GetString().ShouldBe(club.TournamentTitle);
        result.GetProperty("date").GetString().ShouldBe($"{club.Season}-05-02");
        result.GetProperty("fish").GetInt32().ShouldBe(4);
        result.GetProperty("weightLb").GetDecimal().ShouldBe(12.34m);
        result.GetProperty("bigBassLb").GetDecimal().ShouldBe(4.10m);
        result.GetProperty("place").GetInt32().ShouldBe(2);
        result.GetProperty("points").GetInt32().ShouldBe(99);
        var team = angler.GetProperty("teamResults").EnumerateArray().ShouldHaveSingleItem();
        team.GetProperty("partner").GetString().ShouldBe(club.PartnerName);
        team.GetProperty("place").GetInt32().ShouldBe(1);
        var office = angler.GetProperty("officerTerms").EnumerateArray().ShouldHaveSingleItem();
        (office.GetProperty("season").GetInt32(), office.GetProperty("position").GetString()).ShouldBe((club.Season, "President"));
        var vote = angler.GetProperty("pollVotes").EnumerateArray().ShouldHaveSingleItem();
        (vote.GetProperty("poll").GetString(), vote.GetProperty("choice").GetString()).ShouldBe(("Where next?", "Lake Travis"));
        export.GetProperty("club").GetProperty("newsPosts").EnumerateArray().ShouldHaveSingleItem().GetProperty("title").GetString().ShouldBe("Club news");
    }

    [Fact]
    public async Task Export_WhenTheAccountHasNoAngler_HasNoClubData()
    {
        var user = (await TestUsers.CreateAsync(fixture.App, $"nobody-{Guid.NewGuid():N}@example.org")).User;

        var export = await ExportAsync(user);

        export.GetProperty("club").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Delete_RemovesTheAnglersContactsAndName_AndKeepsPlacesAndStandingsIdentical()
    {
        var club = await SeedClubAsync();
        var placesBefore = await PlacesAsync(club.TournamentId);
        var standingsBefore = await StandingsAsync(club.Season);

        await using (var scope = fixture.CreateScope())
        {
            var user = (await scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>().FindByIdAsync(club.User.Id.ToString())).ShouldNotBeNull();
            (await scope.ServiceProvider.GetRequiredService<PersonalDataService>().DeleteAsync(user, _ct)).Succeeded.ShouldBeTrue();
        }

        await using (var scope = fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            var angler = await db.Set<Angler>().AsNoTracking().SingleAsync(a => a.Id == club.AnglerId, _ct);
            angler.Name.ShouldBe(Angler.ErasedName);
            angler.Email.ShouldNotContain(club.Email.Split('@')[0]);
            angler.Email.ShouldEndWith(".invalid");
            angler.Phone.ShouldBeNull();
            angler.UserId.ShouldBeNull();
            angler.NewsEmails.ShouldBeFalse();
            (await db.Set<NewsPost>().AsNoTracking().SingleAsync(p => p.AuthorId == club.User.Id, _ct)).AuthorName.ShouldBe(AnglerPersonalData.ErasedAuthorName);
            (await db.Set<OfficerTerm>().CountAsync(t => t.AnglerId == club.AnglerId, _ct)).ShouldBe(1);
            (await db.Set<PollVote>().CountAsync(v => v.AnglerId == club.AnglerId, _ct)).ShouldBe(1);
        }

        (await PlacesAsync(club.TournamentId)).ShouldBe(placesBefore);
        var standingsAfter = await StandingsAsync(club.Season);
        standingsAfter.Select(l => l with { Name = "" }).ShouldBe(standingsBefore.Select(l => l with { Name = "" }));
        standingsAfter.Single(l => l.AnglerId == club.AnglerId).Name.ShouldBe(Angler.ErasedName, "the standings are read again, not kept from before");
    }

    private async Task<JsonElement> ExportAsync(PodiumUser user)
    {
        await using var scope = fixture.CreateScope();
        var json = await scope.ServiceProvider.GetRequiredService<PersonalDataService>().ExportAsync(user.Id, _ct);
        return JsonDocument.Parse(json).RootElement;
    }

    private async Task<List<(Guid AnglerId, int? Place, int Points)>> PlacesAsync(Guid tournamentId)
    {
        await using var scope = fixture.CreateScope();
        var results = await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<TournamentResult>().AsNoTracking()
            .Where(r => r.TournamentId == tournamentId).Select(r => new { r.AnglerId, r.Place, r.Points }).ToListAsync(_ct);
        return [.. results.OrderBy(r => r.AnglerId).Select(r => (r.AnglerId, r.Place, r.Points))];
    }

    private async Task<List<StandingsLine>> StandingsAsync(int season)
    {
        await using var scope = fixture.CreateScope();
        var board = await scope.ServiceProvider.GetRequiredService<ClubStandings>().GetSeasonAsync(season, _ct);
        return [.. board.Lines.Select(l => new StandingsLine(l.Rank, l.AnglerId, l.AnglerName, l.Points, l.NetWeight))];
    }

    /// <summary>
    /// A season of its own with three anglers; the account's angler is second, holds an office, fished in a team,
    /// voted in a poll and wrote a news post.
    /// </summary>
    private async Task<SeededClub> SeedClubAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"angler-{tag}@example.org";
        var user = (await TestUsers.CreateAsync(fixture.App, email, $"Robin {tag}")).User;
        var season = 3000 + Random.Shared.Next(0, 5000);
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var robin = new Angler { Name = $"Robin {tag}", Email = email, Phone = "512-555-0142", UserId = user.Id };
        var ada = new Angler { Name = $"Ada {tag}", Email = $"ada-{tag}@example.org" };
        var bo = new Angler { Name = $"Bo {tag}", Email = $"bo-{tag}@example.org" };
        var start = new DateTime(season, 5, 2, 16, 0, 0, DateTimeKind.Utc);
        var tournament = new Tournament
        {
            Event = new ClubEvent { Kind = EventKind.Tournament, Title = $"May {tag}", StartsAt = start, EndsAt = start.AddHours(8) },
            Season = season,
            Status = TournamentStatus.Completed,
        };
        tournament.Id = tournament.Event.Id;
        tournament.Results.Add(new TournamentResult { Angler = ada, AnglerId = ada.Id, Fish = 5, TotalWeight = 1500, BigBass = 520 });
        tournament.Results.Add(new TournamentResult { Angler = robin, AnglerId = robin.Id, Fish = 4, TotalWeight = 1234, BigBass = 410 });
        tournament.Results.Add(new TournamentResult { Angler = bo, AnglerId = bo.Id, Fish = 3, TotalWeight = 800, BigBass = 300 });
        tournament.TeamResults.Add(new TeamResult { Angler1 = robin, Angler1Id = robin.Id, Angler2 = ada, Angler2Id = ada.Id, TotalWeight = 2734 });
        TournamentScoring.Apply(tournament);
        db.Add(tournament);
        db.Add(new OfficerTerm { Angler = robin, PositionId = 1, Season = season });
        var option = new PollOption { Text = "Lake Travis" };
        var poll = new Poll { Kind = PollKind.General, Title = "Where next?", OpensAt = start, ClosesAt = start.AddDays(7), CreatedBy = Guid.NewGuid(), Options = [option] };
        db.Add(poll);
        db.Add(new PollVote { PollId = poll.Id, AnglerId = robin.Id, OptionId = option.Id, CastAt = start.AddDays(1) });
        db.Add(new NewsPost { Title = "Club news", Markdown = "Hello", Html = "<p>Hello</p>", AuthorId = user.Id, AuthorName = robin.Name });
        await db.SaveChangesAsync(_ct);
        return new SeededClub(user, robin.Id, robin.Name, email, tournament.Id, tournament.Event.Title, season, ada.Name);
    }

    private sealed record SeededClub(PodiumUser User, Guid AnglerId, string Name, string Email, Guid TournamentId, string TournamentTitle, int Season, string PartnerName);

    private sealed record StandingsLine(int Rank, Guid AnglerId, string Name, int Points, int NetWeight);
}

public sealed class SqliteClubPersonalDataTests(SqliteAppFixture fixture) : ClubPersonalDataTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresClubPersonalDataTests(PostgresAppFixture fixture) : ClubPersonalDataTests(fixture), IClassFixture<PostgresAppFixture>;
