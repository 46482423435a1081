using System.Net;
using Ical.Net.CalendarComponents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Club;
using Podium.Modules.Club.Domain;
using Podium.Modules.Club.Features.Calendar;
using Podium.Platform.Data;
using Podium.Platform.Modules.LocalTime;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Club;

/// <summary>The club calendar: officers' event editor, the month page and the iCalendar feed, on both databases.</summary>
public abstract class ClubCalendarTests(AppFixture fixture)
{
    private static readonly LocalZone Chicago = LocalZone.Find("America/Chicago");

    /// <summary>
    /// Next year: the feed holds events from a year back to five years ahead of the app's clock, so dates fixed in the
    /// test would one day fall out of it; next year's are always inside.
    /// </summary>
    private static readonly int Year = Chicago.Today(TimeProvider.System).Year + 1;

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Feed_ContainsEveryScheduledEvent_WithLocalTimesAcrossTheNovemberDstChange()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        // The meeting is the Thursday before the clocks fall back (daylight time, UTC−5); the tournaments are the
        // Saturdays after (standard time, UTC−6).
        var meetingDay = FallBack(Year).AddDays(-3);
        var meeting = await SaveAsync(null, Input($"Meeting {tag}", Iso(meetingDay), "19:00", Iso(meetingDay), "21:00", location: "Hall"));
        var thanksgiving = Nth(Year, 11, DayOfWeek.Thursday, 4);
        var holiday = await SaveAsync(null, new EventInput { Kind = EventKind.Holiday, Title = $"Thanksgiving {tag}", AllDay = true, StartDate = Iso(thanksgiving) });
        // The feed keeps a year of history: a banquet 200 days ago is in it, a meeting 400 days ago is not.
        var today = Chicago.Today(TimeProvider.System);
        var banquet = await SaveAsync(null, Input($"Banquet {tag}", Iso(today.AddDays(-200)), "18:00", null, "22:00"));
        var tooOld = await SaveAsync(null, Input($"Old meeting {tag}", Iso(today.AddDays(-400)), "19:00", null, "21:00"));
        var (tournament, cancelled) = await AddTournamentsAsync(tag);

        var response = await fixture.CreateClient().GetAsync("/club/calendar.ics", _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var feed = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync(_ct))!;
        feed.TimeZones.ShouldContain(z => z.TzId == "America/Chicago");

