using Podium.Modules.Fights.Model;
using Podium.Platform.Feeds;

namespace Podium.Modules.Fights.Sample;

/// <summary>Ratios 0 to 1 (accuracy, defence); per-minute and per-15-minute figures, as the stat sheets give them.</summary>
internal sealed record CareerStats(
    double StrikesLandedPerMinute,
    double StrikesAbsorbedPerMinute,
    double StrikingAccuracy,
    double StrikingDefence,
    double TakedownAverage,
    double TakedownAccuracy,
    double TakedownDefence,
    double SubmissionAverage);

/// <param name="Record">The record as the feed gives it: the bouts before the data set's first event plus its own.</param>
internal sealed record SampleFighter(
    string ExternalId,
    string Name,
    string? Nickname,
    DateOnly DateOfBirth,
    string Country,
    WeightClass WeightClass,
    Stance Stance,
    int HeightCm,
    int ReachCm,
    string Team,
    string Style,
    FightRecord Record,
    CareerStats Stats,
    bool Active)
{
    public FeedProvenance Provenance => FeedProvenance.Sample;
}

/// <param name="Order">Place on the card, 1 = the main event.</param>
/// <param name="StartsAt">When the walkouts are known (past bouts); null for upcoming cards, which lock at the event's start.</param>
internal sealed record SampleBout(
    string ExternalId,
    int Order,
    WeightClass WeightClass,
    int ScheduledRounds,
    bool TitleFight,
    string FighterA,
    string FighterB,
    DateTime? StartsAt,
    BoutResult? Result,
    IReadOnlyList<OddsSnapshot> Odds)
{
    public FeedProvenance Provenance => FeedProvenance.Sample;
}

internal sealed record SampleEvent(
    string ExternalId,
    string Name,
    string Organisation,
    DateTime StartsAt,
    string Venue,
    string City,
    string Country,
    EventStatus Status,
    IReadOnlyList<SampleBout> Card)
{
    public FeedProvenance Provenance => FeedProvenance.Sample;
}

/// <summary>
/// The bundled demo and test data: a fictional promotion with invented fighters (made-up surnames on common first
/// names, so no real fighter's name), real weight classes, cities and a realistic mix of results and betting lines.
/// Everything is a function of the seed and the reference instant: the same inputs give the same set, and events are
/// placed relative to the reference, so "upcoming" stays upcoming whenever it is generated.
/// </summary>
internal sealed class SampleDataSet
{
    public const string Source = "sample";
    public const int DefaultSeed = 17;
    public const int PastEvents = 32;
    public const int UpcomingEvents = 8;
    public const int BoutsPerCard = 12;
    public const string Organisation = "Meridian Fighting Championship";

    private static readonly string[] FirstNames =
    [
        "Adrian", "Bruno", "Caio", "Dario", "Elias", "Felix", "Gustavo", "Hugo", "Ivan", "Jonah", "Kai", "Luca",
        "Marco", "Nikolai", "Omar", "Pavel", "Rafael", "Santiago", "Tomas", "Uriel", "Viktor", "Wesley", "Yusuf", "Zane",
        "Aleksei", "Bautista", "Cormac", "Dmitri", "Emeka", "Farid", "Goran", "Hamza", "Idris", "Jae-won", "Kenji", "Leandro",
        "Mateus", "Nando", "Otto", "Piotr", "Quentin", "Rustam", "Soren", "Teo", "Umar", "Vitor", "Wiktor", "Xavier",
    ];

    private static readonly string[] WomenFirstNames =
    [
        "Alina", "Beatriz", "Carla", "Daria", "Elena", "Freya", "Gabriela", "Hana", "Ines", "Julia", "Kira", "Lena",
        "Mila", "Nadia", "Olga", "Paula", "Rina", "Sofia", "Tamsin", "Valeria",
    ];

