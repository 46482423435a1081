using Podium.Platform.Modules;

namespace Podium.Modules.Fights.Domain;

/// <summary>Why a record was quarantined: the field at fault and what is wrong with it, in words an admin can act on.</summary>
internal sealed record QualityIssue(string Field, string Reason);

/// <summary>What an import knows of a bout, enough to judge it.</summary>
internal sealed record BoutFacts(Guid FighterA, Guid FighterB, DateTime StartsAt, int ScheduledRounds, BoutResult? Result);

/// <summary>What an import knows of an event.</summary>
internal sealed record EventFacts(string Name, DateTime StartsAt);

/// <summary>What an import knows of a fighter's body and age.</summary>
internal sealed record FighterFacts(string Name, DateOnly? DateOfBirth, int? HeightCm, int? ReachCm);

/// <summary>
/// The checks an import runs before saving: a record with any issue is quarantined and listed, never saved. The bounds
/// are wide on purpose (the shortest strawweights and the tallest heavyweights on record fit with room to spare): they
/// catch a feed's unit mix-ups and typos (inches for centimetres, a birth year of 2019), not unusual athletes.
/// </summary>
internal static class DataQuality
{
    public const int MinHeightCm = 140;
    public const int MaxHeightCm = 220;
    public const int MinReachCm = 140;
    public const int MaxReachCm = 235;
    public const int MinAge = 18;
    public const int MaxAge = 50;

    /// <summary>Every round of the unified rules lasts five minutes.</summary>
    public static readonly TimeSpan RoundLength = TimeSpan.FromMinutes(5);

