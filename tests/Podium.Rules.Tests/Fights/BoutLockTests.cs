using Podium.Modules.Fights.Domain;

namespace Podium.Rules.Tests.Fights;

public sealed class BoutLockTests
{
    private static readonly DateTime EventStart = new(2026, 12, 12, 23, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void For_WhenTheBoutsStartIsKnown_LocksAtTheBoutsStart()
    {
        var boutStart = EventStart.AddHours(3);

        BoutLock.For(boutStart, EventStart).At.ShouldBe(boutStart);
    }

    [Fact]
    public void For_WhenTheBoutsStartIsUnknown_LocksAtTheEventsStart() => BoutLock.For(null, EventStart).At.ShouldBe(EventStart);

    [Fact]
    public void IsLockedAt_WhenBeforeTheLock_IsOpen() => new BoutLock(EventStart).IsLockedAt(EventStart.AddTicks(-1)).ShouldBeFalse();

    [Fact]
    public void IsLockedAt_WhenAtTheLockInstant_IsLocked() => new BoutLock(EventStart).IsLockedAt(EventStart).ShouldBeTrue();

    [Fact]
    public void IsLockedAt_WhenAfterTheLock_IsLocked() => new BoutLock(EventStart).IsLockedAt(EventStart.AddMinutes(1)).ShouldBeTrue();

    [Fact]
    public void Remaining_WhenBeforeTheLock_IsTheTimeLeft() => new BoutLock(EventStart).Remaining(EventStart.AddMinutes(-90)).ShouldBe(TimeSpan.FromMinutes(90));

    [Fact]
    public void Remaining_WhenLocked_IsZero() => new BoutLock(EventStart).Remaining(EventStart.AddMinutes(5)).ShouldBe(TimeSpan.Zero);

    [Fact]
    public void Remaining_WhenAtTheLockInstant_IsZero() => new BoutLock(EventStart).Remaining(EventStart).ShouldBe(TimeSpan.Zero);
}