        var m = Find(feed, meeting.Id);
        m.DtStart!.AsUtc.ShouldBe(meetingDay.AddDays(1).ToDateTime(new TimeOnly(0, 0), DateTimeKind.Utc)); // 19:00 CDT
        m.DtEnd!.AsUtc.ShouldBe(meetingDay.AddDays(1).ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc));
        m.Location.ShouldBe("Hall");

        var tournamentDay = FallBack(Year).AddDays(6);
        var t = Find(feed, tournament);
        t.DtStart!.AsUtc.ShouldBe(tournamentDay.ToDateTime(new TimeOnly(12, 30), DateTimeKind.Utc)); // 06:30 CST
        t.DtEnd!.AsUtc.ShouldBe(tournamentDay.ToDateTime(new TimeOnly(21, 0), DateTimeKind.Utc)); // 15:00 CST
        t.Location.ShouldBe($"Lake {tag}, North ramp");
        t.Url!.AbsolutePath.ShouldBe($"/club/tournaments/{tournament}");
        t.Status.ShouldBe(Ical.Net.EventStatus.Confirmed);
        Find(feed, cancelled).Status.ShouldBe(Ical.Net.EventStatus.Cancelled);

        // Every event this test put in the window, at its local times in the club's zone.
        (Guid Id, DateTime Start, DateTime End)[] timed =
        [
            (meeting.Id, meetingDay.ToDateTime(new TimeOnly(19, 0)), meetingDay.ToDateTime(new TimeOnly(21, 0))),
            (tournament, tournamentDay.ToDateTime(new TimeOnly(6, 30)), tournamentDay.ToDateTime(new TimeOnly(15, 0))),
            (cancelled, tournamentDay.AddDays(7).ToDateTime(new TimeOnly(6, 30)), tournamentDay.AddDays(7).ToDateTime(new TimeOnly(15, 0))),
            (banquet.Id, today.AddDays(-200).ToDateTime(new TimeOnly(18, 0)), today.AddDays(-200).ToDateTime(new TimeOnly(22, 0))),
        ];
        foreach (var (id, localStart, localEnd) in timed)
        {
            var e = Find(feed, id);
            (e.DtStart!.Value, e.DtStart.TzId, e.DtEnd!.Value, e.DtEnd.TzId).ShouldBe((localStart, "America/Chicago", localEnd, "America/Chicago"), e.Summary);
        }

        var h = Find(feed, holiday.Id);
        h.DtStart!.HasTime.ShouldBeFalse();
        (h.DtStart.Date, h.DtEnd!.Date).ShouldBe((thanksgiving, thanksgiving.AddDays(1)));
        feed.Events.ShouldNotContain(e => e.Uid!.StartsWith(tooOld.Id.ToString("N"), StringComparison.Ordinal));
        feed.Events.Select(e => e.Uid).ShouldBeUnique();
    }

    [Fact]
    public async Task Feed_AfterAnEdit_KeepsTheUidAndRaisesTheSequence()
    {
        var created = await SaveAsync(null, Input($"Board meeting {Guid.NewGuid():N}", $"{Year}-02-03", "18:00", null, "19:30"));
        var client = fixture.CreateClient();
        var before = Find(Ical.Net.Calendar.Load(await client.GetStringAsync("/club/calendar.ics", _ct))!, created.Id);

        await SaveAsync(created.Id, Input(created.Title, $"{Year}-02-03", "18:30", null, "20:00"));
        var after = Find(Ical.Net.Calendar.Load(await client.GetStringAsync("/club/calendar.ics", _ct))!, created.Id);

        after.Uid.ShouldBe(before.Uid);
        after.Sequence.ShouldBe(before.Sequence + 1);
        after.DtStart!.Value.ShouldBe(new DateTime(Year, 2, 3, 18, 30, 0));
    }

    [Theory]
    [InlineData("banana", "19:00", "StartDate", "start date")]
    [InlineData("2027-03-14", "02:30", "StartTime", "does not exist")]
    [InlineData("2027-05-01", "25:99", "StartTime", "start time")]
    [InlineData("2027-05-01", "21:00", "EndTime", "end after it starts")]
    public async Task Editor_WithGarbage_RefusesWithAReason_AndChangesNothing(string date, string time, string field, string reason)
    {
        var existing = await SaveAsync(null, Input($"Kept {Guid.NewGuid():N}", "2027-05-01", "19:00", null, "20:00"));
        await using var scope = fixture.CreateScope();
        var editor = scope.ServiceProvider.GetRequiredService<ClubEventEditor>();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var count = await db.Set<ClubEvent>().CountAsync(_ct);

        var created = await editor.SaveAsync(null, Input("New", date, time, null, "20:00"), null, _ct);
        var edited = await editor.SaveAsync(existing.Id, Input("Changed", date, time, null, "20:00"), null, _ct);

        created.Errors[field].ShouldHaveSingleItem().ShouldContain(reason);
        edited.Errors[field].ShouldHaveSingleItem().ShouldContain(reason);
        (await db.Set<ClubEvent>().CountAsync(_ct)).ShouldBe(count);
        var kept = await db.Set<ClubEvent>().AsNoTracking().SingleAsync(e => e.Id == existing.Id, _ct);
        (kept.Title, kept.Sequence, kept.StartsAt).ShouldBe((existing.Title, 0, existing.StartsAt));
    }

    [Fact]
    public async Task Editor_RefusesToTurnAnEventIntoATournamentOrToEditOne()
    {
        var (tournament, _) = await AddTournamentsAsync(Guid.NewGuid().ToString("N")[..6]);
        await using var scope = fixture.CreateScope();
        var editor = scope.ServiceProvider.GetRequiredService<ClubEventEditor>();

        var asTournament = Input("Sneaky", "2027-06-01", "08:00", null, "09:00");
        asTournament.Kind = EventKind.Tournament;
        (await editor.SaveAsync(null, asTournament, null, _ct)).Errors.ShouldContainKey("Kind");
        (await editor.SaveAsync(tournament, Input("Renamed", "2027-06-01", "08:00", null, "09:00"), null, _ct)).Succeeded.ShouldBeFalse();
        (await editor.DeleteAsync(tournament, null, _ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task ManagePages_AreForOfficersOnly()
    {
        await ClubPagesKit.ShouldBeOfficerOnlyAsync(fixture, "/club/manage/events");
        await ClubPagesKit.ShouldBeOfficerOnlyAsync(fixture, "/club/manage/events/edit");
    }

    [Fact]
    public async Task EditPage_WhenAnOfficerPostsGarbage_ShowsTheReason_AndWhenValid_Saves()
    {
        var officer = await ClubPagesKit.OfficerAsync(fixture);
        var title = $"Fish fry {Guid.NewGuid():N}";
        var garbage = await officer.SubmitAsync("/club/manage/events/edit", Form(title, "2027-13-45", "7pm"));

        garbage.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await garbage.Content.ReadAsStringAsync(_ct)).ShouldContain("Enter the start date");
        await using (var scope = fixture.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<ClubEvent>().AnyAsync(e => e.Title == title, _ct)).ShouldBeFalse();
        }

        var saved = await officer.SubmitAsync("/club/manage/events/edit", Form(title, "2027-06-12", "17:00"));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await officer.GetPageAsync("/club/manage/events")).ShouldContain(title);
        var month = await fixture.CreateClient().GetStringAsync("/club/calendar?month=2027-06", _ct);
        month.ShouldContain(title);
        month.ShouldContain("June 2027");
    }

    [Fact]
    public async Task CalendarPage_MarksToday_AndListsTournamentsWithTheirLink()
    {
        var (tournament, _) = await AddTournamentsAsync(Guid.NewGuid().ToString("N")[..6]);

        var today = await fixture.CreateClient().GetStringAsync("/club/calendar", _ct);
        var november = await fixture.CreateClient().GetStringAsync($"/club/calendar?month={Year}-11", _ct);
        var garbage = await fixture.CreateClient().GetAsync("/club/calendar?month=%27%3Bdrop", _ct);

        today.ShouldContain("aria-current=\"date\"");
        november.ShouldContain($"/club/tournaments/{tournament}");
        november.ShouldContain("<th scope=\"col\">");
        garbage.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static EventInput Input(string title, string date, string start, string? endDate, string end, string? location = null) =>
        new() { Kind = EventKind.Meeting, Title = title, StartDate = date, StartTime = start, EndDate = endDate, EndTime = end, Location = location };

    private static Dictionary<string, string> Form(string title, string date, string time) => new()
    {
        ["Input.Kind"] = "Meeting",
        ["Input.Title"] = title,
        ["Input.StartDate"] = date,
        ["Input.StartTime"] = time,
        ["Input.EndTime"] = "21:00",
    };

    private async Task<ClubEvent> SaveAsync(Guid? id, EventInput input)
    {
        await using var scope = fixture.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ClubEventEditor>().SaveAsync(id, input, null, _ct);
        result.Errors.ShouldBeEmpty();
        return result.Value!;
    }

    private async Task<(Guid Scheduled, Guid Cancelled)> AddTournamentsAsync(string tag)
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var lake = new Lake { Name = $"Lake {tag}", Slug = $"lake-{tag}" };
        lake.Ramps.Add(new Ramp { Name = "North ramp" });
        Tournament Make(string title, DateTime local, TournamentStatus status)
        {
            var start = Chicago.ToUtc(local);
            return new Tournament
            {
                Event = new ClubEvent { Kind = EventKind.Tournament, Title = $"{title} {tag}", StartsAt = start, EndsAt = start.AddHours(8.5) },
                Season = local.Year,
                Lake = lake,
                Ramp = lake.Ramps[0],
                Status = status,
            };
        }

        var scheduled = Make("November open", FallBack(Year).AddDays(6).ToDateTime(new TimeOnly(6, 30)), TournamentStatus.Scheduled);
        var cancelled = Make("Rained out", FallBack(Year).AddDays(13).ToDateTime(new TimeOnly(6, 30)), TournamentStatus.Cancelled);
        db.AddRange(scheduled, cancelled);
        await db.SaveChangesAsync(_ct);
        await scope.ServiceProvider.GetRequiredService<Podium.Platform.Caching.IPodiumCache>().InvalidateTagAsync(ClubCacheTags.Results, _ct);
        return (scheduled.Id, cancelled.Id);
    }

    /// <summary>The day US clocks fall back an hour: the first Sunday of November.</summary>
    private static DateOnly FallBack(int year) => Nth(year, 11, DayOfWeek.Sunday, 1);

    private static DateOnly Nth(int year, int month, DayOfWeek day, int n)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays((((int)day - (int)first.DayOfWeek + 7) % 7) + (7 * (n - 1)));
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static CalendarEvent Find(Ical.Net.Calendar feed, Guid id) =>
        feed.Events.SingleOrDefault(e => e.Uid!.StartsWith(id.ToString("N"), StringComparison.Ordinal)).ShouldNotBeNull($"event {id} is not in the feed");
}

public sealed class SqliteClubCalendarTests(SqliteAppFixture fixture) : ClubCalendarTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresClubCalendarTests(PostgresAppFixture fixture) : ClubCalendarTests(fixture), IClassFixture<PostgresAppFixture>;
