using Podium.Modules.Fights.Domain;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Fights;

/// <summary>
/// Recording a result scores the bout's predictions and moves every board in its transaction: right, wrong, underdog
/// bonus from the closing line, void on a draw, the same again changing nothing, a correction re-scoring, a cleared
/// result taking the scores back.
/// </summary>
public abstract class ScoringRunTests(FightBoardsFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Record_ScoresEveryPrediction_MovesEveryBoard_AndAgainChangesNothing_ACorrectionRescores_ADrawVoids_ClearingUnscores()
    {
        var (fightEvent, bout) = await fixture.FreshBoutAsync(_ct);
        var eventBoard = $"event-{fightEvent.Slug}";
        var season = $"season-{fightEvent.StartsAt.Year}";
        // B is the underdog at +250 (3.5 decimal: a bonus of round(10 × 1.5) = 15); the +900 after the lock must not count.
        await fixture.SetClosingOddsAsync(bout, -300, 250, _ct);
        var ana = await fixture.UserAsync("Ana Early");
        var ben = await fixture.UserAsync("Ben Favourite");
        var cy = await fixture.UserAsync("Cy Late");
        await fixture.PredictAsync(bout, ana, Corner.B, PickedMethod.KoTko, 2, minutesBeforeLock: 90, ct: _ct);
        await fixture.PredictAsync(bout, ben, Corner.A, minutesBeforeLock: 60, ct: _ct);
        await fixture.PredictAsync(bout, cy, Corner.B, PickedMethod.Decision, minutesBeforeLock: 30, ct: _ct);

        var recorded = await fixture.RecordAsync(bout.Id, BoutResult.WinFor(Corner.B, FinishMethod.KoTko, 2, TimeSpan.FromSeconds(100)), _ct);

        recorded.Succeeded.ShouldBeTrue();
        recorded.Value!.MembersRescored.ShouldBeGreaterThan(0);
        var scored = (await fixture.PredictionsAsync(bout.Id, _ct)).ToDictionary(p => p.UserId);
        (scored[ana.Id].Points, scored[ana.Id].CorrectWinner).ShouldBe((35, true));
        (scored[ben.Id].Points, scored[ben.Id].CorrectWinner).ShouldBe((0, false));
        (scored[cy.Id].Points, scored[cy.Id].CorrectWinner).ShouldBe((25, true));
        scored.Values.ShouldAllBe(p => p.ScoredAt != null);
        var board = await fixture.BoardAsync(eventBoard, _ct);
        board.Rows.Select(r => (r.UserId, r.Rank, r.Score[0])).ShouldBe([(ana.Id, 1L, 35d), (cy.Id, 2L, 25d), (ben.Id, 3L, 0d)]);
        foreach (var other in new[] { "global", season })
        {
            var standing = await fixture.StandingAsync(other, ana.Id, _ct);
            standing.Me.ShouldNotBeNull(other);
            standing.Me.Score.ShouldBe([35d, 1d, standing.Me.Score[2]]);
        }

        var again = await fixture.RecordAsync(bout.Id, BoutResult.WinFor(Corner.B, FinishMethod.KoTko, 2, TimeSpan.FromSeconds(100)), _ct);
        again.Value!.Changed.ShouldBeFalse();
        again.Value.MembersRescored.ShouldBe(0);
        (await fixture.PredictionsAsync(bout.Id, _ct)).Single(p => p.UserId == ana.Id).ScoredAt.ShouldBe(scored[ana.Id].ScoredAt);

        // A correction: A won on points. Ben's plain pick of the favourite earns 10 (no bonus at 1.33); Ana and Cy tie on
        // 0 points and 0 accuracy, and Ana's earlier first prediction puts her ahead.
        await fixture.RecordAsync(bout.Id, BoutResult.WinFor(Corner.A, FinishMethod.UnanimousDecision, 3), _ct);
        (await fixture.BoardAsync(eventBoard, _ct)).Rows.Select(r => (r.UserId, r.Rank, r.Score[0])).ShouldBe([(ben.Id, 1L, 10d), (ana.Id, 2L, 0d), (cy.Id, 3L, 0d)]);
        (await fixture.StandingAsync("global", ana.Id, _ct)).Me!.Score[0].ShouldBe(0);

        await fixture.RecordAsync(bout.Id, new BoutResult(BoutOutcome.Draw, FinishMethod.SplitDecision, 3), _ct);
        var voided = await fixture.PredictionsAsync(bout.Id, _ct);
        voided.ShouldAllBe(p => p.Points == 0 && p.CorrectWinner == null && p.ScoredAt != null);
        (await fixture.BoardAsync(eventBoard, _ct)).Rows.Select(r => (r.UserId, r.Score[0], r.Score[1])).ShouldBe([(ana.Id, 0d, 0d), (ben.Id, 0d, 0d), (cy.Id, 0d, 0d)]);

        await fixture.RecordAsync(bout.Id, null, _ct);
        (await fixture.PredictionsAsync(bout.Id, _ct)).ShouldAllBe(p => p.Points == null && p.CorrectWinner == null && p.ScoredAt == null);
        (await fixture.BoardAsync(eventBoard, _ct)).Total.ShouldBe(0);
        (await fixture.StandingAsync("global", ana.Id, _ct)).Me.ShouldBeNull();
    }

    [Fact]
    public async Task Record_TellsTheEventPageAndItsBoardsFollowers_AfterTheCommit_AndTheEventPageFollowsBoth()
    {
        var (fightEvent, bout) = await fixture.FreshBoutAsync(_ct);
        var fan = await fixture.UserAsync("Live Lou");
        await fixture.PredictAsync(bout, fan, Corner.A, ct: _ct);
        var eventTopic = $"fights:event:{fightEvent.Id:N}";
        var boardTopic = $"leaderboard:fights:event-{fightEvent.Slug}";

        await fixture.RecordAsync(bout.Id, BoutResult.WinFor(Corner.A, FinishMethod.KoTko, 1), _ct);

        await Eventually.HoldsAsync(
            () => Task.FromResult(fixture.Live.Sent.Any(m => m.Topic == eventTopic && m.Name == "result") && fixture.Live.Sent.Any(m => m.Topic == boardTopic)),
            TimeSpan.FromSeconds(20),
            "the event's result message and its board's ranks message");
        var html = await fixture.CreateClient().GetStringAsync($"/fights/events/{fightEvent.Slug}", _ct);
        html.ShouldContain($"data-live-topic=\"{eventTopic}\"");
        html.ShouldContain($"data-live-topic=\"{boardTopic}\"");
    }

    [Fact]
    public async Task Record_TheSameResultAgain_ScoresPredictionsMissedBefore_ThenNothing()
    {
        var (_, bout) = await fixture.FreshBoutAsync(_ct);
        var result = BoutResult.WinFor(Corner.A, FinishMethod.Submission, 1);
        (await fixture.RecordAsync(bout.Id, result, _ct)).Value!.Changed.ShouldBeTrue();
        var dana = await fixture.UserAsync("Dana Backfill");
        await fixture.PredictAsync(bout, dana, Corner.A, PickedMethod.Submission, 1, ct: _ct);

        var caughtUp = await fixture.RecordAsync(bout.Id, result, _ct);
        var then = await fixture.RecordAsync(bout.Id, result, _ct);

        caughtUp.Value!.Changed.ShouldBeFalse();
        caughtUp.Value.MembersRescored.ShouldBeGreaterThan(0);
        then.Value!.MembersRescored.ShouldBe(0);
        (await fixture.PredictionsAsync(bout.Id, _ct)).Single().Points.ShouldNotBeNull();
        (await fixture.StandingAsync("global", dana.Id, _ct)).Me.ShouldNotBeNull();
    }
}

public sealed class SqliteScoringRunTests(SqliteFightBoardsFixture fixture) : ScoringRunTests(fixture), IClassFixture<SqliteFightBoardsFixture>;

public sealed class PostgresScoringRunTests(PostgresFightBoardsFixture fixture) : ScoringRunTests(fixture), IClassFixture<PostgresFightBoardsFixture>;

public sealed class PostgresRedisScoringRunTests(PostgresRedisFightBoardsFixture fixture) : ScoringRunTests(fixture), IClassFixture<PostgresRedisFightBoardsFixture>;
