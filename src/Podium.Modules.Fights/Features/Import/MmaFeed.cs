using Podium.Modules.Fights.Domain;
using Podium.Modules.Fights.Model;
using Podium.Platform.Feeds;

namespace Podium.Modules.Fights.Features.Import;

/// <summary>The events (with cards, results and odds) a source has between two dates, both included.</summary>
internal sealed record MmaScheduleRequest(DateOnly From, DateOnly To) : IFeedRequest
{
    public string Kind => "mma-schedule";

    public string Key => $"{From:yyyyMMdd}-{To:yyyyMMdd}";
}

/// <summary>
/// What a provider read, in the module's terms; ids are the source's own. <see cref="Unreadable"/> holds the parts of the
/// answer the provider could not turn into records (a bout with one fighter): the import quarantines them.
/// </summary>
internal sealed record MmaSchedule(IReadOnlyList<FeedEvent> Events, IReadOnlyList<FeedUnreadable> Unreadable);

internal sealed record FeedEvent(
    string ExternalId,
    string Name,
    string Organisation,
    DateTime StartsAt,
    string? Venue,
    string? City,
    string? Country,
    EventStatus Status,
    IReadOnlyList<FeedBout> Bouts);

internal sealed record FeedBout(
    string ExternalId,
    int Order,
    WeightClass WeightClass,
    int ScheduledRounds,
    bool TitleFight,
    FeedFighter A,
    FeedFighter B,
    DateTime? StartsAt,
    bool Cancelled,
    BoutResult? Result,
    IReadOnlyList<OddsSnapshot> Odds);

internal sealed record FeedStats(
    double? StrikesLandedPerMinute,
    double? StrikesAbsorbedPerMinute,
    double? StrikingAccuracy,
    double? StrikingDefence,
    double? TakedownAverage,
    double? TakedownAccuracy,
    double? TakedownDefence,
    double? SubmissionAverage);

internal sealed record FeedFighter(
    string ExternalId,
    string Name,
    string? Nickname,
    DateOnly? DateOfBirth,
    string? Country,
    WeightClass? WeightClass,
    Stance? Stance,
    int? HeightCm,
    int? ReachCm,
    string? Team,
    string? Style,
    FightRecord? Record,
    FeedStats? Stats,
    bool? Active);

/// <summary>A record a provider could not read: its kind (<c>bout</c>, <c>event</c>), the source's id when it had one, the raw JSON and why.</summary>
internal sealed record FeedUnreadable(string Kind, string ExternalId, string Payload, string Reason);
