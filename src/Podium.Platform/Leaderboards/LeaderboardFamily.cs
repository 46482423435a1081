using System.Text.RegularExpressions;

namespace Podium.Platform.Leaderboards;

/// <summary>Which end of a score component is better.</summary>
public enum ScoreOrder
{
    /// <summary>Most points, best accuracy first.</summary>
    HigherFirst,

    /// <summary>Earliest time, fewest strokes first.</summary>
    LowerFirst,
}

/// <summary>
/// One part of a member's score, e.g. points. A board compares members by its components in order, each breaking the
/// ties the ones before it leave, exactly as <see cref="Podium.Platform.Modules.Ranking{T}"/> does.
/// </summary>
/// <remarks>
/// Values are doubles compared exactly (the stores keep all 64 bits, see <see cref="SortKey"/>), so whole numbers are
/// exact up to 2^53, the default bounds. NaN and infinities are refused; so is any value outside
/// [<see cref="Min"/>, <see cref="Max"/>], which a family narrows to say what is plausible (points never negative).
/// </remarks>
public sealed record ScoreComponent
{
    /// <summary>2^53: the largest range in which every whole number is a distinct double.</summary>
    public const double ExactLimit = 9_007_199_254_740_992d;

    public ScoreComponent(string name, ScoreOrder order, double min = -ExactLimit, double max = ExactLimit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!double.IsFinite(min) || !double.IsFinite(max) || min > max)
        {
            throw new ArgumentOutOfRangeException(nameof(max), $"Score component '{name}': the bounds [{min}, {max}] must be finite and in order.");
        }

        (Name, Order, Min, Max) = (name, order, min, max);
    }

    public string Name { get; }

    public ScoreOrder Order { get; }

    public double Min { get; }

    public double Max { get; }

    public static ScoreComponent HigherFirst(string name, double min = -ExactLimit, double max = ExactLimit) => new(name, ScoreOrder.HigherFirst, min, max);

    public static ScoreComponent LowerFirst(string name, double min = -ExactLimit, double max = ExactLimit) => new(name, ScoreOrder.LowerFirst, min, max);
}

/// <summary>
/// The boards that share one way of scoring, named by a key prefix: family <c>fights</c> covers <c>fights:global</c>,
/// <c>fights:season-2026</c>, <c>fights:league-42</c>. Register it with
/// <c>services.AddLeaderboardFamily(family)</c>; a board whose key matches no family is refused.
/// </summary>
public sealed partial class LeaderboardFamily
{
    public const int MaxComponents = 8;

    public LeaderboardFamily(string prefix, IReadOnlyList<ScoreComponent> components)
    {
        if (!LeaderboardKeys.IsValidPrefix(prefix))
        {
            throw new ArgumentException($"'{prefix}' is not a board family prefix: lower-case words joined by ':', e.g. 'quiz:weekly'.", nameof(prefix));
        }

        ArgumentNullException.ThrowIfNull(components);
        if (components.Count is 0 or > MaxComponents)
        {
            throw new ArgumentException($"A board family has 1 to {MaxComponents} score components.", nameof(components));
        }

        Prefix = prefix;
        Components = [.. components];
    }

    public string Prefix { get; }

    public IReadOnlyList<ScoreComponent> Components { get; }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="score"/> fits this family.</summary>
    internal void Validate(string board, IReadOnlyList<double> score)
    {
        ArgumentNullException.ThrowIfNull(score);
        if (score.Count != Components.Count)
        {
            throw new ArgumentException($"Board '{board}' scores {Components.Count} component(s) ({string.Join(", ", Components.Select(c => c.Name))}); got {score.Count}.", nameof(score));
        }

        for (var i = 0; i < score.Count; i++)
        {
            var component = Components[i];
            if (double.IsNaN(score[i]) || score[i] < component.Min || score[i] > component.Max)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(score), score[i], $"Board '{board}': '{component.Name}' must be a number from {component.Min} to {component.Max}.");
            }
        }
    }
}

/// <summary>What board keys look like: a family prefix and more segments, safe as a live topic and a Redis key.</summary>
internal static partial class LeaderboardKeys
{
    /// <summary>So that <c>leaderboard:</c> + the key fits a live topic's 128 characters.</summary>
    public const int MaxLength = 100;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*(:[a-z0-9][a-z0-9-]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*(:[A-Za-z0-9_-]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex BoardPattern();

    public static bool IsValidPrefix(string? prefix) => prefix is { Length: > 0 and <= MaxLength } && PrefixPattern().IsMatch(prefix);

    /// <summary>Namespaced: at least two segments, so a board always says whose it is (<c>fights:global</c>).</summary>
    public static bool IsValidBoard(string? board) => board is { Length: > 0 and <= MaxLength } && BoardPattern().IsMatch(board);
}

/// <summary>The families registered by the modules; finds a board's.</summary>
internal sealed class LeaderboardFamilies
{
    private readonly LeaderboardFamily[] _families;

    public LeaderboardFamilies(IEnumerable<LeaderboardFamily> families)
    {
        _families = [.. families];
        if (_families.GroupBy(f => f.Prefix, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidOperationException($"Two board families are registered as '{twice.Key}'.");
        }
    }

    /// <summary>The family of <paramref name="board"/> (the longest matching prefix); throws <see cref="ArgumentException"/> for a bad or unknown key.</summary>
    public LeaderboardFamily For(string board)
    {
        if (!LeaderboardKeys.IsValidBoard(board))
        {
            throw new ArgumentException(
                $"'{board}' is not a board key: a family prefix and a name joined by ':', e.g. 'quiz:weekly:42', at most {LeaderboardKeys.MaxLength} characters.",
                nameof(board));
        }

        return _families.Where(f => board == f.Prefix || board.StartsWith(f.Prefix + ":", StringComparison.Ordinal)).MaxBy(f => f.Prefix.Length)
            ?? throw new ArgumentException($"No board family covers '{board}': register one with AddLeaderboardFamily.", nameof(board));
    }
}
