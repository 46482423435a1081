using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Podium.Platform.Data;

/// <summary>
/// Every <see cref="DateTime"/> column holds a UTC instant (the house rule), but SQLite hands values back with
/// <see cref="DateTimeKind.Unspecified"/>: JSON then writes them without a zone and <see cref="TimeZoneInfo"/> takes
/// them for local time. Marking them UTC as they are read makes both providers agree, for every entity at once.
/// </summary>
/// <remarks>
/// Values are written as given: PostgreSQL's driver still refuses a non-UTC instant, which is the check we want.
/// </remarks>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value,
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
