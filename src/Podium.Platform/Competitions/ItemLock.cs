using System.Globalization;
using Podium.Platform.Modules.Commands;

namespace Podium.Platform.Competitions;

/// <summary>
/// The instant from which an item (a bout's predictions, a week's picks, a contest's entries) takes no more entries,
/// and from which everyone's entries are shown. The instant itself is already locked: a pick stamped at kickoff is late.
/// </summary>
/// <remarks>
/// Decided on the server from the injected <see cref="TimeProvider"/>, never from what the client says the time is, and
/// checked again inside the write's transaction, so a request that began before the lock and writes after it is refused.
/// </remarks>
public readonly record struct ItemLock
{
    public ItemLock(DateTime locksAt)
    {
        if (locksAt.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("A lock instant is UTC (an unspecified or local time would move the lock by the server's offset).", nameof(locksAt));
        }

        LocksAt = locksAt;
    }

    /// <summary>UTC.</summary>
    public DateTime LocksAt { get; }

    public bool IsLockedAt(DateTime now) => now >= LocksAt;

    public bool IsLocked(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return IsLockedAt(time.GetUtcNow().UtcDateTime);
    }

    /// <summary>What is left before the lock; zero once locked (a countdown never goes negative).</summary>
    public TimeSpan RemainingAt(DateTime now) => IsLockedAt(now) ? TimeSpan.Zero : LocksAt - now;

    /// <summary>
    /// Null while the item is open; once it is locked, the refusal to return from the write: a 409 Problem Details of type
    /// <see cref="CommandProblem.LockedType"/> carrying the lock instant, which endpoints return as it is.
    /// </summary>
    /// <param name="what">Names the item as the user does ("This bout", "Week 3's picks").</param>
    public CommandResult<T>? RefuseWriteAt<T>(DateTime now, string what = "This item") =>
        IsLockedAt(now)
            ? CommandResult<T>.Locked(LocksAt, string.Create(CultureInfo.InvariantCulture, $"{what} locked at {LocksAt:yyyy-MM-dd HH:mm:ss} UTC and takes no more changes."))
            : null;

    /// <summary>
    /// What <paramref name="viewer"/> may see of one item's entries: before the lock their own only (nothing for a visitor
    /// who is not signed in), after it everyone's. The order of <paramref name="entries"/> is kept.
    /// </summary>
    public IReadOnlyList<T> VisibleTo<T>(IEnumerable<T> entries, Func<T, Guid> memberOf, Guid? viewer, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(memberOf);
        if (IsLockedAt(now))
        {
            return entries.ToList();
        }

        return viewer is { } me ? entries.Where(e => memberOf(e) == me).ToList() : [];
    }

    /// <summary>
    /// An aggregate over everyone's entries (the community's pick split) is computed only after the lock: before it, the
    /// split would tell a member how the others picked. Null while open.
    /// </summary>
    public TSplit? SplitAt<TSplit>(DateTime now, Func<TSplit> compute)
        where TSplit : class
    {
        ArgumentNullException.ThrowIfNull(compute);
        return IsLockedAt(now) ? compute() : null;
    }
}

/// <summary>Visibility over entries of many items at once (a member's page of picks across a card), each item with its own lock.</summary>
public static class EntryVisibility
{
    /// <summary>Each entry the viewer owns, and every entry of an item that has locked; the order is kept.</summary>
    public static IReadOnlyList<T> VisibleTo<T>(
        IEnumerable<T> entries, Func<T, Guid> memberOf, Func<T, ItemLock> lockOf, Guid? viewer, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(memberOf);
        ArgumentNullException.ThrowIfNull(lockOf);
        return entries.Where(e => lockOf(e).IsLockedAt(now) || (viewer is { } me && memberOf(e) == me)).ToList();
    }
}
