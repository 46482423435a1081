using Microsoft.AspNetCore.Http;
using Podium.Platform.Competitions;
using Podium.Platform.Modules.Commands;

namespace Podium.Rules.Tests.Platform;

/// <summary>When an item stops taking entries, and who sees which entries before and after.</summary>
public sealed class ItemLockTests
{
    private static readonly DateTime Kickoff = new(2026, 12, 7, 18, 0, 0, DateTimeKind.Utc);
    private static readonly ItemLock Lock = new(Kickoff);
    private static readonly Guid Ann = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Ben = Guid.Parse("00000000-0000-0000-0000-00000000000b");

    private sealed record Entry(Guid Member, string Pick, DateTime LocksAt = default);

    private static readonly Entry[] Entries = [new(Ben, "red"), new(Ann, "blue"), new(Ben, "blue")];

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now);
    }

    [Theory]
    [InlineData(DateTimeKind.Local)]
    [InlineData(DateTimeKind.Unspecified)]
    public void New_WhenTheInstantIsNotUtc_Throws(DateTimeKind kind) =>
        Should.Throw<ArgumentException>(() => new ItemLock(DateTime.SpecifyKind(Kickoff, kind)));

    [Fact]
    public void LocksAt_IsTheInstantGiven() => Lock.LocksAt.ShouldBe(Kickoff);

    [Fact]
    public void IsLockedAt_BeforeTheInstant_IsOpen() => Lock.IsLockedAt(Kickoff.AddTicks(-1)).ShouldBeFalse();

    [Fact]
    public void IsLockedAt_TheInstantItself_IsLocked() => Lock.IsLockedAt(Kickoff).ShouldBeTrue();

    [Fact]
    public void IsLockedAt_AfterTheInstant_IsLocked() => Lock.IsLockedAt(Kickoff.AddDays(3)).ShouldBeTrue();

    [Fact]
    public void IsLocked_ReadsNowFromTheTimeProvider()
    {
        Lock.IsLocked(new FixedClock(Kickoff.AddTicks(-1))).ShouldBeFalse();
        Lock.IsLocked(new FixedClock(Kickoff)).ShouldBeTrue();
    }

    [Fact]
    public void IsLocked_WithoutATimeProvider_Throws() => Should.Throw<ArgumentNullException>(() => Lock.IsLocked(null!));

    [Fact]
    public void RemainingAt_BeforeTheLock_IsTheTimeLeft() => Lock.RemainingAt(Kickoff.AddMinutes(-90)).ShouldBe(TimeSpan.FromMinutes(90));

    [Fact]
    public void RemainingAt_AtOrAfterTheLock_IsZero()
    {
        Lock.RemainingAt(Kickoff).ShouldBe(TimeSpan.Zero);
        Lock.RemainingAt(Kickoff.AddHours(1)).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void RefuseWriteAt_WhileOpen_IsNull() => Lock.RefuseWriteAt<int>(Kickoff.AddTicks(-1)).ShouldBeNull();

    [Fact]
    public void RefuseWriteAt_OnceLocked_IsALockedConflictCarryingTheInstant()
    {
        var refusal = Lock.RefuseWriteAt<int>(Kickoff, "This bout").ShouldNotBeNull();

        refusal.Succeeded.ShouldBeFalse();
        var problem = refusal.Problem.ShouldNotBeNull();
        problem.Status.ShouldBe(StatusCodes.Status409Conflict);
        problem.Title.ShouldBe("Locked");
        problem.Type.ShouldBe(CommandProblem.LockedType);
        problem.Type.ShouldBe("urn:podium:problem:locked");
        problem.Detail.ShouldBe("This bout locked at 2026-12-07 18:00:00 UTC and takes no more changes.");
        problem.Extensions.ShouldNotBeNull()["lockedAt"].ShouldBe(Kickoff);
    }

    [Fact]
    public void RefuseWriteAt_WithoutAName_CallsItTheItem() =>
        Lock.RefuseWriteAt<int>(Kickoff)!.Problem!.Detail.ShouldStartWith("This item locked at ");

    [Fact]
    public void Locked_WhenTheInstantIsNotUtc_Throws() =>
        Should.Throw<ArgumentException>(() => CommandProblem.Locked(DateTime.SpecifyKind(Kickoff, DateTimeKind.Unspecified), "late"));

    [Fact]
    public void VisibleTo_WhileOpen_ShowsTheViewerTheirOwnEntriesOnly() =>
        Lock.VisibleTo(Entries, e => e.Member, Ben, Kickoff.AddTicks(-1)).ShouldBe([Entries[0], Entries[2]]);

    [Fact]
    public void VisibleTo_WhileOpen_ShowsAVisitorNothing() =>
        Lock.VisibleTo(Entries, e => e.Member, null, Kickoff.AddTicks(-1)).ShouldBeEmpty();

    [Fact]
    public void VisibleTo_OnceLocked_ShowsEveryoneEveryEntryInOrder()
    {
        Lock.VisibleTo(Entries, e => e.Member, Ann, Kickoff).ShouldBe(Entries);
        Lock.VisibleTo(Entries, e => e.Member, null, Kickoff).ShouldBe(Entries);
    }

    [Fact]
    public void VisibleTo_WithoutEntriesOrMember_Throws()
    {
        Should.Throw<ArgumentNullException>(() => Lock.VisibleTo<Entry>(null!, e => e.Member, Ann, Kickoff));
        Should.Throw<ArgumentNullException>(() => Lock.VisibleTo(Entries, null!, Ann, Kickoff));
    }

    [Fact]
    public void SplitAt_WhileOpen_IsNullAndNotComputed()
    {
        var computed = false;
        Lock.SplitAt(Kickoff.AddTicks(-1), () => { computed = true; return "60/40"; }).ShouldBeNull();
        computed.ShouldBeFalse();
    }

    [Fact]
    public void SplitAt_OnceLocked_IsComputed() => Lock.SplitAt(Kickoff, () => "60/40").ShouldBe("60/40");

    [Fact]
    public void SplitAt_WithoutAComputation_Throws() => Should.Throw<ArgumentNullException>(() => Lock.SplitAt<string>(Kickoff, null!));

    [Fact]
    public void EntryVisibility_ShowsOwnEntriesAndThoseOfLockedItemsOnly()
    {
        var now = Kickoff;
        Entry[] entries =
        [
            new(Ben, "locked, Ben's", Kickoff),
            new(Ann, "open, Ann's", Kickoff.AddTicks(1)),
            new(Ben, "open, Ben's", Kickoff.AddHours(1)),
            new(Ann, "locked, Ann's", Kickoff.AddHours(-1)),
        ];

        EntryVisibility.VisibleTo(entries, e => e.Member, e => new ItemLock(e.LocksAt), Ann, now)
            .Select(e => e.Pick).ShouldBe(["locked, Ben's", "open, Ann's", "locked, Ann's"]);
        EntryVisibility.VisibleTo(entries, e => e.Member, e => new ItemLock(e.LocksAt), null, now)
            .Select(e => e.Pick).ShouldBe(["locked, Ben's", "locked, Ann's"]);
    }

    [Fact]
    public void EntryVisibility_WithoutItsArguments_Throws()
    {
        Should.Throw<ArgumentNullException>(() => EntryVisibility.VisibleTo<Entry>(null!, e => e.Member, e => Lock, Ann, Kickoff));
        Should.Throw<ArgumentNullException>(() => EntryVisibility.VisibleTo(Entries, null!, e => Lock, Ann, Kickoff));
        Should.Throw<ArgumentNullException>(() => EntryVisibility.VisibleTo(Entries, e => e.Member, null!, Ann, Kickoff));
    }
}
