using Podium.Modules.Pools.Domain;

namespace Podium.Rules.Tests.Pools;

public sealed class RulesJsonTests
{
    private const string IssueSurvivor = """
        {"kind":"survivor","startWeek":1,"lives":1,"doublePickWeeks":[],"teamReuse":"never",
        "tie":"loss","postponed":"win","missedPick":"loss","maxAutoPicks":0,"buybacks":{"enabled":false,
        "lastWeek":0,"maxPerEntry":0},"noSurvivors":"shareWin","includePlayoffs":false,"tieBreakers":["margin",
        "fewestBuybacks","earliestEntry"]}
        """;

    private static PoolRules Parsed(string json)
    {
        var (rules, errors) = RulesJson.Parse(json);
        errors.ShouldBeEmpty();
        return rules.ShouldNotBeNull();
    }

    private static RulesError OnlyError(string json)
    {
        var (rules, errors) = RulesJson.Parse(json);
        rules.ShouldBeNull();
        return errors.ShouldHaveSingleItem();
    }

    [Fact]
    public void Parse_TheIssuesSurvivorShape_IsTheDefaults() => Parsed(IssueSurvivor).ShouldBe(new SurvivorRules());

    [Fact]
    public void Parse_OnlyTheKind_TakesEveryDefault()
    {
        var rules = Parsed("""{"kind":"survivor"}""").ShouldBeOfType<SurvivorRules>();

        rules.ShouldBe(new SurvivorRules());
        rules.Version.ShouldBe(1);
        rules.StartWeek.ShouldBe(1);
        rules.Lives.ShouldBe(1);
        rules.TeamReuse.ShouldBe(TeamReuse.Never);
        rules.Tie.ShouldBe(PickOutcome.Loss);
        rules.Postponed.ShouldBe(PickOutcome.Win);
        rules.MissedPick.ShouldBe(MissedPickPolicy.Loss);
        rules.NoSurvivors.ShouldBe(NoSurvivorsPolicy.ShareWin);
        rules.Buybacks.ShouldBe(new BuybackRules(false, 0, 0));
        rules.TieBreakers.ShouldBe([SurvivorTieBreaker.Margin, SurvivorTieBreaker.FewestBuybacks, SurvivorTieBreaker.EarliestEntry]);
        rules.LastWeek.ShouldBe(18);
    }

    [Fact]
    public void Parse_ThePickemShape_IsTheDefaults()
    {
        var rules = Parsed("""{"kind":"pickem","scoring":"straight","pushPoints":0,"tiebreakGame":"lastOfWeek"}""").ShouldBeOfType<PickemRules>();

        rules.ShouldBe(new PickemRules());
        Parsed("""{"kind":"pickem"}""").ShouldBe(new PickemRules());
    }

    [Fact]
    public void WriteThenParse_Survivor_GivesTheSameRules()
    {
        var rules = new SurvivorRules(3)
        {
            StartWeek = 19,
            Lives = 2,
            DoublePickWeeks = [20, 21],
            TeamReuse = TeamReuse.PlayoffReset,
            Tie = PickOutcome.Win,
            Postponed = PickOutcome.Void,
            MissedPick = MissedPickPolicy.AutoPick,
            MaxAutoPicks = 2,
            Buybacks = new BuybackRules(true, 20, 1),
            NoSurvivors = NoSurvivorsPolicy.Revive,
            IncludePlayoffs = true,
            TieBreakers = [SurvivorTieBreaker.EarliestEntry, SurvivorTieBreaker.Margin],
        };

        var json = RulesJson.Write(rules);

        Parsed(json).ShouldBe(rules);
        json.ShouldContain("\"teamReuse\":\"playoffReset\"");
        json.ShouldContain("\"noSurvivors\":\"revive\"");
        json.ShouldContain("\"missedPick\":\"autoPick\"");
        json.ShouldContain("\"tieBreakers\":[\"earliestEntry\",\"margin\"]");
    }

    [Theory]
    [InlineData(nameof(PickemScoring.Straight), "straight")]
    [InlineData(nameof(PickemScoring.Spread), "spread")]
    [InlineData(nameof(PickemScoring.Confidence), "confidence")]
    [InlineData(nameof(PickemScoring.PointsPlus), "pointsPlus")]
    public void WriteThenParse_Pickem_GivesTheSameRules(string scoring, string name)
    {
        var rules = new PickemRules(2) { Scoring = Enum.Parse<PickemScoring>(scoring), PushPoints = 0.5m };

        var json = RulesJson.Write(rules);

        json.ShouldBe($$"""{"kind":"pickem","version":2,"scoring":"{{name}}","pushPoints":0.5,"tiebreakGame":"lastOfWeek"}""");
        Parsed(json).ShouldBe(rules);
    }

