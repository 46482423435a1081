using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Podium.Platform.Feeds;

/// <summary>
/// Where a record's data came from, carried by every record a module imports so pages can label it: <c>real</c>
/// (a live feed answered), <c>cached</c> (the feeds were down; the last good data was served), <c>sample</c> (bundled
/// sample data, which must never be shown as real). Stored and serialised as those words.
/// </summary>
[JsonConverter(typeof(FeedProvenanceJsonConverter))]
public enum FeedProvenance
{
    Real,
    Cached,
    Sample,
}

public static class FeedProvenances
{
    public const int MaxLength = 16;

    // The stored words are the members' names in lower case, so a member and its word cannot drift apart.
    private static readonly Dictionary<string, FeedProvenance> ByValue =
        Enum.GetValues<FeedProvenance>().ToDictionary(p => p.ToString().ToLowerInvariant(), StringComparer.Ordinal);

    private static readonly Dictionary<FeedProvenance, string> Values = ByValue.ToDictionary(p => p.Value, p => p.Key);

    public static string ToValue(this FeedProvenance provenance) =>
        Values.TryGetValue(provenance, out var value) ? value : throw new ArgumentOutOfRangeException(nameof(provenance));

    public static FeedProvenance Parse(string value) =>
        ByValue.TryGetValue(value, out var provenance) ? provenance : throw new FormatException($"'{value}' is not a feed provenance ({string.Join(", ", ByValue.Keys)}).");

    /// <summary>Stores the property as <c>real</c>/<c>cached</c>/<c>sample</c> (16 characters): <c>builder.Property(x => x.Provenance).HasFeedProvenanceConversion()</c>.</summary>
    public static PropertyBuilder<FeedProvenance> HasFeedProvenanceConversion(this PropertyBuilder<FeedProvenance> property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.HasConversion(new FeedProvenanceConverter()).HasMaxLength(MaxLength);
    }
}

/// <summary>The EF Core converter behind <see cref="FeedProvenances.HasFeedProvenanceConversion"/>.</summary>
public sealed class FeedProvenanceConverter() : ValueConverter<FeedProvenance, string>(p => p.ToValue(), s => FeedProvenances.Parse(s));

internal sealed class FeedProvenanceJsonConverter : JsonConverter<FeedProvenance>
{
    public override FeedProvenance Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return FeedProvenances.Parse(reader.GetString() ?? "");
        }
        catch (FormatException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, FeedProvenance value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToValue());
}
