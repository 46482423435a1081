using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Features.News;
using Podium.Modules.Club.Features.Results;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Platform.Modules.Formats;
using Podium.Platform.Modules.LocalTime;

namespace Podium.Modules.Club.Features.Demo;

/// <summary>
/// A fictional Central-Texas club to look around in Development, with something on every page: about 60 anglers
/// (example.org addresses, 555-01xx phone numbers), real lakes and ramps at their approximate coordinates, three
/// seasons of monthly tournaments with plausible bags (the March team open with team results), officers, closed polls
/// with their votes and an open location poll for the next tournament, meetings, holidays and club days on the
/// calendar, and news with a pinned post saying it is all sample data. The club is flagged
/// <see cref="ClubProfile.IsSampleData"/>. Only into an empty club (no anglers, no tournaments), so it never mixes
/// with real data and a second run adds nothing. A fixed random seed makes every run the same.
/// </summary>
internal sealed class ClubDemoSeeder(PodiumDbContext db, IPodiumCache cache, TimeProvider time) : IDemoSeeder
{
    public const string ClubName = "Sample Bass Club (demo data)";
    public const int Anglers = 60;
    public const int Guests = 5;

    /// <summary>Where the club meets (made up, like everything else here).</summary>
    public const string MeetingPlace = "Hook & Line Cafe, back room, Austin";

    // Public geography, approximate (to a few hundred metres): enough for the lake pages' map links, not for navigation.
    private static readonly (string Lake, double Lat, double Lon, (string Name, double Lat, double Lon)[] Ramps)[] Lakes =
    [
        ("Lake Travis", 30.43, -97.97, [("Mansfield Dam Park", 30.392, -97.908), ("Pace Bend Park", 30.464, -98.027), ("Arkansas Bend Park", 30.421, -97.999)]),
        ("Lake Buchanan", 30.80, -98.42, [("Black Rock Park", 30.844, -98.424), ("Burnet County Park", 30.812, -98.385)]),
        ("Inks Lake", 30.736, -98.384, [("Inks Lake State Park", 30.738, -98.368)]),
        ("Lake LBJ", 30.57, -98.37, [("Kingsland Boat Ramp", 30.659, -98.442)]),
        ("Lake Belton", 31.13, -97.48, [("Cedar Ridge Park", 31.170, -97.440), ("Temple Lake Park", 31.132, -97.469)]),
        ("Stillhouse Hollow Lake", 31.03, -97.57, [("Stillhouse Park", 31.025, -97.533), ("Union Grove Park", 31.010, -97.610), ("Dana Peak Park", 31.022, -97.609)]),
        ("Lake Austin", 30.32, -97.80, [("Walsh Boat Landing", 30.293, -97.784), ("Emma Long Metropolitan Park", 30.331, -97.841)]),
        ("Lake Georgetown", 30.678, -97.730, [("Cedar Breaks Park", 30.669, -97.728), ("Jim Hogg Park", 30.685, -97.717)]),
        ("Canyon Lake", 29.875, -98.230, [("Canyon Park", 29.888, -98.223), ("Cranes Mill Park", 29.896, -98.288)]),
    ];

    private static readonly string[] FirstNames =
    [
        "Avery", "Blake", "Casey", "Dakota", "Emerson", "Finley", "Gray", "Harper", "Jordan", "Kendall", "Logan", "Morgan",
        "Noel", "Parker", "Quinn", "Reese", "Sawyer", "Taylor", "Wren", "Rowan",
    ];

    private static readonly string[] LastNames =
    [
        "Abernathy", "Bramblett", "Castellano", "Dunaway", "Escobedo", "Fairchild", "Galloway", "Hollister", "Ingram", "Jessup",
        "Kowalczyk", "Lindqvist", "Marchetti", "Nakamura", "Okafor", "Pennington", "Quiroga", "Rasmussen", "Stroud", "Thibodeaux",
    ];

