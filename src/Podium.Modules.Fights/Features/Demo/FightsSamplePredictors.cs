using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Podium.Modules.Fights.Domain;
using Podium.Modules.Fights.Features.Import;
using Podium.Modules.Fights.Features.Leagues;
using Podium.Modules.Fights.Features.Predictions;
using Podium.Modules.Fights.Features.Results;
using Podium.Modules.Fights.Model;
using Podium.Platform.Api;
using Podium.Platform.Data;
using Podium.Platform.Feeds;
using Podium.Platform.Identity;

namespace Podium.Modules.Fights.Features.Demo;

/// <summary>
/// In Development only: made-up members who predicted the sample bouts, so the boards and leagues have someone on them.
/// They are accounts marked <see cref="PodiumUser.IsSample"/>, named "Sample predictor NN" and badged wherever a name
/// shows; they have no password and are locked out, so nobody can sign in as one. Their picks look like people's (mostly
/// the favourite, now and then the underdog, often a method, sometimes a round), drawn from a fixed seed per member and
/// bout, so every run picks the same. Picks on finished bouts are history, written as they would have been before the
/// lock; the scores come from the real scoring run (the bout's result recorded again through <see cref="ResultRecorder"/>
/// catches its unscored picks up: ledger, global, season, event and league boards). Picks on upcoming bouts go through
/// <see cref="BoutPredictions"/> like anyone's, so they stay hidden until the lock. Leagues are made and joined through
/// <see cref="FightLeagues"/>. Only sample bouts are predicted; each part is written only when missing, so a restart adds nothing.
/// </summary>
internal sealed class FightsSamplePredictors(
    PodiumDbContext db,
    UserManager<PodiumUser> users,
    BoutPredictions predictions,
    FightLeagues leagues,
    ResultRecorder results,
    IHostEnvironment environment,
    TimeProvider time) : IDemoSeeder
{
    public const int Members = 32;
    public const string AddressDomain = "sample-predictors.invalid";
    public const int UpcomingEventsPredicted = 2;

    /// <summary>
    /// The latest finished events picked: enough for every board (season, events, leagues) while the start stays quick,
    /// since each finished bout with picks costs one scoring run.
    /// </summary>
    public const int FinishedEventsPredicted = 6;

    private const int Seed = 1717;

    // Far enough to be for ever, and a plain timestamp on both databases (MaxValue would be PostgreSQL's 'infinity').
    private static readonly DateTimeOffset LockedUntil = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>League names, each owner (a member number) and its members' numbers.</summary>
    private static readonly (string Name, int Owner, int[] Members)[] Leagues =
    [
        ("Sample league: Friday Night Picks", 1, [2, 3, 5, 8, 13, 21, 24, 27]),
        ("Sample league: Underdog Hunters", 4, [6, 7, 9, 12, 18, 30]),
        ("Sample league: Office Sweepstake", 10, [11, 14, 15, 16, 17, 19, 20, 22, 23, 25]),
    ];

    public string Name => $"fights: {Members} sample predictors (made up, cannot sign in), their picks and {Leagues.Length} leagues (Development only)";

    public static string DisplayNameOf(int number) => $"Sample predictor {number:D2}";

    public static string EmailOf(int number) => $"predictor-{number:D2}@{AddressDomain}";

    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        // Made-up people are for trying the site on a developer's machine: never on a site with real members.
        if (!environment.IsDevelopment())
        {
            return 0;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var bouts = await db.Set<Bout>().AsNoTracking().Include(b => b.Event)
            .Where(b => b.Provenance == FeedProvenance.Sample && b.Status != BoutStatus.Cancelled)
            .OrderBy(b => b.Event.StartsAt).ThenBy(b => b.Order)
            .ToListAsync(cancellationToken);
        if (bouts.Count == 0)
        {
            return 0;
        }

        var finished = bouts.Where(b => b.Outcome is not null).Select(b => b.EventId).Distinct().TakeLast(FinishedEventsPredicted).ToHashSet();
        bouts = [.. bouts.Where(b => b.Outcome is null || finished.Contains(b.EventId))];
        var events = bouts.Select(b => b.EventId).Distinct().ToList();
        var rows = 0;
        var (people, created) = await MembersAsync(bouts[0].Event.StartsAt, cancellationToken);
        rows += created;
        rows += await LeaguesAsync(people, cancellationToken);

        // The closing line of each bout: who the favourite was when picks closed.
        var ids = bouts.Select(b => b.Id).ToList();
        var lines = (await db.Set<OddsLine>().AsNoTracking().Where(o => ids.Contains(o.BoutId))
                .Select(o => new { o.BoutId, o.TakenAt, o.Id, o.MoneylineA, o.MoneylineB }).ToListAsync(cancellationToken))
            .ToLookup(o => o.BoutId);
        var memberIds = people.Values.ToList();
        var existing = (await db.Set<BoutPrediction>().AsNoTracking().Where(p => memberIds.Contains(p.UserId))
                .Select(p => new { p.UserId, p.BoutId }).ToListAsync(cancellationToken))
            .Select(p => (p.UserId, p.BoutId)).ToHashSet();
        var upcoming = bouts.Where(b => b.Outcome is null && !b.Lock.IsLockedAt(now)).Select(b => b.EventId).Distinct().Take(UpcomingEventsPredicted).ToHashSet();

        foreach (var (number, userId) in people.OrderBy(p => p.Key))
        {
            var member = Profile.Of(number);
            var later = new List<(Guid BoutId, Prediction Pick)>();
            foreach (var bout in bouts)
            {
                if (existing.Contains((userId, bout.Id)) || events.IndexOf(bout.EventId) < member.FirstEvent)
                {
                    continue;
                }

                var random = new Random(StableSeed(number, bout.ExternalId ?? bout.Id.ToString()));
                if (random.NextDouble() >= member.Turnout)
                {
                    continue;
                }

                var closing = lines[bout.Id].Where(o => o.TakenAt < bout.Lock.At).OrderBy(o => o.TakenAt).ThenBy(o => o.Id).LastOrDefault();
                var favourite = closing is null ? null : Odds.Favourite(closing.MoneylineA, closing.MoneylineB);
                var pick = Pick(random, member, favourite, bout.ScheduledRounds);
                if (bout.Outcome is not null)
                {
                    // History: the pick as it was made, half an hour to four days before the bout locked.
                    var madeAt = bout.Lock.At.AddMinutes(-random.Next(30, 4 * 24 * 60));
                    db.Add(new BoutPrediction { BoutId = bout.Id, UserId = userId, Winner = pick.Winner, Method = pick.Method, Round = pick.Round, CreatedAt = madeAt, UpdatedAt = madeAt });
                    rows++;
                }
                else if (upcoming.Contains(bout.EventId) && !bout.Lock.IsLockedAt(now))
                {
                    later.Add((bout.Id, pick));
                }
            }

            // The history is saved before any pick goes through the command, whose transaction may start over with a clear tracker.
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            foreach (var (boutId, pick) in later)
            {
                var saved = await predictions.SaveAsync(userId, boutId, pick, cancellationToken);
                rows += saved.Succeeded && saved.Value!.Created ? 1 : 0;
            }
        }

        await ScoreAsync(cancellationToken);
        return rows;
    }

    /// <summary>The sample members by number, created when missing: no password, locked out, joined before the first sample event.</summary>
    private async Task<(Dictionary<int, Guid> People, int Created)> MembersAsync(DateTime firstEvent, CancellationToken cancellationToken)
    {
        var emails = Enumerable.Range(1, Members).ToDictionary(EmailOf, n => n, StringComparer.OrdinalIgnoreCase);
        var known = await db.Users.AsNoTracking().Where(u => u.IsSample && u.Email!.EndsWith("@" + AddressDomain))
            .Select(u => new { u.Id, u.Email }).ToListAsync(cancellationToken);
        var people = known.Where(u => emails.ContainsKey(u.Email!)).ToDictionary(u => emails[u.Email!], u => u.Id);
        var created = 0;
        foreach (var (email, number) in emails.Where(e => !people.ContainsKey(e.Value)))
        {
            var user = new PodiumUser
            {
                UserName = email,
                Email = email,
                DisplayName = DisplayNameOf(number),
                IsSample = true,
                LockoutEnabled = true,
                LockoutEnd = LockedUntil,
                CreatedAt = firstEvent.AddDays(-Profile.Of(number).FirstEvent * 7 - 3),
            };
            var result = await users.CreateAsync(user);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Sample predictor {number}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            }

            people[number] = user.Id;
            created++;
        }

        return (people, created);
    }

    private async Task<int> LeaguesAsync(Dictionary<int, Guid> people, CancellationToken cancellationToken)
    {
        var rows = 0;
        foreach (var (name, owner, members) in Leagues)
        {
            var mine = await leagues.MineAsync(people[owner], new PageRequest(1, PageRequest.MaxPageSize), cancellationToken);
            if (mine.Items.Any(g => g.Name == name))
            {
                continue;
            }

            var league = await leagues.CreateAsync(people[owner], name, ScoringRules.Default, cancellationToken);
            if (!league.Succeeded)
            {
                throw new InvalidOperationException($"{name}: {league.Problem?.Detail ?? string.Join(" ", league.Errors.SelectMany(e => e.Value))}");
            }

            rows++;
            foreach (var member in members)
            {
                var joined = await leagues.JoinAsync(people[member], league.Value!.Group.InviteCode, cancellationToken);
                rows += joined.Succeeded ? 1 : 0;
            }
        }

        return rows;
    }

    /// <summary>Each finished bout with picks not yet scored has its result recorded again: the scoring run catches them up.</summary>
    private async Task ScoreAsync(CancellationToken cancellationToken)
    {
        var behind = await db.Set<BoutPrediction>().AsNoTracking()
            .Where(p => p.ScoredAt == null)
            .Join(db.Set<Bout>().Where(b => b.Outcome != null), p => p.BoutId, b => b.Id, (p, b) => b.Id)
            .Distinct().ToListAsync(cancellationToken);
        foreach (var boutId in behind)
        {
            var bout = await db.Set<Bout>().AsNoTracking().SingleAsync(b => b.Id == boutId, cancellationToken);
            await results.RecordAsync(boutId, bout.Result, SampleProvider.SourceKey, actorId: null, cancellationToken);
        }
    }

    private static Prediction Pick(Random random, Profile member, Corner? favourite, int rounds)
    {
        var chalk = favourite ?? (random.Next(2) == 0 ? Corner.A : Corner.B);
        var winner = random.NextDouble() < member.Underdogs ? Other(chalk) : chalk;
        if (random.NextDouble() >= member.Methods)
        {
            return new Prediction(winner);
        }

        var method = random.Next(100) switch
        {
            < 45 => PickedMethod.Decision,
            < 75 => PickedMethod.KoTko,
            < 99 => PickedMethod.Submission,
            _ => PickedMethod.Disqualification,
        };
        int? round = method is PickedMethod.KoTko or PickedMethod.Submission && random.NextDouble() < member.Rounds
            ? Math.Min(rounds, 1 + (random.Next(100) < 55 ? 0 : random.Next(rounds)))
            : null;
        return new Prediction(winner, method, round);
    }

    private static Corner Other(Corner corner) => corner == Corner.A ? Corner.B : Corner.A;

    // string.GetHashCode differs per process; the picks must not.
    private static int StableSeed(int number, string boutKey)
    {
        var hash = 2166136261u;
        foreach (var c in $"{Seed}:{number}:{boutKey}")
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7fffffff);
    }

    /// <summary>How one member predicts: how often, how contrary, how detailed, and from which sample event on.</summary>
    private sealed record Profile(double Turnout, double Underdogs, double Methods, double Rounds, int FirstEvent)
    {
        public static Profile Of(int number)
        {
            var random = new Random(Seed * 100 + number);
            return new Profile(
                Turnout: 0.35 + random.NextDouble() * 0.55,
                Underdogs: 0.08 + random.NextDouble() * 0.27,
                Methods: 0.2 + random.NextDouble() * 0.6,
                Rounds: random.NextDouble() * 0.6,
                FirstEvent: random.Next(100) < 70 ? 0 : random.Next(1, 4));
        }
    }
}
