using Microsoft.EntityFrameworkCore;
using Podium.Modules.Fights.Model;
using Podium.Platform.Api;
using Podium.Platform.Competitions;
using Podium.Platform.Data;
using Podium.Platform.Leaderboards;

namespace Podium.Modules.Fights.Features.Boards;

/// <summary>A board the viewer may read: its address name, its key and what people call it.</summary>
internal sealed record OpenBoard(BoardName Name, string Key, string Title);

/// <param name="DisplayName">The name the member chose for the site; "Former member" for an account since deleted.</param>
internal sealed record BoardLine(long Rank, Guid UserId, string DisplayName, int Points, double Accuracy, DateTime FirstPredictionAt)
{
    /// <summary>A made-up member of the demo data: pages badge the name, so nobody reads it as a person.</summary>
    public bool IsSample { get; init; }
}

internal sealed record BoardPageView(OpenBoard Board, int Page, int PageSize, long Total, IReadOnlyList<BoardLine> Rows);

internal sealed record BoardStandingView(OpenBoard Board, long Total, BoardLine? Me, IReadOnlyList<BoardLine> Above, IReadOnlyList<BoardLine> Below);

/// <summary>
/// Reads Fights' boards for pages and the API: which boards exist (an event's only when the event does, a league's
/// only for its members, so a league's existence stays private), pages with display names, and a member's standing.
/// Ranks come from Platform's boards, never from a scan.
/// </summary>
internal sealed class FightBoardReader(PodiumDbContext db, ILeaderboards boards, ICompetitionGroups groups)
{
    public const int Neighbours = 3;

    /// <summary>The board this address names, or null when there is none the viewer may read.</summary>
    public async Task<OpenBoard?> OpenAsync(string? name, Guid? viewerId, CancellationToken cancellationToken = default)
    {
        if (BoardName.Parse(name) is not { } board)
        {
            return null;
        }

        string? title = board.Kind switch
        {
            BoardKind.Global => "All time",
            BoardKind.Season => FormattableString.Invariant($"Season {board.Season}"),
            BoardKind.Event => await db.Set<FightEvent>().AsNoTracking().Where(e => e.Slug == board.Slug).Select(e => e.Name).FirstOrDefaultAsync(cancellationToken),
            _ => viewerId is { } viewer && await groups.GetAsync(FightBoards.LeagueKind, board.League, viewer, cancellationToken) is { } league ? league.Name : null,
        };
        return title is not null && FightBoards.Key(board) is { } key ? new OpenBoard(board, key, title) : null;
    }

    public async Task<BoardPageView> PageAsync(OpenBoard board, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var read = await boards.GetPageAsync(board.Key, page, pageSize, cancellationToken);
        var names = await NamesAsync(read.Rows.Select(r => r.UserId), cancellationToken);
        return new BoardPageView(board, read.Page, read.PageSize, read.Total, [.. read.Rows.Select(r => Line(r, names))]);
    }

    public async Task<BoardStandingView> StandingAsync(OpenBoard board, Guid userId, CancellationToken cancellationToken = default)
    {
        var read = await boards.GetStandingAsync(board.Key, userId, Neighbours, cancellationToken);
        var names = await NamesAsync(read.Above.Concat(read.Below).Append(read.Me).OfType<LeaderboardRow>().Select(r => r.UserId), cancellationToken);
        return new BoardStandingView(
            board, read.Total, read.Me is null ? null : Line(read.Me, names), [.. read.Above.Select(r => Line(r, names))], [.. read.Below.Select(r => Line(r, names))]);
    }

    /// <summary>Seasons with a scored bout, newest first; the current one first even before its first result.</summary>
    public async Task<IReadOnlyList<int>> SeasonsAsync(int currentYear, CancellationToken cancellationToken = default)
    {
        var years = await db.Set<Bout>().AsNoTracking().Where(b => b.Outcome != null).Select(b => b.Event.StartsAt.Year).Distinct().ToListAsync(cancellationToken);
        return [.. years.Append(currentYear).Distinct().OrderDescending()];
    }

    /// <summary>The latest events with a result, for picking an event's board.</summary>
    public async Task<IReadOnlyList<(string Slug, string Name)>> RecentEventsAsync(int count, CancellationToken cancellationToken = default)
    {
        var rows = await db.Set<FightEvent>().AsNoTracking().Where(e => e.Bouts.Any(b => b.Outcome != null))
            .OrderByDescending(e => e.StartsAt).Take(count).Select(e => new { e.Slug, e.Name }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Slug, r.Name))];
    }

    public Task<PagedList<GroupSummary>> LeaguesAsync(Guid userId, CancellationToken cancellationToken = default) =>
        groups.MyGroupsAsync(FightBoards.LeagueKind, userId, new PageRequest(1, PageRequest.MaxPageSize), cancellationToken);

    private async Task<Dictionary<Guid, (string Name, bool IsSample)>> NamesAsync(IEnumerable<Guid> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        return ids.Count == 0
            ? []
            : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.IsSample })
                .ToDictionaryAsync(u => u.Id, u => (u.DisplayName, u.IsSample), cancellationToken);
    }

    private static BoardLine Line(LeaderboardRow row, Dictionary<Guid, (string Name, bool IsSample)> names)
    {
        var known = names.TryGetValue(row.UserId, out var who);
        return new BoardLine(
            row.Rank,
            row.UserId,
            known && !string.IsNullOrWhiteSpace(who.Name) ? who.Name : "Former member",
            (int)row.Score[0],
            row.Score[1],
            BoardScore.FirstAtTime(row.Score[2])) { IsSample = known && who.IsSample };
    }
}