    public string Name => "club: sample club, 60 anglers, Central-Texas lakes, 3 seasons, polls, calendar, news";

    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Set<Angler>().AnyAsync(cancellationToken) || await db.Set<Tournament>().AnyAsync(cancellationToken))
        {
            return 0;
        }

        var random = new Random(7_2026);
        var now = time.GetUtcNow().UtcDateTime;
        var profile = await db.Set<ClubProfile>().FirstOrDefaultAsync(cancellationToken);
        if (profile is null)
        {
            profile = new ClubProfile();
            db.Add(profile);
        }

        profile.Name = ClubName;
        profile.IsSampleData = true;
        profile.SizeRules = "Largemouth and smallmouth 14 in, Guadalupe and spotted 12 in";
        profile.DuesCents = 50_00;
        profile.UpdatedAt = now;
        var zone = LocalZone.Find(profile.TimeZone);
        var today = zone.Today(time);

        var anglers = SeedAnglers(random, today, now);
        var lakes = Lakes.Select(l => new Lake
        {
            Name = l.Lake,
            Slug = Lake.SlugOf(l.Lake),
            Latitude = l.Lat,
            Longitude = l.Lon,
            Ramps = [.. l.Ramps.Select(r => new Ramp { Name = r.Name, Latitude = r.Lat, Longitude = r.Lon })],
        }).ToList();
        db.AddRange(lakes);

        var positions = await db.Set<OfficerPosition>().OrderBy(p => p.SortOrder).ToListAsync(cancellationToken);
        foreach (var (position, i) in positions.Select((p, i) => (p, i)))
        {
            db.Add(new OfficerTerm { Season = today.Year, Position = position, PositionId = position.Id, Angler = anglers[i], AnglerId = anglers[i].Id });
        }

        // Good standing today stands in for good standing when the past polls were open: close enough for sample votes.
        var voters = anglers.Where(a => a.InGoodStanding(today, profile.DuesCents)).ToList();
        var fished = SeedSeasons(random, zone, today, anglers, lakes, now);
        var locationPoll = SeedClosedLocationPoll(random, zone, fished[^1], lakes, voters, now);
        var meetingPoll = SeedClosedGeneralPoll(random, zone, today, voters, now);
        var openPoll = SeedNextTournamentAndPoll(random, zone, today, voters, lakes, now);
        SeedCalendar(zone, today, now);
        SeedNews(zone, fished[^1], locationPoll, meetingPoll, openPoll, now);

        db.ChangeTracker.DetectChanges();
        var rows = db.ChangeTracker.Entries().Count(e => e.State == EntityState.Added);
        await db.SaveChangesAsync(cancellationToken);
        await cache.InvalidateTagAsync(ClubSettings.CacheTag, cancellationToken);
        await cache.AnglersChangedAsync(cancellationToken);
        return rows;
    }

    private List<Angler> SeedAnglers(Random random, DateOnly today, DateTime now)
    {
        var names = FirstNames.SelectMany(f => LastNames.Select(l => $"{f} {l}")).OrderBy(_ => random.Next()).Take(Anglers).ToList();
        var anglers = names.Select((name, i) => new Angler
        {
            Name = name,
            Email = $"{name.Replace(' ', '.').ToLowerInvariant()}@example.org",
            Phone = Phone(i),
            Kind = i >= Anglers - Guests ? MembershipKind.Guest : MembershipKind.Member,
            // A few members are behind on dues, so the poll shows who may vote.
            DuesPaidThrough = i >= Anglers - Guests ? null : new DateOnly(today.Year, 12, 31).AddYears(i % 11 == 10 ? -1 : 0),
            CreatedAt = now,
        }).ToList();
        db.AddRange(anglers);
        return anglers;
    }

    /// <summary>
    /// 512-555-0100 to 0199, numbers US numbering keeps for fiction, typed the different ways people type them (as on
    /// a real roster; pages show them all one way). Guests and a few members gave none.
    /// </summary>
    private static string? Phone(int i)
    {
        if (i >= Anglers - Guests || i % 8 == 7)
        {
            return null;
        }

        var line = (100 + i).ToString("0000", CultureInfo.InvariantCulture);
        return (i % 3) switch
        {
            0 => $"512555{line}",
            1 => $"512-555-{line}",
            _ => $"(512) 555-{line}",
        };
    }

    /// <summary>A tournament on the second Saturday of each month of the last three seasons, up to today; returns those fished, oldest first.</summary>
    private List<Tournament> SeedSeasons(Random random, LocalZone zone, DateOnly today, List<Angler> anglers, List<Lake> lakes, DateTime now)
    {
        var fished = new List<Tournament>();
        for (var season = today.Year - 2; season <= today.Year; season++)
        {
            for (var month = 1; month <= 12; month++)
            {
                var day = SecondSaturday(season, month);
                if (day >= today)
                {
                    return fished;
                }

                var lake = lakes[random.Next(lakes.Count)];
                var ramp = lake.Ramps[random.Next(lake.Ramps.Count)];
                // March is the club's team open (no AoY points); one summer of the middle season was blown out by storms.
                var open = month == 3;
                var cancelled = season == today.Year - 1 && month == 8;
                var tournament = NewTournament(zone, day, open ? $"{season} Spring Team Open" : $"{day:MMMM yyyy} at {lake.Name}", lake, ramp, now);
                tournament.CountsForAnglerOfTheYear = !open;
                tournament.Status = cancelled ? TournamentStatus.Cancelled : TournamentStatus.Completed;
                tournament.EntryFeeCents = 40_00;
                tournament.BigBassPotCents = 10_00;
                if (!cancelled)
                {
                    AddBags(random, tournament, anglers, now);
                    if (open)
                    {
                        AddTeams(tournament, now);
                    }

                    TournamentScoring.Apply(tournament);
                    fished.Add(tournament);
                }

                db.Add(tournament);
            }
        }

        return fished;
    }

    private static void AddBags(Random random, Tournament tournament, List<Angler> anglers, DateTime now)
    {
        var field = anglers.OrderBy(_ => random.Next()).Take(random.Next(22, 38)).ToList();
        foreach (var (angler, i) in field.Select((a, i) => (a, i)))
        {
            var result = new TournamentResult { Tournament = tournament, TournamentId = tournament.Id, Angler = angler, AnglerId = angler.Id, Member = angler.Kind == MembershipKind.Member, UpdatedAt = now };
            if (i < 2)
            {
                result.BuyIn = true;
            }
            else
            {
                // Most bring a limit; a tough day leaves some with one or two fish, or none.
                result.Fish = random.NextDouble() switch { < 0.08 => 0, < 0.2 => random.Next(1, 3), < 0.4 => random.Next(3, 5), _ => 5 };
                var fish = Enumerable.Range(0, result.Fish).Select(_ => FishWeight(random)).ToList();
                result.TotalWeight = fish.Sum();
                result.BigBass = fish.DefaultIfEmpty(0).Max();
                result.DeadFishPenalty = result.Fish > 0 && random.NextDouble() < 0.06 ? 25 * random.Next(1, 3) : 0;
                result.Disqualified = random.NextDouble() < 0.01;
            }

            tournament.Results.Add(result);
        }
    }

    /// <summary>
    /// One keeper, in hundredths of a pound. Central-Texas club bass run about two pounds: log-normal around 2.1 lb,
    /// from a 12-inch spotted bass (about 0.9 lb) to a rare 10-pounder. About 2–3 % of fish weigh 5 lb or more, so
    /// a 5-lb fish is an event, as on the water, and a season's big-bass list has a couple of dozen lines (it had
    /// about a hundred when one fish in five was that big). A typical limit weighs about 10 lb, a winning one 15–18 lb.
    /// </summary>
    private static int FishWeight(Random random)
    {
        // Box–Muller: a standard normal from two uniforms (1 − u keeps the logarithm away from zero).
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Math.Clamp((int)Math.Round(210 * Math.Exp(0.45 * normal)), 90, 10_00);
    }

    /// <summary>The team open: boats of two weigh their bags together (the odd angler out fishes alone), ranked apart from the anglers.</summary>
    private static void AddTeams(Tournament tournament, DateTime now)
    {
        var fished = tournament.Results.Where(r => !r.BuyIn && !r.Disqualified).ToList();
        for (var i = 0; i < fished.Count; i += 2)
        {
            var (first, second) = (fished[i], i + 1 < fished.Count ? fished[i + 1] : null);
            tournament.TeamResults.Add(new TeamResult
            {
                TournamentId = tournament.Id,
                Angler1 = first.Angler,
                Angler1Id = first.AnglerId,
                Angler2 = second?.Angler,
                Angler2Id = second?.AnglerId,
                TotalWeight = first.NetWeight + (second?.NetWeight ?? 0),
                UpdatedAt = now,
            });
        }
    }

    /// <summary>The club's monthly question: where the tournament on <paramref name="day"/> is fished.</summary>
    private static Poll LocationPoll(Tournament tournament, DateOnly day, DateTime opensAt, DateTime closesAt, DateTime now) => new()
    {
        Kind = PollKind.Location,
        Title = $"Where do we fish in {day.ToString("MMMM", CultureInfo.InvariantCulture)}?",
        Description = "Members in good standing pick the lake and ramp; the winner becomes the tournament's location when the poll closes.",
        Tournament = tournament,
        TournamentId = tournament.Id,
        OpensAt = opensAt,
        ClosesAt = closesAt,
        CreatedAt = now,
    };

    /// <summary>The poll that chose where the latest tournament was fished: closed before it, won by that tournament's lake and ramp.</summary>
    private Poll SeedClosedLocationPoll(Random random, LocalZone zone, Tournament tournament, List<Lake> lakes, List<Angler> voters, DateTime now)
    {
        var day = DateOnly.FromDateTime(zone.ToLocal(tournament.Event.StartsAt));
        var closes = zone.ToUtc(day.AddDays(-5).ToDateTime(new TimeOnly(20, 0)));
        var poll = LocationPoll(tournament, day, zone.ToUtc(day.AddDays(-19).ToDateTime(new TimeOnly(8, 0))), closes, now);
        poll.ClosedAt = closes.AddMinutes(1);
        var others = lakes.Where(l => l != tournament.Lake).OrderBy(_ => random.Next()).Take(2).ToList();
        (Lake Lake, Ramp Ramp)[] choices = [(others[0], others[0].Ramps[0]), (tournament.Lake!, tournament.Ramp!), (others[1], others[1].Ramps[^1])];
        foreach (var (choice, i) in choices.Select((c, i) => (c, i)))
        {
            poll.Options.Add(LocationOption(i, choice.Lake, choice.Ramp, tournament));
        }

        // The tournament was fished where the poll said: its lake has the most votes.
        AddVotes(random, poll, voters, [6, 11, 4], otherAnswers: []);
        return poll;
    }

    /// <summary>A general poll with written-in answers, closed a few weeks ago.</summary>
    private Poll SeedClosedGeneralPoll(Random random, LocalZone zone, DateOnly today, List<Angler> voters, DateTime now)
    {
        var closes = zone.ToUtc(today.AddDays(-40).ToDateTime(new TimeOnly(21, 0)));
        var poll = new Poll
        {
            Kind = PollKind.General,
            Title = "Which night should the monthly meeting be?",
            Description = "The back room is free most weeknights. Pick one, or write in a better idea.",
            OpensAt = closes.AddDays(-14),
            ClosesAt = closes,
            ClosedAt = closes.AddMinutes(1),
            AllowOther = true,
            CreatedAt = now,
        };
        foreach (var (night, i) in new[] { "First Tuesday", "Second Thursday", "Last Monday" }.Select((n, i) => (n, i)))
        {
            poll.Options.Add(new PollOption { SortOrder = i, Text = night });
        }

        AddVotes(random, poll, voters, [13, 7, 4], otherAnswers: ["The Wednesday before each tournament", "The Wednesday before each tournament", "Sunday afternoons"]);
        return poll;
    }

    /// <summary>
    /// <paramref name="counts"/> votes per option (in listed order) and the written-in answers, each by a different
    /// member, cast while the poll was open; the winner is recorded as the closing job records it.
    /// </summary>
    private void AddVotes(Random random, Poll poll, List<Angler> voters, int[] counts, string[] otherAnswers)
    {
        var ballots = counts.SelectMany((n, i) => Enumerable.Repeat<(Guid? OptionId, string? Other)>((poll.Options[i].Id, null), n))
            .Concat(otherAnswers.Select(text => (OptionId: (Guid?)null, Other: (string?)text)))
            .ToList();
        var open = poll.ClosesAt - poll.OpensAt;
        foreach (var (ballot, voter) in ballots.Zip(voters.OrderBy(_ => random.Next())))
        {
            db.Add(new PollVote { PollId = poll.Id, AnglerId = voter.Id, OptionId = ballot.OptionId, OtherText = ballot.Other, CastAt = poll.OpensAt + open * random.NextDouble() });
        }

        poll.WinningOptionId = PollTally.Decide([.. poll.Options.Select((o, i) => new OptionCount(o.Id, counts[i]))]).WinnerId;
        db.Add(poll);
    }

    private Poll SeedNextTournamentAndPoll(Random random, LocalZone zone, DateOnly today, List<Angler> voters, List<Lake> lakes, DateTime now)
    {
        var day = SecondSaturday(today.Year, today.Month);
        if (day <= today.AddDays(7))
        {
            var next = today.AddMonths(1);
            day = SecondSaturday(next.Year, next.Month);
        }

        var tournament = NewTournament(zone, day, $"{day.ToString("MMMM yyyy", CultureInfo.InvariantCulture)} tournament", lake: null, ramp: null, now);
        tournament.EntryFeeCents = 40_00;
        tournament.BigBassPotCents = 10_00;
        db.Add(tournament);

        var poll = LocationPoll(tournament, day, now.AddDays(-2), zone.ToUtc(day.AddDays(-5).ToDateTime(new TimeOnly(20, 0))), now);
        foreach (var (lake, i) in lakes.OrderBy(_ => random.Next()).Take(3).Select((l, i) => (l, i)))
        {
            poll.Options.Add(LocationOption(i, lake, lake.Ramps[0], tournament));
        }

        db.Add(poll);
        foreach (var voter in voters.OrderBy(_ => random.Next()).Take(18))
        {
            db.Add(new PollVote { PollId = poll.Id, AnglerId = voter.Id, OptionId = poll.Options[random.Next(poll.Options.Count)].Id, CastAt = now.AddHours(-random.Next(1, 40)) });
        }

        return poll;
    }

    /// <summary>A lake and ramp on the tournament's day and hours (pages add the times to what they show).</summary>
    private static PollOption LocationOption(int sortOrder, Lake lake, Ramp ramp, Tournament tournament) => new()
    {
        SortOrder = sortOrder,
        Text = $"{lake.Name} · {ramp.Name}",
        Lake = lake,
        Ramp = ramp,
        StartsAt = tournament.Event.StartsAt,
        EndsAt = tournament.Event.EndsAt,
    };

    /// <summary>
    /// The club's other dates: the meeting on the first Tuesday evening of the months around today, the next two
    /// holidays the club takes off, the awards banquet in January and a lake clean-up next month.
    /// </summary>
    private void SeedCalendar(LocalZone zone, DateOnly today, DateTime now)
    {
        void Add(EventKind kind, string title, (DateTime Start, DateTime End) when, string? location, string description, bool allDay = false) =>
            db.Add(new ClubEvent { Kind = kind, Title = title, StartsAt = when.Start, EndsAt = when.End, Location = location, Description = description, AllDay = allDay, CreatedAt = now, UpdatedAt = now });

        (DateTime, DateTime) Hours(DateOnly day, TimeOnly from, TimeOnly to) => (zone.ToUtc(day.ToDateTime(from)), zone.ToUtc(day.ToDateTime(to)));

        for (var m = -2; m <= 3; m++)
        {
            var month = today.AddMonths(m);
            Add(EventKind.Meeting, "Monthly club meeting", Hours(Nth(month.Year, month.Month, DayOfWeek.Tuesday, 1), new(19, 0), new(20, 30)), MeetingPlace, "Last month's results, where we fish next, dues. Guests welcome.");
        }

        foreach (var (title, day) in Holidays(today.Year).Concat(Holidays(today.Year + 1)).Where(h => h.Day >= today).Take(2))
        {
            Add(EventKind.Holiday, $"{title}: no club events", zone.DayBounds(day), location: null, "The lakes will be busy; the club takes the day off.", allDay: true);
        }

        Add(EventKind.Other, $"Awards banquet, {today.Year - 1} season", Hours(Nth(today.Year, 1, DayOfWeek.Saturday, 3), new(18, 0), new(21, 0)), MeetingPlace, "Angler of the Year, heavy stringer and big bass. Bring the family.");
        var next = today.AddMonths(1);
        Add(EventKind.Other, "Lake clean-up", Hours(Nth(next.Year, next.Month, DayOfWeek.Saturday, 4), new(8, 0), new(12, 0)), "Lake Georgetown, Cedar Breaks Park", "Gloves and bags provided. Boats welcome for the coves.");
    }

    private static IEnumerable<(string Title, DateOnly Day)> Holidays(int year) =>
    [
        ("Memorial Day", Last(year, 5, DayOfWeek.Monday)),
        ("Independence Day", new DateOnly(year, 7, 4)),
        ("Labor Day", Nth(year, 9, DayOfWeek.Monday, 1)),
        ("Thanksgiving", Nth(year, 11, DayOfWeek.Thursday, 4)),
        ("Christmas Day", new DateOnly(year, 12, 25)),
    ];

    /// <summary>The welcome (pinned, saying it is all sample data), then what a club posts: results, a decided vote, a poll to vote in.</summary>
    private void SeedNews(LocalZone zone, Tournament last, Poll locationPoll, Poll meetingPoll, Poll openPoll, DateTime now)
    {
        void Post(string title, string markdown, DateTime publishedAt, bool pinned = false) => db.Add(new NewsPost
        {
            Title = title,
            Markdown = markdown,
            Html = MarkdownRenderer.ToSafeHtml(markdown),
            Status = NewsStatus.Published,
            Pinned = pinned,
            AuthorName = "Podium demo data",
            CreatedAt = publishedAt,
            UpdatedAt = publishedAt,
            PublishedAt = publishedAt,
            EmailedAt = publishedAt,
        });

        Post(
            "Welcome to the sample club",
            "Everything in this club is **sample data** made up for trying Podium: the anglers, their e-mail addresses and phone numbers, and every result. Delete the database (or start with an empty one) before the real club moves in.",
            now,
            pinned: true);

        var field = last.Results.Where(r => r.Place is not null && !r.BuyIn).OrderBy(r => r.Place).ToList();
        var bigBass = field.MaxBy(r => r.BigBass)!;
        var morningAfter = DateOnly.FromDateTime(zone.ToLocal(last.Event.EndsAt)).AddDays(1);
        Post(
            $"Results: {last.Event.Title}",
            $"Thanks to everyone who fished {last.Lake!.Name} out of {last.Ramp!.Name}. **{field[0].Angler.Name}** won with {Weight.Format(field[0].NetWeight)}; "
                + $"big bass went to {bigBass.Angler.Name} at {Weight.Format(bigBass.BigBass)}.\n\nResults, points and payouts are on the [tournament page](/club/tournaments/{last.Id}).",
            zone.ToUtc(morningAfter.ToDateTime(new TimeOnly(9, 15))));
        Post(
            "Meetings move to the first Tuesday",
            $"The members have [voted](/club/polls/{meetingPoll.Id}): from now on we meet on the first Tuesday of the month at 7 PM, same back room.",
            meetingPoll.ClosesAt.AddHours(12));
        Post(
            "Vote: where do we fish next?",
            $"The location poll for the next tournament is open. Members in good standing, [cast your vote](/club/polls/{openPoll.Id}) before it closes. ([Last month's vote](/club/polls/{locationPoll.Id}).)",
            openPoll.OpensAt.AddMinutes(30));
    }

    private static Tournament NewTournament(LocalZone zone, DateOnly day, string title, Lake? lake, Ramp? ramp, DateTime now)
    {
        var start = zone.ToUtc(day.ToDateTime(new TimeOnly(6, 30)));
        var ev = new ClubEvent { Kind = EventKind.Tournament, Title = title, StartsAt = start, EndsAt = zone.ToUtc(day.ToDateTime(new TimeOnly(15, 0))), CreatedAt = now, UpdatedAt = now };
        return new Tournament { Id = ev.Id, Event = ev, Season = zone.SeasonOf(start), Lake = lake, Ramp = ramp };
    }

    private static DateOnly SecondSaturday(int year, int month) => Nth(year, month, DayOfWeek.Saturday, 2);

    /// <summary>The <paramref name="n"/>th given weekday of a month ("the first Tuesday").</summary>
    private static DateOnly Nth(int year, int month, DayOfWeek weekday, int n)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)weekday - (int)first.DayOfWeek + 7) % 7 + 7 * (n - 1));
    }

    private static DateOnly Last(int year, int month, DayOfWeek weekday)
    {
        var last = new DateOnly(year, month, 1).AddMonths(1).AddDays(-1);
        return last.AddDays(-(((int)last.DayOfWeek - (int)weekday + 7) % 7));
    }
}
