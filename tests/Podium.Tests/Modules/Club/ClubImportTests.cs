using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Club.Domain;
using Podium.Modules.Club.Features.Import;
using Podium.Platform.Cli;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Club;

/// <summary>
/// The CSV import against a hand-computed season (Fixtures/Import2025), and the standings, awards and exports read
/// from it. The expected values below were worked out by hand from the club's rules, not printed by the code:
/// <list type="bullet">
/// <item>101 January Travis (AoY): Ada 15.50 → 1st 100; Gus (guest) 13.00 → 2nd, 0 points, no slot; Ben 12.00 → 3rd 99;
/// Cal 6.40 → 4th 98; Dee 0 fish → 5th, 98 − 2 = 96; Fay disqualified → no place, 0.</item>
/// <item>102 February Inks (AoY): Ben and Cal 14.00 with 4.50 big bass → both 1st, 100; Ada 15.00 less a 1.50
/// dead-fish penalty = 13.50 → 3rd, 98 (the penalty moves her from first); Gus (guest) 5.00 → 4th, 0; Dee buy-in →
/// 5th, 98 − 4 = 94; Eve disqualified → no place, 0.</item>
/// <item>103 Buchanan Open does not count: Eve's 18.00 bag and 6.10 bass win nothing.</item>
/// <item>Season: Ben 99 + 100 = 199; Ada 100 + 98 = 198 with 29.00 lb beats Cal 98 + 100 = 198 with 20.40 lb;
/// Dee 96 + 94 = 190 (the buy-in is not a tournament fished); Eve and Fay 0 points, nothing weighed: shared 5th.
/// Heavy stringer Ada 15.50 (101); big bass Ada 5.60 (102); the 5-lb list Ada 5.60 and 5.25 (Gus's 5.40 is a guest's).</item>
/// </list>
/// </summary>
public abstract partial class ClubImportTests(AppFixture fixture)
{
    private static readonly string FixtureDir = Path.Combine(AppContext.BaseDirectory, "Modules", "Club", "Fixtures", "Import2025");

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private const string ExpectedStandings = """
        [
          {"rank":1,"anglerId":"angler:ben","anglerName":"Ben Brooks","points":199,"tournaments":2,"fish":10,"weightLb":26.00,"bigBassLb":4.50},
          {"rank":2,"anglerId":"angler:ada","anglerName":"Ada Alvarez","points":198,"tournaments":2,"fish":10,"weightLb":29.00,"bigBassLb":5.60},
          {"rank":3,"anglerId":"angler:cal","anglerName":"Cal Chen","points":198,"tournaments":2,"fish":8,"weightLb":20.40,"bigBassLb":4.50},
          {"rank":4,"anglerId":"angler:dee","anglerName":"Dee Diaz","points":190,"tournaments":1,"fish":0,"weightLb":0.00,"bigBassLb":0.00},
          {"rank":5,"anglerId":"angler:eve","anglerName":"Eve Evans","points":0,"tournaments":1,"fish":0,"weightLb":0.00,"bigBassLb":0.00},
          {"rank":5,"anglerId":"angler:fay","anglerName":"Fay Fisher","points":0,"tournaments":1,"fish":0,"weightLb":0.00,"bigBassLb":0.00}
        ]
        """;