    [Fact]
    public void Write_DefaultSurvivor_SpellsEveryField() =>
        RulesJson.Write(new SurvivorRules()).ShouldBe(
            """{"kind":"survivor","version":1,"startWeek":1,"lives":1,"doublePickWeeks":[],"teamReuse":"never","tie":"loss","postponed":"win","missedPick":"loss","maxAutoPicks":0,"buybacks":{"enabled":false,"lastWeek":0,"maxPerEntry":0},"noSurvivors":"shareWin","includePlayoffs":false,"tieBreakers":["margin","fewestBuybacks","earliestEntry"]}""");

    [Theory]
    [InlineData("teamReuse", "halves", nameof(TeamReuse.Halves))]
    [InlineData("teamReuse", "playoffReset", nameof(TeamReuse.PlayoffReset))]
    [InlineData("tie", "win", nameof(PickOutcome.Win))]
    [InlineData("postponed", "loss", nameof(PickOutcome.Loss))]
    [InlineData("postponed", "void", nameof(PickOutcome.Void))]
    [InlineData("missedPick", "autoPick", nameof(MissedPickPolicy.AutoPick))]
    [InlineData("noSurvivors", "revive", nameof(NoSurvivorsPolicy.Revive))]
    public void Parse_EachNamedValue_IsRead(string field, string value, string expected)
    {
        var rules = Parsed($$"""{"kind":"survivor","{{field}}":"{{value}}"}""").ShouldBeOfType<SurvivorRules>();

        var actual = field switch
        {
            "teamReuse" => rules.TeamReuse.ToString(),
            "tie" => rules.Tie.ToString(),
            "postponed" => rules.Postponed.ToString(),
            "missedPick" => rules.MissedPick.ToString(),
            _ => rules.NoSurvivors.ToString(),
        };
        actual.ShouldBe(expected);
    }

    [Theory]
    [InlineData("""{"kind":"survivor","lives":"2"}""", "lives", "whole number")]
    [InlineData("""{"kind":"survivor","lives":1.5}""", "lives", "whole number")]
    [InlineData("""{"kind":"survivor","lives":0}""", "lives", "from 1 to 99")]
    [InlineData("""{"kind":"survivor","lives":100}""", "lives", "from 1 to 99")]
    [InlineData("""{"kind":"survivor","startWeek":19}""", "startWeek", "from 1 to 18")]
    [InlineData("""{"kind":"survivor","startWeek":0}""", "startWeek", "from 1 to 18")]
    [InlineData("""{"kind":"survivor","startWeek":23,"includePlayoffs":true}""", "startWeek", "from 1 to 22")]
    [InlineData("""{"kind":"survivor","maxAutoPicks":-1}""", "maxAutoPicks", "from 0 to 22")]
    [InlineData("""{"kind":"survivor","version":0}""", "version", "at least 1")]
    [InlineData("""{"kind":"survivor","teamReuse":"Never"}""", "teamReuse", "never, halves, playoffReset")]
    [InlineData("""{"kind":"survivor","tie":"void"}""", "tie", "win, loss")]
    [InlineData("""{"kind":"survivor","postponed":1}""", "postponed", "win, loss, void")]
    [InlineData("""{"kind":"survivor","includePlayoffs":"yes"}""", "includePlayoffs", "true or false")]
    [InlineData("""{"kind":"survivor","buybacks":true}""", "buybacks", "an object")]
    [InlineData("""{"kind":"survivor","buybacks":{"enabled":true,"lastWeek":19}}""", "buybacks.lastWeek", "from 0 to 18")]
    [InlineData("""{"kind":"survivor","buybacks":{"maxPerEntry":-1}}""", "buybacks.maxPerEntry", "at least 0")]
    [InlineData("""{"kind":"survivor","buybacks":{"fee":10}}""", "buybacks.fee", "unknown rule")]
    [InlineData("""{"kind":"survivor","doublePickWeeks":3}""", "doublePickWeeks", "list of weeks")]
    [InlineData("""{"kind":"survivor","doublePickWeeks":[3,"4"]}""", "doublePickWeeks[1]", "whole number")]
    [InlineData("""{"kind":"survivor","doublePickWeeks":[19]}""", "doublePickWeeks[0]", "from 1 to 18")]
    [InlineData("""{"kind":"survivor","doublePickWeeks":[0]}""", "doublePickWeeks[0]", "from 1 to 18")]
    [InlineData("""{"kind":"survivor","doublePickWeeks":[3,3]}""", "doublePickWeeks[1]", "listed twice")]
    [InlineData("""{"kind":"survivor","tieBreakers":"margin"}""", "tieBreakers", "list of tie-breakers")]
    [InlineData("""{"kind":"survivor","tieBreakers":["margin","coinToss"]}""", "tieBreakers[1]", "unknown tie-breaker")]
    [InlineData("""{"kind":"survivor","tieBreakers":[1]}""", "tieBreakers[0]", "unknown tie-breaker")]
    [InlineData("""{"kind":"survivor","tieBreakers":["margin","margin"]}""", "tieBreakers[1]", "listed twice")]
    [InlineData("""{"kind":"survivor","scoring":"straight"}""", "scoring", "unknown rule")]
    [InlineData("""{"kind":"pickem","lives":2}""", "lives", "unknown rule")]
    [InlineData("""{"kind":"pickem","scoring":"moneyline"}""", "scoring", "straight, spread, confidence, pointsPlus")]
    [InlineData("""{"kind":"pickem","pushPoints":1}""", "pushPoints", "0 or 0.5")]
    [InlineData("""{"kind":"pickem","pushPoints":"0.5"}""", "pushPoints", "0 or 0.5")]
    [InlineData("""{"kind":"pickem","tiebreakGame":"firstOfWeek"}""", "tiebreakGame", "lastOfWeek")]
    [InlineData("""{"kind":"bracket"}""", "kind", "survivor, pickem")]
    [InlineData("""{"lives":2}""", "kind", "required")]
    public void Parse_AWrongField_IsANamedError(string json, string field, string reason)
    {
        var (rules, errors) = RulesJson.Parse(json);

        rules.ShouldBeNull();
        var error = errors.ShouldHaveSingleItem(string.Join("; ", errors));
        error.Field.ShouldBe(field);
        error.Reason.ShouldContain(reason);
        error.ToString().ShouldBe($"{field}: {error.Reason}");
    }

