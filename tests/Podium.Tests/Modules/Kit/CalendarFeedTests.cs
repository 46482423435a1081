using Ical.Net.CalendarComponents;
using Podium.Platform.Modules.Formats;
using Podium.Platform.Modules.LocalTime;

namespace Podium.Tests.Modules.Kit;

public sealed class CalendarFeedTests
{
    private const string Product = "-//Podium//Events//EN";
    private static readonly LocalZone Chicago = LocalZone.Find("America/Chicago");
    private static readonly DateTime Now = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private static CalendarFeedEvent Event(
        DateTime startsAt, DateTime endsAt, bool allDay = false, bool cancelled = false, int sequence = 0, DateTime updatedAt = default) =>
        new(Guid.Parse("0190d5a8-7b1c-7c3e-8f00-000000000001"), sequence, updatedAt, "Spring meeting", "Hall", "Bring a chair.",
            "/events/1", cancelled, startsAt, endsAt, allDay);

    private static (Ical.Net.Calendar Calendar, string Text) Feed(params CalendarFeedEvent[] events)
    {
        var text = CalendarFeed.Build(Product, "Example League", Chicago, events, "https://podium.test/", Now);
        return (Ical.Net.Calendar.Load(text)!, text);
    }

    private static CalendarEvent Single(params CalendarFeedEvent[] events) => Feed(events).Calendar.Events.ShouldHaveSingleItem();

    [Fact]
    public void Build_NamesTheFeedAndItsZone()
    {
        var (calendar, text) = Feed();

        calendar.ProductId.ShouldBe(Product);
        calendar.Method.ShouldBe("PUBLISH");
        text.ShouldContain("X-WR-CALNAME:Example League");
        text.ShouldContain("X-WR-TIMEZONE:America/Chicago");
        calendar.TimeZones.ShouldHaveSingleItem().TzId.ShouldBe("America/Chicago");
    }

    [Fact]
    public void Build_TimedEvent_IsInTheZonesLocalTimeWithItsTzid()
    {
        var item = Single(Event(new DateTime(2026, 7, 4, 11, 30, 0, DateTimeKind.Utc), new DateTime(2026, 7, 4, 20, 0, 0, DateTimeKind.Utc)));

        (item.DtStart!.Value, item.DtStart.TzId).ShouldBe((new DateTime(2026, 7, 4, 6, 30, 0), "America/Chicago"));
        (item.DtEnd!.Value, item.DtEnd.TzId).ShouldBe((new DateTime(2026, 7, 4, 15, 0, 0), "America/Chicago"));
        item.DtStart.AsUtc.ShouldBe(new DateTime(2026, 7, 4, 11, 30, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Build_CarriesWhatSubscribersMatchAndShow()
    {
        var item = Single(Event(Now.AddDays(3), Now.AddDays(3).AddHours(2), sequence: 4, updatedAt: new DateTime(2026, 2, 20, 9, 0, 0, DateTimeKind.Utc)));

        item.Uid.ShouldBe("0190d5a87b1c7c3e8f00000000000001@podium.test");
        item.Sequence.ShouldBe(4);
        item.DtStamp!.AsUtc.ShouldBe(new DateTime(2026, 2, 20, 9, 0, 0, DateTimeKind.Utc));
        (item.Summary, item.Location, item.Description).ShouldBe(("Spring meeting", "Hall", "Bring a chair."));
        item.Url.ShouldBe(new Uri("https://podium.test/events/1"));
        item.Status.ShouldBe("CONFIRMED");
    }

    [Fact]
    public void Build_NeverEditedEvent_IsStampedNow() =>
        Single(Event(Now.AddDays(3), Now.AddDays(3).AddHours(2))).DtStamp!.AsUtc.ShouldBe(Now);

    [Fact]
    public void Build_CancelledEvent_SaysSoInItsSummaryAndStatus()
    {
        var item = Single(Event(Now.AddDays(3), Now.AddDays(3).AddHours(2), cancelled: true));

        item.Summary.ShouldBe("Cancelled: Spring meeting");
        item.Status.ShouldBe("CANCELLED");
    }

    [Fact]
    public void Build_AllDayEvent_IsLocalDatesWithAnExclusiveEnd()
    {
        // Friday to Sunday midnight in Chicago: the 3rd to the 5th, so DTEND is the 6th.
        var item = Single(Event(Chicago.ToUtc(new DateTime(2026, 7, 3, 0, 0, 0)), Chicago.ToUtc(new DateTime(2026, 7, 6, 0, 0, 0)), allDay: true));

        item.DtStart!.HasTime.ShouldBeFalse();
        (DateOnly.FromDateTime(item.DtStart.Value), DateOnly.FromDateTime(item.DtEnd!.Value)).ShouldBe((new DateOnly(2026, 7, 3), new DateOnly(2026, 7, 6)));
    }

    [Fact]
    public void Build_WhenEveryEventIsInTheFuture_StillWritesTheZone()
    {
        var (calendar, _) = Feed(Event(Now.AddYears(2), Now.AddYears(2).AddHours(1)));

        calendar.Events.Count.ShouldBe(1);
        calendar.TimeZones.ShouldHaveSingleItem();
    }

    [Fact]
    public void Build_AnEventBeforeNow_KeepsItsOwnOffset()
    {
        // The zone's rules are written from the earliest event on, so one from last December keeps its CST offset.
        var item = Single(Event(new DateTime(2025, 12, 6, 12, 30, 0, DateTimeKind.Utc), new DateTime(2025, 12, 6, 14, 0, 0, DateTimeKind.Utc)));

        item.DtStart!.Value.ShouldBe(new DateTime(2025, 12, 6, 6, 30, 0));
        item.DtStart.AsUtc.ShouldBe(new DateTime(2025, 12, 6, 12, 30, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Build_WithoutAZoneOrEvents_Refuses()
    {
        Should.Throw<ArgumentNullException>(() => CalendarFeed.Build(Product, "x", null!, [], "https://podium.test/", Now));
        Should.Throw<ArgumentNullException>(() => CalendarFeed.Build(Product, "x", Chicago, null!, "https://podium.test/", Now));
    }
}