    private const string ExpectedAwards = """
        {
          "season":2025,
          "anglerOfTheYear":[
            {"rank":1,"anglerId":"angler:ben","anglerName":"Ben Brooks","tournaments":2,"fish":10,"weightLb":26.00,"points":199,"bestFinish":1}
          ],
          "heavyStringer":[
            {"anglerId":"angler:ada","anglerName":"Ada Alvarez","tournamentId":"tournament:101","tournamentName":"January Travis","weightLb":15.50}
          ],
          "bigBass":[
            {"anglerId":"angler:ada","anglerName":"Ada Alvarez","tournamentId":"tournament:102","tournamentName":"February Inks","weightLb":5.60}
          ],
          "bigBassList":[
            {"anglerId":"angler:ada","anglerName":"Ada Alvarez","tournamentId":"tournament:102","tournamentName":"February Inks","weightLb":5.60},
            {"anglerId":"angler:ada","anglerName":"Ada Alvarez","tournamentId":"tournament:101","tournamentName":"January Travis","weightLb":5.25}
          ],
          "members":[
            {"rank":1,"anglerId":"angler:ben","anglerName":"Ben Brooks","tournaments":2,"fish":10,"weightLb":26.00,"points":199,"bestFinish":1},
            {"rank":2,"anglerId":"angler:ada","anglerName":"Ada Alvarez","tournaments":2,"fish":10,"weightLb":29.00,"points":198,"bestFinish":1},
            {"rank":3,"anglerId":"angler:cal","anglerName":"Cal Chen","tournaments":2,"fish":8,"weightLb":20.40,"points":198,"bestFinish":1},
            {"rank":4,"anglerId":"angler:dee","anglerName":"Dee Diaz","tournaments":1,"fish":0,"weightLb":0.00,"points":190,"bestFinish":5},
            {"rank":5,"anglerId":"angler:eve","anglerName":"Eve Evans","tournaments":1,"fish":0,"weightLb":0.00,"points":0,"bestFinish":null},
            {"rank":5,"anglerId":"angler:fay","anglerName":"Fay Fisher","tournaments":1,"fish":0,"weightLb":0.00,"points":0,"bestFinish":null}
          ]
        }
        """;

    /// <summary>Tournament 102 in finishing order: shared first, the penalty's third, the guest, the buy-in, the DQ last.</summary>
    private const string ExpectedResultsCsv =
        "place,angler,member,fish,total_weight_lb,dead_fish_penalty_lb,net_weight_lb,big_bass_lb,disqualified,buy_in,points\r\n" +
        "1,Ben Brooks,true,5,14.00,0.00,14.00,4.50,false,false,100\r\n" +
        "1,Cal Chen,true,5,14.00,0.00,14.00,4.50,false,false,100\r\n" +
        "3,Ada Alvarez,true,5,15.00,1.50,13.50,5.60,false,false,98\r\n" +
        "4,Gus Guest,false,2,5.00,0.00,5.00,3.00,false,false,0\r\n" +
        "5,Dee Diaz,true,0,0.00,0.00,0.00,0.00,false,true,94\r\n" +
        ",Eve Evans,true,4,9.75,0.00,9.75,3.00,true,false,0\r\n";

    [Fact]
    public async Task ImportCommand_WithTheFixture_StandingsAndAwardsApiEqualTheHandComputedSeason()
    {
        await ImportWithCliAsync();
        var client = fixture.CreateClient();

        var standings = await client.GetStringAsync("/api/v1/club/standings/2025", _ct);
        var awards = await client.GetStringAsync("/api/v1/club/awards/2025", _ct);

        (await NormalizeAsync(standings)).ShouldBe(await NormalizeAsync(ExpectedStandings));
        (await NormalizeAsync(awards)).ShouldBe(await NormalizeAsync(ExpectedAwards));
        (await client.GetStringAsync("/api/v1/club/standings/2024", _ct)).ShouldBe("[]");
        (await NormalizeAsync(await client.GetStringAsync("/api/v1/club/awards/2024", _ct)))
            .ShouldBe("""{"season":2024,"anglerOfTheYear":[],"heavyStringer":[],"bigBass":[],"bigBassList":[],"members":[]}""");
    }

