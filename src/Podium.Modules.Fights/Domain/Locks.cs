namespace Podium.Modules.Fights.Domain;

/// <summary>When a bout stops taking predictions: at its own start when the feed knows it, else when the event starts.</summary>
internal readonly record struct BoutLock(DateTime At)
{
    public static BoutLock For(DateTime? boutStartsAt, DateTime eventStartsAt) => new(boutStartsAt ?? eventStartsAt);

    /// <summary>Locked at the lock instant itself: a pick sent as the bell rings is already too late.</summary>
    public bool IsLockedAt(DateTime now) => now >= At;

    /// <summary>What the countdown shows; zero once locked.</summary>
    public TimeSpan Remaining(DateTime now) => IsLockedAt(now) ? TimeSpan.Zero : At - now;
}
