using Podium.Modules.Pools.Domain;

namespace Podium.Rules.Tests.Pools;

public sealed class StandingsJsonTests
{
    [Fact]
    public void Write_SpellsEveryKeyInOrder()
    {
        var json = StandingsJson.Write(
        [
            new Standing(1, "ann", true, 3, 1, null, null, 3, 21, 0),
            new Standing(2, "bob \"B\"", null, null, null, null, 1.0m + 0.5m, 1, null, null),
            new Standing(3, "cat", null, null, null, null, 2.50m - 0.50m, 2, null, null),
        ]);

        json.ReplaceLineEndings("").Replace(" ", "", StringComparison.Ordinal).ShouldBe(
            """[{"rank":1,"entry":"ann","alive":true,"weeksSurvived":3,"livesLeft":1,"eliminatedWeek":null,"points":null,"correct":3,"margin":21,"buybacks":0},""" +
            """{"rank":2,"entry":"bob\u0022B\u0022","alive":null,"weeksSurvived":null,"livesLeft":null,"eliminatedWeek":null,"points":1.5,"correct":1,"margin":null,"buybacks":null},""" +
            """{"rank":3,"entry":"cat","alive":null,"weeksSurvived":null,"livesLeft":null,"eliminatedWeek":null,"points":2,"correct":2,"margin":null,"buybacks":null}]""");
    }

    [Fact]
    public void Write_NoStandings_IsAnEmptyArray() => StandingsJson.Write([]).ShouldBe("[]");

    [Fact]
    public void Grade_DispatchesOnTheKind()
    {
        Game[] games = [PoolsSeason.Final(1, 1, "KC", 1, "LV", 0)];
        Pick[] picks = [PoolsSeason.P("ann", 1, "KC")];

        Replay.Grade(new SurvivorRules(), games, picks, []).Standings.ShouldHaveSingleItem().Alive.ShouldBe(true);
        Replay.Grade(new PickemRules(), games, picks, []).Standings.ShouldHaveSingleItem().Points.ShouldBe(1m);
    }
}