    [Fact]
    public async Task Import_WhenTheSameFilesComeAgain_ChangesNothing()
    {
        await ImportWithCliAsync();
        var before = await FingerprintAsync();

        var report = await ImportAsync(ReadFixture());

        report.Errors.ShouldBeEmpty();
        report.Files.ShouldAllBe(f => f.Added == 0 && f.Updated == 0 && f.Unchanged == f.Rows);
        report.Files.Sum(f => f.Rows).ShouldBe(7 + 4 + 3 + 14 + 4);
        (await FingerprintAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Import_NextMonthsBagsAndTeamsIntoTournamentsAlreadyImported_AddsThemAndKeepsTheRest()
    {
        await ImportWithCliAsync();
        var header = File.ReadAllLines(Path.Combine(FixtureDir, ClubImport.ResultsFile))[0];

        // The club's monthly routine: only this month's rows, for tournaments the club already has.
        var report = await ImportAsync(new Dictionary<string, string>
        {
            [ClubImport.ResultsFile] = $"{header}\n103,ben@example.org,1,2.00,2.00,0,no,no\n",
            [ClubImport.TeamResultsFile] = "tournament_id,angler1_email,angler2_email,total_weight_lb\n101,dee@example.org,eve@example.org,5.00\n",
        });

        report.Errors.ShouldBeEmpty();
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var buchanan = await TournamentIdAsync("103");
        (await db.Set<TournamentResult>().Where(r => r.TournamentId == buchanan).OrderBy(r => r.Place).Select(r => new { r.Angler.Email, r.Place }).ToListAsync(_ct))
            .ShouldBe([new { Email = "eve@example.org", Place = (int?)1 }, new { Email = "ada@example.org", Place = (int?)2 }, new { Email = "ben@example.org", Place = (int?)3 }]);
        var january = await TournamentIdAsync("101");
        (await db.Set<TeamResult>().Where(t => t.TournamentId == january).OrderBy(t => t.Place).Select(t => new { t.Angler1.Email, t.TotalWeight, t.Place }).ToListAsync(_ct))
            .ShouldBe([
                new { Email = "ada@example.org", TotalWeight = 2750, Place = (int?)1 },
                new { Email = "cal@example.org", TotalWeight = 640, Place = (int?)2 },
                new { Email = "dee@example.org", TotalWeight = 500, Place = (int?)3 },
            ]);
    }

    [Fact]
    public async Task Import_WhenAnOfficerCancelledAnImportedTournament_ReImportingLeavesItCancelled()
    {
        await ImportWithCliAsync();
        var february = await TournamentIdAsync("102");
        await SetStatusAsync(february, TournamentStatus.Cancelled);
        try
        {
            (await ImportAsync(ReadFixture())).Errors.ShouldBeEmpty();

            await using var scope = fixture.CreateScope();
            (await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<Tournament>().SingleAsync(t => t.Id == february, _ct)).Status
                .ShouldBe(TournamentStatus.Cancelled);
        }
        finally
        {
            // The class shares one club: the other tests expect the fixture's season as imported.
            await SetStatusAsync(february, TournamentStatus.Completed);
        }
    }

    private async Task SetStatusAsync(Guid tournamentId, TournamentStatus status)
    {
        await using var scope = fixture.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<Podium.Modules.Club.Features.Tournaments.TournamentEditor>()
            .SetStatusAsync(tournamentId, status, actorId: null, _ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task Import_StoresTheFileAsRead_CompletedTournamentsAtTheDefaultLocalTimesAndTeamPlaces()
    {
        await ImportWithCliAsync();
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();

        var open = await db.Set<Tournament>().Include(t => t.Event).Include(t => t.Lake).Include(t => t.Ramp).SingleAsync(t => t.ImportId == "103", _ct);
        open.Event.Title.ShouldBe("Buchanan Open, no points");
        open.Status.ShouldBe(TournamentStatus.Completed);
        open.CountsForAnglerOfTheYear.ShouldBeFalse();
        (open.Lake!.Name, open.Ramp!.Name, open.Season).ShouldBe(("Lake Buchanan", "Black Rock Park", 2025));
        // 06:00 and 15:00 in Central Daylight Time (March 15 is after the change): UTC−5.
        open.Event.StartsAt.ShouldBe(new DateTime(2025, 3, 15, 11, 0, 0, DateTimeKind.Utc));
        open.Event.EndsAt.ShouldBe(new DateTime(2025, 3, 15, 20, 0, 0, DateTimeKind.Utc));

        var guest = await db.Set<Angler>().SingleAsync(a => a.Email == "gus@example.org", _ct);
        guest.Kind.ShouldBe(MembershipKind.Guest);
        (await db.Set<TournamentResult>().Where(r => r.AnglerId == guest.Id).ToListAsync(_ct)).ShouldAllBe(r => !r.Member && r.Points == 0);
        var teams = await db.Set<TeamResult>().Where(t => t.TournamentId == open.Id || t.Angler1.Email == "ben@example.org")
            .Select(t => new { t.Angler1.Email, t.TotalWeight, t.Place }).ToListAsync(_ct);
        teams.ShouldHaveSingleItem().ShouldBe(new { Email = "ben@example.org", TotalWeight = 2800, Place = (int?)1 });
        (await db.Set<Ramp>().CountAsync(r => r.Lake.Name == "Lake Travis", _ct)).ShouldBe(2);
    }

    [Theory]
    [InlineData("unknown angler", ClubImport.ResultsFile, null, "102,nobody@example.org,1,2.00,2.00,0,no,no", 16, "angler_email 'nobody@example.org' is neither in anglers.csv nor an angler of the club")]
    [InlineData("bad weight", ClubImport.ResultsFile, "101,cal@example.org,3,6.40,", "101,cal@example.org,3,6.4x,", 5, "total_weight_lb '6.4x' is not a weight")]
    [InlineData("duplicate row", ClubImport.ResultsFile, null, "101,ada@example.org,5,15.50,5.25,0,no,no", 16, "a result for ada@example.org in tournament 101 appears twice (first on line 2)")]
    [InlineData("unknown tournament", ClubImport.ResultsFile, null, "999,ada@example.org,1,1.00,1.00,0,no,no", 16, "tournament id '999' is neither in tournaments.csv nor an imported tournament")]
    [InlineData("missing column", ClubImport.ResultsFile, "big_bass_lb,", "", 1, "missing column 'big_bass_lb'")]
    [InlineData("bad boolean", ClubImport.AnglersFile, "Fay Fisher,fay@example.org,TRUE", "Fay Fisher,fay@example.org,maybe", 7, "member 'maybe' is not true/false")]
    [InlineData("bad date", ClubImport.TournamentsFile, "2025-02-15", "02/15/2025", 3, "date '02/15/2025' is not a date written yyyy-MM-dd")]
    // Results are checked by the weigh-in's bag rules; each message names the column to fix.
    [InlineData("big bass over the bag", ClubImport.ResultsFile, "101,cal@example.org,3,6.40,2.50", "101,cal@example.org,3,6.40,6.50", 5, "big_bass_lb: The big bass can't weigh more than the whole bag.")]
    [InlineData("big bass under the average fish", ClubImport.ResultsFile, "101,cal@example.org,3,6.40,2.50", "101,cal@example.org,3,6.40,2.13", 5, "big_bass_lb: The big bass can't be lighter than the bag's average fish (2.14 lb).")]
    [InlineData("penalty over the bag", ClubImport.ResultsFile, "101,cal@example.org,3,6.40,2.50,", "101,cal@example.org,3,6.40,2.50,6.41", 5, "dead_fish_penalty_lb: The dead-fish penalty can't be more than the bag's total weight.")]
    [InlineData("big bass without fish", ClubImport.ResultsFile, "101,dee@example.org,0,0,,", "101,dee@example.org,0,0,3.00,", 6, "big_bass_lb: A big bass needs at least one fish in the bag.")]
    [InlineData("fish without weight", ClubImport.ResultsFile, "101,cal@example.org,3,6.40,2.50", "101,cal@example.org,3,0,0", 5, "total_weight_lb: Enter the weight of the 3 fish.")]
    [InlineData("disqualified buy-in", ClubImport.ResultsFile, "102,dee@example.org,0,0,0,0,0,1", "102,dee@example.org,0,0,0,0,1,1", 13, "disqualified: A buy-in didn't fish, so it can't be disqualified")]
    [InlineData("lake without a name", ClubImport.LakesFile, null, "???,Nowhere ramp", 6, "lake '???' has no letters or digits to name it by")]
    [InlineData("team of one angler twice", ClubImport.TeamResultsFile, null, "101,dee@example.org,DEE@example.org,5.00", 6, "angler1_email and angler2_email are the same angler")]
    public async Task Import_WhenARowIsBad_RejectsEverythingAndNamesFileAndLine(string kind, string file, string? find, string replacement, int line, string reason)
    {
        await ImportWithCliAsync();
        var before = await FingerprintAsync();
        var files = ReadFixture();
        // Good changes ride along with the bad row: a new angler and a corrected weight must not be written either.
        files[ClubImport.AnglersFile] += "Hal Newman,hal@example.org,yes\n";
        files[ClubImport.ResultsFile] = files[ClubImport.ResultsFile].Replace("101,ben@example.org,5,12.00", "101,ben@example.org,5,12.50", StringComparison.Ordinal);
        files[file] = find is null ? files[file] + replacement + "\n" : files[file].Replace(find, replacement, StringComparison.Ordinal);

        var report = await ImportAsync(files);

        report.Succeeded.ShouldBeFalse(kind);
        var error = report.Errors.ShouldHaveSingleItem(kind);
        (error.File, error.Line).ShouldBe((file, line), kind);
        error.Reason.ShouldStartWith(reason, Case.Sensitive, kind);
        report.Files.ShouldBeEmpty();
        (await FingerprintAsync()).ShouldBe(before, kind);
    }

    [Fact]
    public async Task Import_WhenTheFileNameOrQuotingIsWrong_SaysSoAndWritesNothing()
    {
        var before = await FingerprintAsync();

        (await ImportAsync(new Dictionary<string, string> { ["people.csv"] = "name\nx\n" })).Errors.ShouldHaveSingleItem()
            .ShouldBe(new ImportError("people.csv", 0, "not a file the import reads (expected anglers.csv, lakes.csv, tournaments.csv, results.csv, team_results.csv)"));
        (await ImportAsync(new Dictionary<string, string> { [ClubImport.AnglersFile] = "name,email,member\n\"Una,una@example.org,yes\n" })).Errors.ShouldHaveSingleItem()
            .ShouldBe(new ImportError(ClubImport.AnglersFile, 2, "a quoted field is never closed"));
        (await ImportAsync(new Dictionary<string, string> { [ClubImport.AnglersFile] = "" })).Errors.ShouldHaveSingleItem().Line.ShouldBe(1);
        (await ImportAsync(new Dictionary<string, string>())).Succeeded.ShouldBeFalse();
        (await FingerprintAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Exports_ResultsCsvTeamCsvStandingsCsvAndPdf_MatchTheSeason()
    {
        await ImportWithCliAsync();
        var client = fixture.CreateClient();
        var february = await TournamentIdAsync("102");

        var csv = await client.GetAsync($"/club/tournaments/{february}/results.csv", _ct);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        (await csv.Content.ReadAsStringAsync(_ct)).TrimStart('\uFEFF').ShouldBe(ExpectedResultsCsv);

        // Team results are a table of their own, so a file of their own, linked from the tournament page.
        (await client.GetStringAsync($"/club/tournaments/{february}", _ct)).ShouldContain($"/club/tournaments/{february}/team-results.csv");
        var teams = await client.GetAsync($"/club/tournaments/{february}/team-results.csv", _ct);
        teams.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        teams.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("2025-02-15-february-inks-team-results.csv");
        (await teams.Content.ReadAsStringAsync(_ct)).TrimStart('\uFEFF').ShouldBe(
            "place,angler1,angler2,total_weight_lb\r\n" +
            "1,Ben Brooks,Cal Chen,28.00\r\n" +
            "2,Ada Alvarez,,13.50\r\n");
        (await client.GetAsync($"/club/tournaments/{Guid.NewGuid()}/team-results.csv", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var standings = (await client.GetStringAsync("/club/standings/2025.csv", _ct)).TrimStart('\uFEFF').Split("\r\n");
        standings[0].ShouldBe("rank,angler,January Travis (2025-01-18),February Inks (2025-02-15),points,tournaments,fish,weight_lb,big_bass_lb");
        standings[1].ShouldBe("1,Ben Brooks,99,100,199,2,10,26.00,4.50");
        standings[4].ShouldBe("4,Dee Diaz,96,94,190,1,0,0.00,0.00");

        var pdf = await client.GetByteArrayAsync($"/club/tournaments/{february}/results.pdf", _ct);
        Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        var text = await PdfText.ReadAsync(pdf, _ct);
        text.ShouldContain("February Inks");
        text.ShouldContain("Saturday, February 15, 2025");
        text.ShouldContain("Inks Lake State Park");
        text.ShouldMatch(@"1\s+Ben Brooks\s+5\s+14\.00\s+4\.50\s+100");
        text.ShouldMatch(@"3\s+Ada Alvarez\s+5\s+13\.50\s+1\.50\s+5\.60\s+98");
        text.ShouldMatch(@"DQ\s+Eve Evans");
        text.ShouldContain("Big bass: Ada Alvarez, 5.60 lb");
        text.ShouldContain("Team results");
        text.ShouldMatch(@"1\s+Ben Brooks & Cal Chen\s+28\.00");
        text.ShouldMatch(@"2\s+Ada Alvarez\s+13\.50");
        (await client.GetAsync($"/club/tournaments/{Guid.NewGuid()}/results.pdf", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task StandingsAndAwardsPages_ShowTheSeason_AndTheApiRefusesAYearOutOfRange()
    {
        await ImportWithCliAsync();
        var client = fixture.CreateClient();

        var standings = await client.GetStringAsync("/club/standings?season=2025", _ct);
        standings.ShouldContain("Angler of the Year 2025");
        standings.ShouldContain("data-chart=");
        standings.ShouldContain("/lib/chartjs/chart.umd.min.");
        standings.ShouldContain("/js/club-standings.");
        var awards = await client.GetStringAsync("/club/awards?season=2025", _ct);
        awards.ShouldContain("Heavy stringer");
        awards.ShouldContain("15.50 lb");

        var problem = await client.GetAsync("/api/v1/club/standings/20250", _ct);
        problem.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task UploadPage_WhenAnOfficerSendsABadFile_ShowsTheRowAndWritesNothing_ThenImportsGoodFiles()
    {
        var before = await FingerprintAsync();
        var (session, _) = await FormSession.SignedInAdminAsync(fixture.App, $"officer-{Guid.NewGuid():N}@example.org");
        var files = ReadFixture();
        files[ClubImport.ResultsFile] += "101,eve@example.org,6,1.00,1.00,0,no,no\n";

        var rejected = await UploadAsync(session, files);

        rejected.ShouldContain("Nothing was imported");
        rejected.ShouldContain("results.csv, line 16: num_fish &#x27;6&#x27; is not a whole number from 0 to the fish limit of 5");
        (await FingerprintAsync()).ShouldBe(before);

        var imported = await UploadAsync(session, ReadFixture());
        imported.ShouldContain("data-testid=\"import-done\"");
        imported.ShouldContain("<strong>results.csv</strong>: 14 rows");
    }

    [Fact]
    public async Task UploadPage_WhenAVisitorAsks_SendsThemToSignIn()
    {
        var client = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/club/manage/import", _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldContain("/account/sign-in");
    }

    private async Task<string> UploadAsync(FormSession session, Dictionary<string, string> files)
    {
        var page = await session.GetPageAsync("/club/manage/import");
        var token = TokenPattern().Match(page).Groups["token"].Value;
        using var form = new MultipartFormDataContent { { new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken" } };
        foreach (var (name, text) in files)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(content, "Files", name);
        }

        var response = await session.Client.PostAsync("/club/manage/import", form, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync(_ct);
    }

    private async Task ImportWithCliAsync()
    {
        var exit = await PodiumCli.InvokeAsync(fixture.App.Services, ["club", "import", "--dir", FixtureDir], _ct);
        exit.ShouldBe(0);
    }

    private async Task<ImportReport> ImportAsync(IReadOnlyDictionary<string, string> files)
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ClubImport>().ImportAsync(files, actorId: null, _ct);
    }

    private static Dictionary<string, string> ReadFixture() =>
        ClubImport.Files.ToDictionary(f => f.File, f => File.ReadAllText(Path.Combine(FixtureDir, f.File)));

    private async Task<Guid> TournamentIdAsync(string importId)
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<Tournament>().Where(t => t.ImportId == importId).Select(t => t.Id).SingleAsync(_ct);
    }

    /// <summary>Every row the import could touch, as text: equal before and after means nothing was written.</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var lines = new List<string>();
        lines.AddRange((await db.Set<Angler>().AsNoTracking().ToListAsync(_ct)).Select(a => $"A {a.Email} {a.Name} {a.Kind} {a.CreatedAt:O}"));
        lines.AddRange((await db.Set<Lake>().AsNoTracking().Include(l => l.Ramps).ToListAsync(_ct)).Select(l => $"L {l.Slug} {l.Name} {string.Join('|', l.Ramps.Select(r => r.Name).Order())}"));
        lines.AddRange((await db.Set<Tournament>().AsNoTracking().Include(t => t.Event).ToListAsync(_ct)).Select(t =>
            $"T {t.ImportId} {t.Event.Title} {t.Event.StartsAt:O} {t.Event.EndsAt:O} {t.Event.Sequence} {t.Event.UpdatedAt:O} {t.Season} {t.LakeId} {t.RampId} {t.Status} {t.CountsForAnglerOfTheYear}"));
        lines.AddRange((await db.Set<TournamentResult>().AsNoTracking().ToListAsync(_ct)).Select(r =>
            $"R {r.TournamentId} {r.AnglerId} {r.Fish} {r.TotalWeight} {r.BigBass} {r.DeadFishPenalty} {r.Disqualified} {r.BuyIn} {r.Member} {r.Place} {r.Points} {r.UpdatedAt:O}"));
        lines.AddRange((await db.Set<TeamResult>().AsNoTracking().ToListAsync(_ct)).Select(t => $"M {t.TournamentId} {t.Angler1Id} {t.Angler2Id} {t.TotalWeight} {t.Place} {t.UpdatedAt:O}"));
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    /// <summary>
    /// The response with ids replaced by readable names (<c>angler:ada</c>, <c>tournament:101</c>), and anglers who share a
    /// rank sorted by name (the API orders them by id, which is arbitrary), so it compares with the literal expectation.
    /// </summary>
    private async Task<string> NormalizeAsync(string json)
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        foreach (var angler in await db.Set<Angler>().AsNoTracking().ToListAsync(_ct))
        {
            json = json.Replace(angler.Id.ToString(), $"angler:{angler.Email.Split('@')[0]}", StringComparison.OrdinalIgnoreCase);
        }

        foreach (var tournament in await db.Set<Tournament>().AsNoTracking().Where(t => t.ImportId != null).ToListAsync(_ct))
        {
            json = json.Replace(tournament.Id.ToString(), $"tournament:{tournament.ImportId}", StringComparison.OrdinalIgnoreCase);
        }

        var node = JsonNode.Parse(json)!;
        SortTies(node);
        return node.ToJsonString();
    }

    private static void SortTies(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array when array.All(e => e is JsonObject o && o.ContainsKey("rank")):
                var sorted = array.OrderBy(e => (int)e!["rank"]!).ThenBy(e => (string)e!["anglerName"]!, StringComparer.Ordinal).Select(e => e!.DeepClone()).ToList();
                array.Clear();
                sorted.ForEach(array.Add);
                break;
            case JsonObject obj:
                foreach (var (_, value) in obj.ToList())
                {
                    SortTies(value);
                }

                break;
        }
    }

    /// <summary>The PDF's text as poppler reads it (Debian poppler-utils, installed by scripts/test.sh).</summary>
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public sealed class SqliteClubImportTests(SqliteAppFixture fixture) : ClubImportTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresClubImportTests(PostgresAppFixture fixture) : ClubImportTests(fixture), IClassFixture<PostgresAppFixture>;
