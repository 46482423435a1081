using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Domain;
using Podium.Modules.Club.Features.Results;
using Podium.Platform.Caching;
using Podium.Platform.Data;

namespace Podium.Modules.Club.Features.Demo;

/// <summary>
/// A fictional Central-Texas club to look around in Development: about 60 anglers (example.org addresses), real lakes
/// and ramps, three seasons of monthly tournaments with plausible bags, officers, an open location poll for the next
/// tournament, and a pinned post saying it is all sample data. Only into an empty club (no anglers, no tournaments),
/// so it never mixes with real data and a second run adds nothing. A fixed random seed makes every run the same.
/// </summary>
internal sealed class ClubDemoSeeder(PodiumDbContext db, IPodiumCache cache, TimeProvider time) : IDemoSeeder
{
    public const string ClubName = "Sample Bass Club (demo data)";
    public const int Anglers = 60;
    public const int Guests = 5;

    private static readonly (string Lake, string[] Ramps)[] Lakes =
    [
        ("Lake Travis", ["Mansfield Dam Park", "Pace Bend Park", "Arkansas Bend Park"]),
        ("Lake Buchanan", ["Black Rock Park", "Burnet County Park"]),
        ("Inks Lake", ["Inks Lake State Park"]),
        ("Lake LBJ", ["Kingsland Boat Ramp"]),
        ("Lake Belton", ["Cedar Ridge Park", "Temple Lake Park"]),
        ("Stillhouse Hollow Lake", ["Stillhouse Park", "Union Grove Park", "Dana Peak Park"]),
        ("Lake Austin", ["Walsh Boat Landing", "Emma Long Metropolitan Park"]),
        ("Lake Georgetown", ["Cedar Breaks Park", "Jim Hogg Park"]),
        ("Canyon Lake", ["Canyon Park", "Cranes Mill Park"]),
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

    public string Name => "club: sample club, 60 anglers, Central-Texas lakes, 3 seasons, an open poll";

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
        profile.SizeRules = "Largemouth and smallmouth 14 in, Guadalupe and spotted 12 in";
        profile.DuesCents = 50_00;
        profile.UpdatedAt = now;
        var zone = ClubZone.Find(profile.TimeZone);
        var today = zone.Today(time);

        var anglers = SeedAnglers(random, today, now);
        var lakes = Lakes.Select(l => new Lake { Name = l.Lake, Slug = Lake.SlugOf(l.Lake), Ramps = [.. l.Ramps.Select(r => new Ramp { Name = r })] }).ToList();
        db.AddRange(lakes);

        var positions = await db.Set<OfficerPosition>().OrderBy(p => p.SortOrder).ToListAsync(cancellationToken);
        foreach (var (position, i) in positions.Select((p, i) => (p, i)))
        {
            db.Add(new OfficerTerm { Season = today.Year, Position = position, PositionId = position.Id, Angler = anglers[i], AnglerId = anglers[i].Id });
        }

        SeedSeasons(random, zone, today, anglers, lakes, now);
        SeedNextTournamentAndPoll(random, zone, today, anglers, lakes, now);
        db.Add(new NewsPost
        {
            Title = "Welcome to the sample club",
            Markdown = "Everything in this club is **sample data** made up for trying Podium: the anglers, their e-mail addresses and every result. Delete the database (or start with an empty one) before the real club moves in.",
            Html = "<p>Everything in this club is <strong>sample data</strong> made up for trying Podium: the anglers, their e-mail addresses and every result. Delete the database (or start with an empty one) before the real club moves in.</p>",
            Status = NewsStatus.Published,
            Pinned = true,
            AuthorName = "Podium demo data",
            CreatedAt = now,
            UpdatedAt = now,
            PublishedAt = now,
            EmailedAt = now,
        });

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
            Kind = i >= Anglers - Guests ? MembershipKind.Guest : MembershipKind.Member,
            // A few members are behind on dues, so the poll shows who may vote.
            DuesPaidThrough = i >= Anglers - Guests ? null : new DateOnly(today.Year, 12, 31).AddYears(i % 11 == 10 ? -1 : 0),
            CreatedAt = now,
        }).ToList();
        db.AddRange(anglers);
        return anglers;
    }

    /// <summary>A tournament on the second Saturday of each month of the last three seasons, up to today.</summary>
    private void SeedSeasons(Random random, ClubZone zone, DateOnly today, List<Angler> anglers, List<Lake> lakes, DateTime now)
    {
        for (var season = today.Year - 2; season <= today.Year; season++)
        {
            for (var month = 1; month <= 12; month++)
            {
                var day = SecondSaturday(season, month);
                if (day >= today)
                {
                    return;
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
                    TournamentScoring.Apply(tournament);
                }

                db.Add(tournament);
            }
        }
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
                var fish = Enumerable.Range(0, result.Fish).Select(_ => 110 + (int)(Math.Pow(random.NextDouble(), 2.2) * 620)).ToList();
                result.TotalWeight = fish.Sum();
                result.BigBass = fish.DefaultIfEmpty(0).Max();
                result.DeadFishPenalty = result.Fish > 0 && random.NextDouble() < 0.06 ? 25 * random.Next(1, 3) : 0;
                result.Disqualified = random.NextDouble() < 0.01;
            }

            tournament.Results.Add(result);
        }
    }

    private void SeedNextTournamentAndPoll(Random random, ClubZone zone, DateOnly today, List<Angler> anglers, List<Lake> lakes, DateTime now)
    {
        var day = SecondSaturday(today.Year, today.Month);
        if (day <= today.AddDays(7))
        {
            var next = today.AddMonths(1);
            day = SecondSaturday(next.Year, next.Month);
        }

        var tournament = NewTournament(zone, day, $"{day:MMMM yyyy} tournament", lake: null, ramp: null, now);
        tournament.EntryFeeCents = 40_00;
        tournament.BigBassPotCents = 10_00;
        db.Add(tournament);

        var poll = new Poll
        {
            Kind = PollKind.Location,
            Title = $"Where do we fish in {day:MMMM}?",
            Description = "Members in good standing pick the lake and ramp; the winner becomes the tournament's location when the poll closes.",
            Tournament = tournament,
            TournamentId = tournament.Id,
            OpensAt = now.AddDays(-2),
            ClosesAt = zone.ToUtc(day.AddDays(-5).ToDateTime(new TimeOnly(20, 0))),
            CreatedAt = now,
        };
        foreach (var (lake, i) in lakes.OrderBy(_ => random.Next()).Take(3).Select((l, i) => (l, i)))
        {
            poll.Options.Add(new PollOption
            {
                SortOrder = i,
                Text = $"{lake.Name} · {lake.Ramps[0].Name}",
                Lake = lake,
                Ramp = lake.Ramps[0],
                StartsAt = tournament.Event.StartsAt,
                EndsAt = tournament.Event.EndsAt,
            });
        }

        db.Add(poll);
        foreach (var voter in anglers.Where(a => a.Kind == MembershipKind.Member).OrderBy(_ => random.Next()).Take(18))
        {
            db.Add(new PollVote { PollId = poll.Id, AnglerId = voter.Id, OptionId = poll.Options[random.Next(poll.Options.Count)].Id, CastAt = now.AddHours(-random.Next(1, 40)) });
        }
    }

    private static Tournament NewTournament(ClubZone zone, DateOnly day, string title, Lake? lake, Ramp? ramp, DateTime now)
    {
        var start = zone.ToUtc(day.ToDateTime(new TimeOnly(6, 30)));
        var ev = new ClubEvent { Kind = EventKind.Tournament, Title = title, StartsAt = start, EndsAt = zone.ToUtc(day.ToDateTime(new TimeOnly(15, 0))), CreatedAt = now, UpdatedAt = now };
        return new Tournament { Id = ev.Id, Event = ev, Season = zone.SeasonOf(start), Lake = lake, Ramp = ramp };
    }

    private static DateOnly SecondSaturday(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)DayOfWeek.Saturday - (int)first.DayOfWeek + 7) % 7 + 7);
    }
}
