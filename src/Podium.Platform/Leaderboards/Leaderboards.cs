namespace Podium.Platform.Leaderboards;

/// <summary>A member on a board: the tie-aware rank (1, 1, 3) and the score, one value per component of its family.</summary>
public sealed record LeaderboardRow(long Rank, Guid UserId, IReadOnlyList<double> Score);

/// <summary>One page of a board, best first. A page past the end has no rows; <see cref="Total"/> is the board's size.</summary>
public sealed record LeaderboardPage(string Board, int Page, int PageSize, long Total, IReadOnlyList<LeaderboardRow> Rows);

/// <summary>
/// A member's place with the members just above and below (fewer at the top or bottom of the board). <see cref="Me"/>
/// is null, with no neighbours, for someone not on the board.
/// </summary>
public sealed record LeaderboardStanding(string Board, long Total, LeaderboardRow? Me, IReadOnlyList<LeaderboardRow> Above, IReadOnlyList<LeaderboardRow> Below);

/// <summary>
/// Score changes to apply together: typically everything one result changes, on every board it touches. Validated as
/// it is built (a bad key or value throws <see cref="ArgumentException"/> there, before anything is written); the last
/// change of a member on a board wins.
/// </summary>
public sealed class LeaderboardBatch
{
    private readonly LeaderboardFamilies _families;
    private readonly SortedDictionary<string, Dictionary<Guid, byte[]?>> _boards = new(StringComparer.Ordinal);

    internal LeaderboardBatch(LeaderboardFamilies families) => _families = families;

    internal IEnumerable<KeyValuePair<string, Dictionary<Guid, byte[]?>>> Boards => _boards;

    public bool IsEmpty => _boards.Count == 0;

    /// <summary>Puts the member on the board with this score, or moves them to it.</summary>
    public LeaderboardBatch Set(string board, Guid userId, params IReadOnlyList<double> score)
    {
        var family = _families.For(board);
        family.Validate(board, score);
        Changes(board, userId)[userId] = SortKey.Encode(family, score);
        return this;
    }

    /// <summary>Takes the member off the board (they left the league); the members below move up.</summary>
    public LeaderboardBatch Remove(string board, Guid userId)
    {
        _families.For(board);
        Changes(board, userId)[userId] = null;
        return this;
    }

    private Dictionary<Guid, byte[]?> Changes(string board, Guid userId)
    {
        if (userId == Guid.Empty)
        {
            throw new ArgumentException("A board member is a user id; the empty id is none.", nameof(userId));
        }

        if (!_boards.TryGetValue(board, out var changes))
        {
            _boards[board] = changes = [];
        }

        return changes;
    }
}

/// <summary>
/// Boards of scored members with tie-aware ranks: written in the caller's transaction, read without scanning (from
/// Redis when it is configured and current, otherwise counted from the database's score index and per-bucket member
/// counts). See docs/ARCHITECTURE.md, "Which Platform part to use".
/// </summary>
public interface ILeaderboards
{
    public const int MaxPageSize = 100;
    public const int MaxNeighbours = 25;

    /// <summary>A batch to fill and <see cref="ApplyAsync"/>.</summary>
    LeaderboardBatch NewBatch();

    /// <summary>
    /// Applies the batch in the caller's transaction (<c>db.InTransactionAsync</c>; in one of its own without one): the
    /// scores, places and ranks change with the caller's other writes, or not at all. Once it commits, the Redis copy is
    /// brought up to date and followers of each board's live topic (<see cref="LiveTopic"/>) are told to refresh.
    /// </summary>
    Task ApplyAsync(LeaderboardBatch batch, CancellationToken cancellationToken = default);

    /// <param name="page">From 1; a page past the end is empty.</param>
    /// <param name="pageSize">1 to <see cref="MaxPageSize"/>.</param>
    Task<LeaderboardPage> GetPageAsync(string board, int page, int pageSize, CancellationToken cancellationToken = default);

    /// <param name="neighbours">How many members above and below to include, 0 to <see cref="MaxNeighbours"/>.</param>
    Task<LeaderboardStanding> GetStandingAsync(string board, Guid userId, int neighbours = 3, CancellationToken cancellationToken = default);

    /// <summary>The live topic of a board (<c>leaderboard:</c> + its key): pages follow it to refresh when ranks change.</summary>
    public static string LiveTopic(string board) => LeaderboardReadModel.TopicPrefix + ":" + board;
}