    private static readonly string[] LastNames =
    [
        "Vellek", "Korvath", "Mendrell", "Aldavi", "Brasquet", "Corvanne", "Dravik", "Esteveira", "Falkoner", "Gorvetti",
        "Halvorsk", "Ilvane", "Jarrowby", "Kestrov", "Lamberti-Oyo", "Marovic", "Nesterval", "Orlanski", "Pavenko", "Quillfeather",
        "Rastovic", "Sarandel", "Tolvaj", "Ulbrecht", "Varanov", "Wexmoor", "Yastrel", "Zavadori", "Abernov", "Belcastro",
        "Carrowith", "Demirkan", "Edevane", "Fontairo", "Grislov", "Harkavy", "Isenbrand", "Juvanta", "Kaldero", "Lutrova",
        "Mirandel", "Novakane", "Ostravel", "Pellacruz", "Rovensky", "Stallbrook", "Tiberon", "Urquidez-Vale", "Vorhaus", "Wendrick",
        "Acheveda", "Bortolan", "Calvadine", "Drummarck", "Esparvo", "Fereday", "Galvatrix", "Hollenbeck-Ruiz", "Ivashko", "Jelavic",
        "Kostrander", "Lindevall", "Mazzarott", "Nordvik", "Oyelaran", "Pravosk", "Ruzvelko", "Salvatierra-Moss", "Tarkovan", "Vantrell",
    ];

    private static readonly string[] Nicknames =
    [
        "The Anvil", "Iceberg", "Lockjaw", "The Surgeon", "Bulldozer", "Mamba", "Quiet Storm", "The Tide", "Hammerhand",
        "Wolfsbane", "Nightjar", "The Professor", "Red Comet", "Iron Lung", "Sidewinder", "The Lighthouse", "Tarantula",
        "Avalanche", "Cold Front", "The Locksmith", "Copperhead", "Thunderclap", "The Ghost", "Pitbull", "Granite",
        "Hurricane", "The Mechanic", "Viper", "Kodiak", "Slick", "Buzzsaw", "The Architect", "Flashpoint", "Sandman",
    ];

    private static readonly string[] Countries =
    [
        "United States", "United States", "United States", "Brazil", "Brazil", "Russia", "Mexico", "England", "Ireland",
        "Poland", "Georgia", "Nigeria", "Australia", "New Zealand", "Canada", "Japan", "South Korea", "China", "Kazakhstan",
        "Sweden", "Netherlands", "France", "Argentina", "Peru", "Cameroon", "Dagestan, Russia", "Spain", "Germany",
    ];

    private static readonly string[] Teams =
    [
        "Ironbark MMA", "Northgate Combat Club", "Saltmarsh Jiu-Jitsu", "Red Lantern Muay Thai", "Highline Fight Team",
        "Coldwater Wrestling Academy", "Blackpine Martial Arts", "Southpoint Striking", "Kestrel Combat Sports",
        "Harbour Street Gym", "Summit Grappling", "Foundry Fight Lab",
    ];

    private static readonly string[] Styles =
    [
        "Wrestling", "Brazilian Jiu-Jitsu", "Muay Thai", "Boxing", "Kickboxing", "Sambo", "Judo", "Karate", "Freestyle",
    ];

    private static readonly (string Venue, string City, string Country)[] Venues =
    [
        ("Harbourline Arena", "Las Vegas", "United States"),
        ("Meridian Events Centre", "Las Vegas", "United States"),
        ("Riverside Pavilion", "Newark", "United States"),
        ("Lakeshore Coliseum", "Chicago", "United States"),
        ("Bayfront Hall", "Miami", "United States"),
        ("Coastline Dome", "Rio de Janeiro", "Brazil"),
        ("Northern Lights Arena", "Stockholm", "Sweden"),
        ("Old Docks Arena", "London", "England"),
        ("Desert Star Arena", "Abu Dhabi", "United Arab Emirates"),
        ("Southern Cross Stadium", "Perth", "Australia"),
        ("Crescent Arena", "Mexico City", "Mexico"),
        ("Maple Leaf Centre", "Toronto", "Canada"),
    ];