    /// <summary>The first event of the sport's modern era (UFC 1, 12 November 1993): nothing on a card is older.</summary>
    public static readonly DateTime EarliestEvent = new(1993, 11, 12, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Promotions announce cards months ahead, never years: a date further out is a feed's typo.</summary>
    public static readonly TimeSpan LatestEventAhead = TimeSpan.FromDays(730);

    public static IReadOnlyList<QualityIssue> CheckEvent(EventFacts fight, DateTime now)
    {
        var issues = new List<QualityIssue>();
        if (string.IsNullOrWhiteSpace(fight.Name))
        {
            issues.Add(new("name", "An event needs a name."));
        }

        if (fight.StartsAt < EarliestEvent || fight.StartsAt > now + LatestEventAhead)
        {
            issues.Add(new("startsAt", $"A start on {fight.StartsAt:yyyy-MM-dd} is not plausible (from 1993-11-12 to two years ahead)."));
        }

        return issues;
    }

    public static IReadOnlyList<QualityIssue> CheckBout(BoutFacts bout, DateTime now)
    {
        var issues = new List<QualityIssue>();
        if (bout.FighterA == bout.FighterB)
        {
            issues.Add(new("fighters", "A bout needs two different fighters."));
        }

        if (bout.ScheduledRounds is not (3 or 5))
        {
            issues.Add(new("scheduledRounds", $"A bout is scheduled for 3 or 5 rounds, not {bout.ScheduledRounds}."));
        }

        if (bout.Result is not { } result)
        {
            return issues;
        }

        if (bout.StartsAt > now)
        {
            issues.Add(new("result", "A result was given for a bout that has not happened yet."));
        }

        if (result.Winner is not null && result.Method is null)
        {
            issues.Add(new("method", "A win needs a method."));
        }

        if (result.Round is { } round && (round < 1 || round > bout.ScheduledRounds))
        {
            issues.Add(new("round", $"Round {round} is outside the bout's {bout.ScheduledRounds} rounds."));
        }

        if (result.Time is { } time && (time <= TimeSpan.Zero || time > RoundLength))
        {
            issues.Add(new("time", $"A time of {time:m\\:ss} is outside a five-minute round."));
        }

        return issues;
    }

    /// <param name="on">The date the age is judged at: the event's date for a bout, today for a profile.</param>
    public static IReadOnlyList<QualityIssue> CheckFighter(FighterFacts fighter, DateOnly on)
    {
        var issues = new List<QualityIssue>();
        if (string.IsNullOrWhiteSpace(fighter.Name))
        {
            issues.Add(new("name", "A fighter needs a name."));
        }

        if (fighter.HeightCm is { } height && (height < MinHeightCm || height > MaxHeightCm))
        {
            issues.Add(new("heightCm", $"A height of {height} cm is not plausible ({MinHeightCm}–{MaxHeightCm})."));
        }

        if (fighter.ReachCm is { } reach && (reach < MinReachCm || reach > MaxReachCm))
        {
            issues.Add(new("reachCm", $"A reach of {reach} cm is not plausible ({MinReachCm}–{MaxReachCm})."));
        }

        if (fighter.DateOfBirth is { } born && AgeOn(born, on) is var age && (age < MinAge || age > MaxAge))
        {
            issues.Add(new("dateOfBirth", $"A fighter aged {age} on {on:yyyy-MM-dd} is not plausible ({MinAge}–{MaxAge})."));
        }

        return issues;
    }

    public static IReadOnlyList<QualityIssue> CheckOdds(OddsSnapshot snapshot)
    {
        var issues = new List<QualityIssue>();
        foreach (var (corner, line) in new[] { (Corner.A, snapshot.MoneylineA), (Corner.B, snapshot.MoneylineB) })
        {
            if (!Odds.IsValidMoneyline(line))
            {
                issues.Add(new($"moneyline{corner}", $"A moneyline of {line} is out of range (±100 to ±{Odds.MaxMoneyline})."));
            }
        }

        return issues;
    }

    /// <summary>A feed's record must hold at least the bouts we hold: fewer wins than we counted is a stale or wrong record.</summary>
    public static IReadOnlyList<QualityIssue> CheckRecord(FightRecord feed, FightRecord derived)
    {
        var issues = new List<QualityIssue>();
        if (feed.Wins < derived.Wins || feed.Losses < derived.Losses || feed.Draws < derived.Draws || feed.NoContests < derived.NoContests)
        {
            issues.Add(new("record", $"The feed's record {feed} holds fewer results than the bouts on file ({derived})."));
        }

        return issues;
    }

    /// <summary>Whole years completed on <paramref name="on"/> (the day before a birthday still counts the year before).</summary>
    public static int AgeOn(DateOnly born, DateOnly on)
    {
        var age = on.Year - born.Year;
        return born.AddYears(age) > on ? age - 1 : age;
    }
}

/// <summary>A fighter's id at a source (ESPN's athlete id, the sample set's own).</summary>
internal readonly record struct ExternalId(string Source, string Id);

internal sealed record FighterIdentity(Guid Id, string Name, DateOnly? DateOfBirth, IReadOnlyCollection<ExternalId> ExternalIds);

/// <summary>Two fighters that look like one person; <see cref="First"/> is the one listed first (the keeper by default).</summary>
internal sealed record DuplicatePair(Guid First, Guid Second, string Reason);

internal static class Duplicates
{
    /// <summary>
    /// The name as people match it: case, accents, punctuation and spacing aside, so "José  O'Malley-Silva" and
    /// "jose omalley silva" are one name.
    /// </summary>
    public static string NormaliseName(string name) => string.Concat(Slugs.Fold(name).Where(char.IsLetterOrDigit));

    /// <summary>
    /// Pairs of fighters sharing an id at the same source, or a normalised name and a date of birth (a name alone is not
    /// enough: namesakes fight). Each pair once, by the first reason found.
    /// </summary>
    public static IReadOnlyList<DuplicatePair> Find(IEnumerable<FighterIdentity> fighters)
    {
        var byExternalId = new Dictionary<ExternalId, Guid>();
        var byNameAndBirth = new Dictionary<(string, DateOnly), Guid>();
        var pairs = new List<DuplicatePair>();
        var seen = new HashSet<(Guid, Guid)>();
        foreach (var fighter in fighters)
        {
            foreach (var externalId in fighter.ExternalIds)
            {
                if (!byExternalId.TryAdd(externalId, fighter.Id))
                {
                    Pair(byExternalId[externalId], $"Same {externalId.Source} id {externalId.Id}.");
                }
            }

            if (fighter.DateOfBirth is { } born)
            {
                var key = (NormaliseName(fighter.Name), born);
                if (!byNameAndBirth.TryAdd(key, fighter.Id))
                {
                    Pair(byNameAndBirth[key], $"Same name and date of birth ({born:yyyy-MM-dd}).");
                }
            }

            void Pair(Guid first, string reason)
            {
                if (first != fighter.Id && seen.Add((first, fighter.Id)))
                {
                    pairs.Add(new DuplicatePair(first, fighter.Id, reason));
                }
            }
        }

        return pairs;
    }
}
