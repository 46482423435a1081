using System.Text.Json;
using Podium.Modules.Pools.Features.Replay;

namespace Podium.Tests.Modules.Pools;

/// <summary>
/// The season replay from files (Fixtures/Season2026: three weeks, one game a tie, one postponed), for one survivor and
/// one pick'em rules file. The expected standings were worked out by hand from the rules, not printed by the code:
/// <list type="bullet">
/// <item>Survivor (2 lives, tie = loss, postponed = win, one auto-pick, one buyback up to week 2): ann KC +7, BAL +27,
/// CIN +21: alive, 3 weeks, 2 lives, margin 55. cat DAL (postponed: a win, margin 0), misses week 2 and is auto-picked the
/// biggest favourite BAL (−400, +27), MIA loses week 3: alive, 3 weeks, 1 life, margin 27, 2 wins. bob NYJ (a tie: lost),
/// KC lost → out in week 2, buys back (1 life, week 2 not survived), DAL +3: alive, 2 weeks, margin 3. dan BAL and HOU
/// lose → out in week 2 after surviving week 1; eve BUF (tie) and MIA lose the same way, created later, so 5th.</item>
/// <item>Pick'em against the spread (push 0.5; empty lines take the closing spread; the away line is the home spread
/// negated): ann KC −4.5 ✓, NYJ +3 ✓ | CIN +1.5 ✓, BAL −9 ✓ | NYG +3 push 0.5, CIN −6.5 ✓ = 5.5, 5 correct; cat KC −6.5
/// ✓, NYJ ✓ | BAL −9.5 ✓, CIN ✓ | CIN at a locked +6.5 (21 + 6.5) ✓, DAL −3 push = 5.5, 5 correct; tiebreak games 403 (postponed: nothing), 503
/// (31) and 603 (35): both guessed 31 and 40, error 5, so they share 1st. bob BAL ✗, DAL void | BUF −1 ✓ | DAL push, NYJ 0
/// ✓, CIN ✓ = 3.5. dan KC ✗ | MIA 0 ✗ = 0.</item>
/// </list>
/// </summary>
public sealed class PoolsReplayTests
{
    private static readonly string FixtureDir = Path.Combine(AppContext.BaseDirectory, "Modules", "Pools", "Fixtures", "Season2026");

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(FixtureDir, name));

    private static string Expected(string name) => JsonSerializer.Serialize(JsonDocument.Parse(Fixture(name)).RootElement);

    private static string Compact(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    private static ReplayInput Survivor(string? games = null, string? picks = null, string? buybacks = null, string? rules = null) =>
        new(rules ?? Fixture("survivor-rules.json"), games ?? Fixture("games.csv"), picks ?? Fixture("survivor-picks.csv"), buybacks ?? Fixture("buybacks.csv"));

    [Fact]
    public void Run_TheSurvivorFixture_GivesTheHandCheckedStandings()
    {
        var outcome = SeasonReplay.Run(Survivor());

        outcome.Errors.ShouldBeEmpty();
        Compact(Podium.Modules.Pools.Domain.StandingsJson.Write(outcome.Standings)).ShouldBe(Expected("survivor-standings.json"));
    }

    [Fact]
    public void Run_ThePickemFixture_GivesTheHandCheckedStandings()
    {
        var outcome = SeasonReplay.Run(new ReplayInput(Fixture("pickem-rules.json"), Fixture("games.csv"), Fixture("pickem-picks.csv")));

        outcome.Errors.ShouldBeEmpty();
        Compact(Podium.Modules.Pools.Domain.StandingsJson.Write(outcome.Standings)).ShouldBe(Expected("pickem-standings.json"));
    }

    [Fact]
    public void Run_RowsInAnotherOrder_GiveTheSameStandings()
    {
        var lines = Fixture("survivor-picks.csv").TrimEnd().Split('\n');
        var reversed = string.Join('\n', [lines[0], .. lines.Skip(1).Reverse()]);

        Compact(Podium.Modules.Pools.Domain.StandingsJson.Write(SeasonReplay.Run(Survivor(picks: reversed)).Standings)).ShouldBe(Expected("survivor-standings.json"));
    }

    [Fact]
    public void Run_ABadRow_RejectsTheRunNamingFileLineAndColumn()
    {
        var games = Fixture("games.csv").Replace("3,602,2026-09-27T20:25:00Z,MIA,NYJ,21,24,final,-105,-115,0,", "3,602,2026-09-27T20:25:00Z,MIA,NYJ,21,24,done,-105,-115,0,", StringComparison.Ordinal);

        var outcome = SeasonReplay.Run(Survivor(games: games));

        outcome.Standings.ShouldBeEmpty();
        outcome.Errors.ShouldHaveSingleItem().ToString().ShouldBe("games.csv line 9, column status: unknown status 'done' (one of scheduled, in_progress, final, postponed, cancelled)");
    }

    [Fact]
    public void Run_EveryBadField_IsNamed()
    {
        var games = """
            week,game_id,kickoff_utc,home,away,home_score,away_score,status,home_moneyline,away_moneyline,home_spread
            23,x,2026-09-13 17:00,K1,BAL,-1,20,final,-50,+170,-4.5.5
            1,7,2026-09-13T17:00:00+02:00,KC,BAL,٣,20,final,-200,+170,-4.5
            """;
        var picks = """
            entry,entry_created_utc,week,team,confidence,line,tiebreak_guess
            ,2026-09-01T10:00:00Z,,KC,0,abc,-1
            """;

        var errors = SeasonReplay.Run(Survivor(games: games, picks: picks, buybacks: "entry,week\nbob,two\n")).Errors.Select(e => e.ToString()).ToList();

        errors.ShouldContain(e => e.StartsWith("games.csv line 2, column week: must be from 1 to 22", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("games.csv line 2, column game_id: 'x' is not a game id", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("games.csv line 2, column kickoff_utc: '2026-09-13 17:00' is not a UTC time", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("games.csv line 2, column home: 'K1' is not a team abbreviation", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("games.csv line 2, column home_score: must be from 0 to 999", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("games.csv line 2, column home_moneyline: '-50' is not an American moneyline", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("games.csv line 2, column home_spread: '-4.5.5' is not a number", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("games.csv line 3, column kickoff_utc:", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("games.csv line 3, column home_score: '٣' is not a whole number", StringComparison.Ordinal));
        errors.ShouldContain("picks.csv line 2, column entry: required");
        errors.ShouldContain("picks.csv line 2, column week: required");
        errors.ShouldContain(e => e.StartsWith("picks.csv line 2, column confidence: must be from 1 to 99", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("picks.csv line 2, column line: 'abc' is not a number", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("picks.csv line 2, column tiebreak_guess: must be from 0 to 999", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("buybacks.csv line 2, column week: 'two' is not a whole number", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_AMissingColumn_NamesItOnTheHeaderLine()
    {
        var error = SeasonReplay.Run(Survivor(picks: "entry,week,team\nann,1,KC\n")).Errors.ShouldHaveSingleItem();

        error.ToString().ShouldBe("picks.csv line 1: missing column 'entry_created_utc' (expected entry,entry_created_utc,week,team,confidence,line,tiebreak_guess)");
    }

    [Fact]
    public void Run_RulesErrors_NameTheField()
    {
        var errors = SeasonReplay.Run(Survivor(rules: """{"kind":"survivor","tieBreakers":["coinToss"],"lives":"two"}""")).Errors.Select(e => e.ToString()).ToList();

        errors.ShouldContain(e => e.StartsWith("rules.json, tieBreakers[0]: unknown tie-breaker", StringComparison.Ordinal));
        errors.ShouldContain("rules.json, lives: must be a whole number");
    }

    [Fact]
    public void Run_GradingErrors_NameTheRow()
    {
        // eve's week-2 pick repeats BUF, picked in week 1 (never reuse): the later row is named.
        var picks = Fixture("survivor-picks.csv").Replace("eve,2026-09-03T08:00:00Z,2,MIA", "eve,2026-09-03T08:00:00Z,2,BUF", StringComparison.Ordinal);

        var error = SeasonReplay.Run(Survivor(picks: picks)).Errors.ShouldHaveSingleItem();

        error.ToString().ShouldBe("picks.csv line 13, column team: entry 'eve' already picked BUF in week 1 (teamReuse never)");
    }

    [Fact]
    public void Run_ABuybackThatDoesNotFit_IsAnError()
    {
        var error = SeasonReplay.Run(Survivor(buybacks: "entry,week\nbob,2\ndan,1\n")).Errors.ShouldHaveSingleItem();

        error.ToString().ShouldBe("buybacks.csv line 3, column week: entry 'dan' was not eliminated in week 1");
    }

    [Fact]
    public async Task Command_WritesTheStandingsToStandardOutput()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await ReplayCommand.RunAsync(
            Path.Combine(FixtureDir, "survivor-rules.json"), Path.Combine(FixtureDir, "games.csv"), Path.Combine(FixtureDir, "survivor-picks.csv"),
            Path.Combine(FixtureDir, "buybacks.csv"), null, stdout, stderr, TestContext.Current.CancellationToken);

        exit.ShouldBe(0, stderr.ToString());
        Compact(stdout.ToString()).ShouldBe(Expected("survivor-standings.json"));
    }

    [Fact]
    public async Task Command_WithOut_WritesTheFile()
    {
        var output = Path.Combine(Path.GetTempPath(), $"pools-{Guid.NewGuid():N}.json");
        try
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();

            var exit = await ReplayCommand.RunAsync(
                Path.Combine(FixtureDir, "pickem-rules.json"), Path.Combine(FixtureDir, "games.csv"), Path.Combine(FixtureDir, "pickem-picks.csv"),
                null, output, stdout, stderr, TestContext.Current.CancellationToken);

            exit.ShouldBe(0, stderr.ToString());
            stdout.ToString().ShouldContain("4 entries ranked");
            Compact(await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken)).ShouldBe(Expected("pickem-standings.json"));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task Command_ABadRun_ExitsOneWithTheErrorsOnStandardError()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        // Pick'em rules with survivor buybacks: each buyback row is an error.
        var exit = await ReplayCommand.RunAsync(
            Path.Combine(FixtureDir, "pickem-rules.json"), Path.Combine(FixtureDir, "games.csv"), Path.Combine(FixtureDir, "pickem-picks.csv"),
            Path.Combine(FixtureDir, "buybacks.csv"), null, stdout, stderr, TestContext.Current.CancellationToken);

        exit.ShouldBe(1);
        stdout.ToString().ShouldBeEmpty();
        stderr.ToString().ShouldContain("the replay was rejected (1 error(s))");
        stderr.ToString().ShouldContain("buybacks.csv line 2, column entry: buybacks belong to survivor pools");
    }

    [Fact]
    public async Task Command_AMissingFile_ExitsOne()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await ReplayCommand.RunAsync(
            Path.Combine(FixtureDir, "nope.json"), Path.Combine(FixtureDir, "games.csv"), Path.Combine(FixtureDir, "pickem-picks.csv"),
            null, null, stdout, stderr, TestContext.Current.CancellationToken);

        exit.ShouldBe(1);
        stderr.ToString().ShouldContain("error: no file");
        stderr.ToString().ShouldContain("nope.json");
    }
}