    // Men's classes have deeper rosters, as in the real promotions; heights are class averages in cm.
    private static readonly (WeightClass Class, int Fighters, int HeightCm)[] Rosters =
    [
        (WeightClass.Flyweight, 20, 167),
        (WeightClass.Bantamweight, 20, 170),
        (WeightClass.Featherweight, 20, 174),
        (WeightClass.Lightweight, 22, 177),
        (WeightClass.Welterweight, 22, 181),
        (WeightClass.Middleweight, 20, 185),
        (WeightClass.LightHeavyweight, 18, 189),
        (WeightClass.Heavyweight, 18, 193),
        (WeightClass.WomensStrawweight, 16, 162),
        (WeightClass.WomensFlyweight, 16, 166),
        (WeightClass.WomensBantamweight, 14, 169),
        (WeightClass.WomensFeatherweight, 10, 172),
        (WeightClass.Strawweight, 8, 163),
    ];

    private sealed class Draft
    {
        public required SampleFighter Profile;
        public required double Skill;
        public required double Striker;
        public FightRecord Prior;
        public FightRecord Derived;
        public DateTime LastBooked = DateTime.MinValue;
        public bool BookedUpcoming;
    }

    public required IReadOnlyList<SampleFighter> Fighters { get; init; }

    public required IReadOnlyList<SampleEvent> Events { get; init; }

    public DateTime Reference { get; init; }

    public static SampleDataSet Generate(DateTime reference, int seed = DefaultSeed)
    {
        if (reference.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("The reference instant is UTC.", nameof(reference));
        }

        var random = new Random(seed);
        // Events on a fixed evening (23:00 UTC, a prime-time main card in the Americas), counted in days from the reference.
        var day = reference.Date;
        var drafts = MakeFighters(random, reference);
        var events = new List<SampleEvent>();
        var number = 240;
        for (var i = PastEvents; i >= 1; i--)
        {
            // Most weeks one event, every few weeks a gap: the past stretches about eight months.
            var startsAt = day.AddDays(-7 * i - (i % 4 == 0 ? 2 : 0)).AddHours(23);
            events.Add(MakeEvent(random, drafts, startsAt, reference, number++, past: true));
        }

        for (var i = 0; i < UpcomingEvents; i++)
        {
            var startsAt = day.AddDays(5 + 7 * i).AddHours(23);
            events.Add(MakeEvent(random, drafts, startsAt, reference, number++, past: false));
        }

        var fighters = drafts.Select(d => d.Profile with
        {
            Record = Add(d.Prior, d.Derived),
            // A fighter past 36 with nothing booked has, here, often hung up the gloves.
            Active = d.BookedUpcoming || DataQuality.AgeOn(d.Profile.DateOfBirth, DateOnly.FromDateTime(reference)) < 36 || random.Next(3) > 0,
        }).ToList();
        return new SampleDataSet { Fighters = fighters, Events = events, Reference = reference };
    }

    private static FightRecord Add(FightRecord a, FightRecord b) =>
        new(a.Wins + b.Wins, a.Losses + b.Losses, a.Draws + b.Draws, a.NoContests + b.NoContests);

    private static List<Draft> MakeFighters(Random random, DateTime reference)
    {
        var drafts = new List<Draft>();
        var used = new HashSet<string>();
        var n = 0;
        foreach (var (weightClass, count, height) in Rosters)
        {
            var firstNames = weightClass.IsWomens() ? WomenFirstNames : FirstNames;
            for (var i = 0; i < count; i++)
            {
                string name;
                do
                {
                    name = $"{Pick(random, firstNames)} {Pick(random, LastNames)}";
                }
                while (!used.Add(name));

                var style = Pick(random, Styles);
                var striker = style is "Muay Thai" or "Boxing" or "Kickboxing" or "Karate" ? 0.75 : style == "Freestyle" ? 0.5 : 0.3;
                var heightCm = height + random.Next(-6, 7);
                var age = 22 + random.Next(17);
                var born = DateOnly.FromDateTime(reference).AddYears(-age).AddDays(-random.Next(365));
                var wins = 4 + random.Next(16);
                n++;
                drafts.Add(new Draft
                {
                    Skill = random.NextDouble() * 2.4 - 1.2,
                    Striker = striker,
                    Prior = new FightRecord(wins, random.Next(wins / 3 + 2), random.Next(10) == 0 ? 1 : 0, random.Next(20) == 0 ? 1 : 0),
                    Profile = new SampleFighter(
                        ExternalId: $"mer-f{n:D4}",
                        Name: name,
                        Nickname: random.Next(10) < 6 ? Pick(random, Nicknames) : null,
                        DateOfBirth: born,
                        Country: Pick(random, Countries),
                        WeightClass: weightClass,
                        Stance: random.Next(100) switch { < 70 => Stance.Orthodox, < 92 => Stance.Southpaw, _ => Stance.Switch },
                        HeightCm: heightCm,
                        ReachCm: heightCm + random.Next(-4, 11),
                        Team: Pick(random, Teams),
                        Style: style,
                        Record: default,
                        Stats: Stats(random, striker),
                        Active: true),
                });
            }
        }

        return drafts;
    }

