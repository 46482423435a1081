using System.Net.Http.Json;
using System.Text.Json;
using Podium.Platform.Feeds;

namespace Podium.Tests.Feeds;

public sealed record TestScoresRequest(string Day) : IFeedRequest
{
    public string Kind => "test-scores";

    public string Key => Day;
}

public sealed record TestGame(string Home, string Away, int HomeScore, int AwayScore);

public sealed record TestScores(string Day, IReadOnlyList<TestGame> Games);

/// <summary>A scoreboard provider as a module would write one: fetch, parse, refuse what it cannot use.</summary>
public abstract class TestScoresProvider(string sourceKey) : IFeedProvider<TestScoresRequest, TestScores>
{
    public string SourceKey => sourceKey;

    public async Task<TestScores> FetchAsync(TestScoresRequest request, HttpClient client, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync($"scores?day={Uri.EscapeDataString(request.Day)}", cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (!body.TryGetProperty("games", out var games) || games.ValueKind != JsonValueKind.Array)
        {
            throw new FeedDataException("The scoreboard has no games.");
        }

        var list = new List<TestGame>();
        foreach (var game in games.EnumerateArray())
        {
            if (!game.TryGetProperty("home", out var home) || !game.TryGetProperty("away", out var away)
                || !game.TryGetProperty("homeScore", out var homeScore) || !game.TryGetProperty("awayScore", out var awayScore))
            {
                throw new FeedDataException("A game misses its teams or scores.");
            }

            list.Add(new TestGame(home.GetString()!, away.GetString()!, homeScore.GetInt32(), awayScore.GetInt32()));
        }

        return new TestScores(request.Day, list);
    }
}

public sealed class DisabledScoresProvider() : TestScoresProvider(FeedFixture.Disabled);

public sealed class PrimaryScoresProvider() : TestScoresProvider(FeedFixture.Scores);

public sealed class BackupScoresProvider() : TestScoresProvider(FeedFixture.Backup);