    [Fact]
    public void Parse_PlayoffWeeks_AreAllowedWithThePlayoffs()
    {
        var rules = Parsed("""{"kind":"survivor","includePlayoffs":true,"startWeek":22,"doublePickWeeks":[22],"buybacks":{"lastWeek":22}}""").ShouldBeOfType<SurvivorRules>();

        rules.StartWeek.ShouldBe(22);
        rules.LastWeek.ShouldBe(22);
        rules.PicksRequired(22).ShouldBe(2);
        rules.PicksRequired(21).ShouldBe(1);
        rules.Buybacks.LastWeek.ShouldBe(22);
    }

    [Fact]
    public void Parse_TheLimits_AreAllowed()
    {
        var rules = Parsed("""{"kind":"survivor","startWeek":18,"lives":99,"maxAutoPicks":22,"doublePickWeeks":[1,18],"buybacks":{"lastWeek":18}}""").ShouldBeOfType<SurvivorRules>();

        (rules.StartWeek, rules.Lives, rules.MaxAutoPicks).ShouldBe((18, 99, 22));
        rules.DoublePickWeeks.ShouldBe([1, 18]);
    }

    [Fact]
    public void Parse_NoTieBreakers_IsAnEmptyList() =>
        Parsed("""{"kind":"survivor","tieBreakers":[]}""").ShouldBeOfType<SurvivorRules>().TieBreakers.ShouldBeEmpty();

    [Fact]
    public void Parse_SeveralMistakes_NamesEach()
    {
        var (_, errors) = RulesJson.Parse("""{"kind":"survivor","lives":0,"teamReuse":"sometimes","colour":"red"}""");

        errors.Select(e => e.Field).ShouldBe(["lives", "teamReuse", "colour"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("[]", "a JSON object")]
    [InlineData("\"survivor\"", "a JSON object")]
    [InlineData("{\"kind\":", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    public void Parse_NotAnObject_IsAnError(string json, string reason)
    {
        var error = OnlyError(json);

        error.Field.ShouldBe("");
        error.Reason.ShouldContain(reason);
        error.ToString().ShouldBe(error.Reason);
    }

    [Fact]
    public void Parse_TooDeep_IsAnError() =>
        OnlyError("""{"kind":"survivor","buybacks":{"x":[[[[[[[[1]]]]]]]]}}""").Reason.ShouldContain("not valid JSON");

    [Fact]
    public void Name_SpellsAsTheRules() => RulesJson.Name(SurvivorTieBreaker.FewestBuybacks).ShouldBe("fewestBuybacks");
}