    private static CareerStats Stats(Random random, double striker)
    {
        double Between(double low, double high) => Math.Round(low + random.NextDouble() * (high - low), 2);
        return new CareerStats(
            StrikesLandedPerMinute: Between(2.0, 3.5) + Math.Round(striker * 3, 2),
            StrikesAbsorbedPerMinute: Between(1.8, 5.2),
            StrikingAccuracy: Between(0.36, 0.50) + Math.Round(striker * 0.1, 2),
            StrikingDefence: Between(0.45, 0.65),
            TakedownAverage: Between(0.2, 1.2) + Math.Round((1 - striker) * 3, 2),
            TakedownAccuracy: Between(0.2, 0.45) + Math.Round((1 - striker) * 0.2, 2),
            TakedownDefence: Between(0.5, 0.9),
            SubmissionAverage: Between(0.0, 0.6) + Math.Round((1 - striker) * 1.2, 2));
    }

    private static SampleEvent MakeEvent(Random random, List<Draft> drafts, DateTime startsAt, DateTime reference, int number, bool past)
    {
        var card = new List<SampleBout>();
        var booked = new HashSet<Draft>();
        var venue = Pick(random, Venues);
        for (var order = 1; order <= BoutsPerCard; order++)
        {
            var (a, b) = Matchup(random, drafts, booked, startsAt);
            var weightClass = a.Profile.WeightClass;
            var title = order == 1 ? number % 3 == 0 : order == 2 && number % 7 == 0;
            var rounds = order == 1 || title ? 5 : 3;
            // The main event walks out last: the card runs from the bottom up to order 1, about 25 minutes a bout.
            DateTime? boutStart = past ? startsAt.AddMinutes(25 * (BoutsPerCard - order)) : null;
            var odds = Lines(random, a, b, startsAt, reference);
            BoutResult? result = null;
            if (past)
            {
                result = Result(random, a, b, rounds);
                Record(a, result.For(Corner.A));
                Record(b, result.For(Corner.B));
            }
            else
            {
                a.BookedUpcoming = b.BookedUpcoming = true;
            }

            card.Add(new SampleBout($"mer-e{number}-b{order:D2}", order, weightClass, rounds, title, a.Profile.ExternalId, b.Profile.ExternalId, boutStart, result, odds));
        }

        var main = card[0];
        var headliners = $"{Surname(drafts, main.FighterA)} vs. {Surname(drafts, main.FighterB)}";
        var name = number % 3 == 0 ? $"Meridian {number}: {headliners}" : $"Meridian Fight Night {number}: {headliners}";
        return new SampleEvent($"mer-e{number}", name, Organisation, startsAt, venue.Venue, venue.City, venue.Country,
            past ? EventStatus.Completed : EventStatus.Scheduled, card);

        static void Record(Draft fighter, FighterOutcome outcome) => fighter.Derived = fighter.Derived.Add(outcome);
    }

    private static string Surname(List<Draft> drafts, string externalId) =>
        drafts.First(d => d.Profile.ExternalId == externalId).Profile.Name.Split(' ', 2)[1];

    // Two fighters of one class, neither on this card already, neither booked in the last five weeks when it can be
    // helped (a short-notice replacement otherwise), closest in skill among a few candidates, as matchmakers do.
    private static (Draft A, Draft B) Matchup(Random random, List<Draft> drafts, HashSet<Draft> booked, DateTime startsAt)
    {
        var classes = drafts.Select(d => d.Profile.WeightClass).Distinct().ToList();
        for (var attempt = 0; ; attempt++)
        {
            var weightClass = Pick(random, classes);
            var rested = attempt < 20 ? TimeSpan.FromDays(35) : TimeSpan.Zero;
            var free = drafts.Where(d => d.Profile.WeightClass == weightClass && !booked.Contains(d) && startsAt - d.LastBooked >= rested).ToList();
            if (free.Count < 2)
            {
                continue;
            }

            var a = free[random.Next(free.Count)];
            var b = free.Where(d => d != a).OrderBy(_ => random.Next()).Take(4).MinBy(d => Math.Abs(d.Skill - a.Skill))!;
            booked.Add(a);
            booked.Add(b);
            a.LastBooked = b.LastBooked = startsAt;
            return (a, b);
        }
    }

    private static double WinChance(Draft a, Draft b) => 1 / (1 + Math.Exp(-(a.Skill - b.Skill) * 1.6));

    private static BoutResult Result(Random random, Draft a, Draft b, int rounds)
    {
        var roll = random.Next(1000);
        if (roll < 20)
        {
            return new BoutResult(BoutOutcome.Draw, roll < 12 ? FinishMethod.MajorityDecision : FinishMethod.SplitDecision, rounds, TimeSpan.FromMinutes(5));
        }

        if (roll < 35)
        {
            // An accidental foul or an overturned result: stopped wherever it was.
            return new BoutResult(BoutOutcome.NoContest, null, 1 + random.Next(rounds), Clock(random));
        }

        var winner = random.NextDouble() < WinChance(a, b) ? Corner.A : Corner.B;
        var striker = (winner == Corner.A ? a : b).Striker;
        var method = random.NextDouble() switch
        {
            < 0.01 => FinishMethod.Disqualification,
            var r when r < 0.01 + 0.42 * striker => FinishMethod.KoTko,
            var r when r < 0.01 + 0.42 * striker + 0.28 * (1 - striker) => FinishMethod.Submission,
            var r when r < 0.85 => FinishMethod.UnanimousDecision,
            var r when r < 0.95 => FinishMethod.SplitDecision,
            _ => FinishMethod.MajorityDecision,
        };
        if (method.IsDecision())
        {
            return BoutResult.WinFor(winner, method, rounds, TimeSpan.FromMinutes(5));
        }

        // Stoppages come early more often than late.
        var round = 1;
        while (round < rounds && random.Next(100) < 45)
        {
            round++;
        }

        return BoutResult.WinFor(winner, method, round, Clock(random));
    }

    private static TimeSpan Clock(Random random) => TimeSpan.FromSeconds(8 + random.Next(292));

    // The opening line, then moves as money comes in, the last a few hours before the walkouts; lines after the
    // reference instant are not known yet.
    private static List<OddsSnapshot> Lines(Random random, Draft a, Draft b, DateTime startsAt, DateTime reference)
    {
        var snapshots = new List<OddsSnapshot>();
        var chance = Math.Clamp(WinChance(a, b) + (random.NextDouble() - 0.5) * 0.2, 0.08, 0.92);
        var count = 4 + random.Next(3);
        // Books open a line when the bout is announced: four weeks out, or earlier for a card further ahead than that.
        var opens = startsAt.AddDays(-28) < reference ? startsAt.AddDays(-28) : reference.AddDays(-2);
        var span = startsAt.AddHours(-6) - opens;
        for (var i = 0; i < count; i++)
        {
            var takenAt = opens + span * i / (count - 1) - TimeSpan.FromHours(random.Next(6));
            if (takenAt > reference)
            {
                break;
            }

            chance = Math.Clamp(chance + (random.NextDouble() - 0.5) * 0.08, 0.06, 0.94);
            snapshots.Add(new OddsSnapshot(takenAt, Moneyline(chance), Moneyline(1 - chance)));
        }

        return snapshots;
    }

    // The book's price: the chance plus half of a 4.5 % margin on each side, as a moneyline.
    private static int Moneyline(double chance) => Odds.ToMoneyline(Math.Round(1m / (decimal)(chance + 0.0225), 3));

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
