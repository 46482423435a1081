using System.Text;

namespace Podium.Tests.Security.Fuzzing;

/// <summary>What a field holds, as far as the page or the schema tells: it decides which bad values are aimed at it.</summary>
internal enum FieldKind
{
    Text,
    Number,
    Date,
    DateTime,
    Time,
    Boolean,
    Choice,
    Id,
    File,
}

/// <summary>A value on the wire: <see cref="Text"/> is encoded as the body or query needs; <see cref="Raw"/> bytes go in as they are.</summary>
internal readonly record struct WireValue(string? Text, byte[]? Raw)
{
    public static WireValue Of(string text) => new(text, null);

    public static WireValue Bytes(byte[] raw) => new(null, raw);

    /// <summary>The value as bytes: UTF-8 of the text, or the raw bytes.</summary>
    public byte[] ToBytes() => Raw ?? Encoding.UTF8.GetBytes(Text!);
}

/// <summary>One bad value for one field. No value leaves the field out; two send it twice.</summary>
internal sealed record Mutation(string Name, IReadOnlyList<WireValue> Values)
{
    public static Mutation Of(string name, params string[] values) => new(name, [.. values.Select(WireValue.Of)]);

    public static Mutation OfBytes(string name, byte[] raw) => new(name, [WireValue.Bytes(raw)]);
}

/// <summary>The bad values, split into those aimed at a kind of field and those every field gets.</summary>
internal static class Mutations
{
    public const int HugeLength = 100_000;
    public const string UnknownGuid = "0b4e7a4c-3f1d-4c55-9a8e-5d2f6c7b8a91";
    public const string EmptyGuid = "00000000-0000-0000-0000-000000000000";

    private static readonly string Huge = new('x', HugeLength);

    // Never UTF-8: a lone continuation byte, an overlong '/', a truncated sequence, an encoded surrogate, 0xFF.
    private static readonly byte[] InvalidUtf8 = [0x66, 0x80, 0xC0, 0xAF, 0xE2, 0x28, 0xA1, 0xED, 0xA0, 0x80, 0xFF];

    private static readonly string InvalidUtf8Escaped = string.Concat(InvalidUtf8.Select(b => $"%{b:X2}"));

    /// <summary>For a form field or a query parameter (text that is URL-encoded on the way).</summary>
    public static (IReadOnlyList<Mutation> Aimed, IReadOnlyList<Mutation> Others) ForField(FieldKind kind, string current)
    {
        // The first of each list is always sent (FuzzSettings.Pick); the rest are sampled.
        List<Mutation> strings =
        [
            Mutation.Of("nul", "fuzz\0fuzz"),
            Mutation.Of("huge", Huge),
            Mutation.Of("control-chars", "\u0001\u0008\u000b\u001b[0m\u007f\u0085"),
            Mutation.Of("crlf", "fuzz\r\nX-Injected: 1"),
            // Already percent-encoded, so the decoder meets the bytes; and the same bytes unencoded in the body.
            Mutation.OfBytes("invalid-utf8-escaped", Encoding.ASCII.GetBytes(InvalidUtf8Escaped)),
            Mutation.OfBytes("invalid-utf8-raw", InvalidUtf8),
            Mutation.Of("unicode", "\U0001D54F\u202Egnp.exe\uFEFF\u0301"),
        ];
        List<Mutation> shape =
        [
            Mutation.Of("empty", ""),
            new("missing", []),
            Mutation.Of("duplicated", current, "fuzz"),
            Mutation.Of("negative", "-1"),
            Mutation.Of("far-future", "9999-12-31T23:59:59"),
        ];

        var aimed = kind switch
        {
            FieldKind.Number => Numbers("abc"),
            FieldKind.Choice => [Mutation.Of("wrong-type", "no-such-option"), .. Numbers("no-such-option").Skip(1).Take(3)],
            FieldKind.Boolean => [Mutation.Of("wrong-type", "notabool"), Mutation.Of("two", "2"), Mutation.Of("yes", "yes")],
            FieldKind.Id => [Mutation.Of("wrong-type", "not-a-guid"), Mutation.Of("empty-guid", EmptyGuid), Mutation.Of("unknown-guid", UnknownGuid), Mutation.Of("int-overflow", "2147483648")],
            FieldKind.Date => Dates("9999-12-31", "0001-01-01", "2025-02-30"),
            FieldKind.DateTime => Dates("9999-12-31T23:59", "0001-01-01T00:00", "2025-13-32T25:61"),
            FieldKind.Time => [Mutation.Of("out-of-range", "24:00"), Mutation.Of("wrong-type", "notatime"), Mutation.Of("impossible", "99:99"), Mutation.Of("negative-time", "-01:00")],
            _ => strings,
        };
        IReadOnlyList<Mutation> others = kind is FieldKind.Text or FieldKind.File ? shape : [.. strings, .. shape];
        return (aimed, [.. others.Where(o => aimed.All(a => a.Name != o.Name))]);
    }

    /// <summary>For a JSON property: values as JSON text where the property's value goes; raw bytes where the JSON is broken on purpose.</summary>
    public static (IReadOnlyList<Mutation> Aimed, IReadOnlyList<Mutation> Others) ForJson(FieldKind kind)
    {
        List<Mutation> universal =
        [
            new("missing", []),
            Mutation.Of("null", "null"),
            Mutation.Of("empty", "\"\""),
            Mutation.Of("object", "{}"),
            Mutation.Of("array", "[1,\"a\"]"),
            Mutation.Of("huge", $"\"{Huge}\""),
            Mutation.Of("nul", "\"fuzz\\u0000fuzz\""),
            Mutation.Of("control-chars", "\"\\u0001\\u001b[0m\\u007f\""),
            Mutation.OfBytes("raw-control-chars", [(byte)'"', 0x01, 0x1B, (byte)'"']),
            Mutation.OfBytes("invalid-utf8", [(byte)'"', .. InvalidUtf8, (byte)'"']),
            Mutation.Of("lone-surrogate", "\"\\uD800\""),
            Mutation.Of("negative", "-1"),
            Mutation.Of("far-future", "\"9999-12-31T23:59:59.9999999Z\""),
        ];
        List<Mutation> aimed = kind switch
        {
            FieldKind.Number =>
            [
                Mutation.Of("wrong-type", "\"abc\""), Mutation.Of("number-as-string", "\"1\""), Mutation.Of("boolean", "true"),
                Mutation.Of("int-overflow", "2147483648"), Mutation.Of("long-overflow", "-9223372036854775809"),
                Mutation.Of("huge-number", "1e400"), Mutation.Of("fraction", "1.5"), Mutation.Of("nan", "NaN"),
            ],
            FieldKind.Boolean => [Mutation.Of("wrong-type", "\"notabool\""), Mutation.Of("number", "1"), Mutation.Of("bool-as-string", "\"true\"")],
            FieldKind.Id => [Mutation.Of("wrong-type", "\"not-a-guid\""), Mutation.Of("empty-guid", $"\"{EmptyGuid}\""), Mutation.Of("unknown-guid", $"\"{UnknownGuid}\""), Mutation.Of("number", "123")],
            FieldKind.Date or FieldKind.DateTime =>
            [
                Mutation.Of("far-future-local", "\"9999-12-31T23:59:59\""), Mutation.Of("wrong-type", "\"notadate\""), Mutation.Of("far-past", "\"0001-01-01T00:00:00Z\""),
                Mutation.Of("impossible", "\"2025-02-30T25:61:00Z\""), Mutation.Of("number", "0"),
            ],
            _ => [Mutation.Of("nul", "\"fuzz\\u0000fuzz\""), Mutation.Of("wrong-type", "123"), Mutation.Of("boolean", "false")],
        };
        return (aimed, [.. universal.Where(u => aimed.All(a => a.Name != u.Name))]);
    }

    /// <summary>For a path segment (an id in the route): already URL-encoded text.</summary>
    public static (IReadOnlyList<Mutation> Aimed, IReadOnlyList<Mutation> Others) ForSegment(FieldKind kind)
    {
        List<Mutation> universal =
        [
            Mutation.Of("wrong-type", "abc"),
            Mutation.Of("negative", "-1"),
            Mutation.Of("huge", new string('x', 4_000)),
            Mutation.Of("nul", "fuzz%00fuzz"),
            Mutation.Of("control-chars", "%01%1B%7F"),
            Mutation.Of("invalid-utf8", InvalidUtf8Escaped),
            Mutation.Of("unicode", "%F0%9D%95%8F%E2%80%AE"),
            Mutation.Of("dot-segments", "..%2F..%2Fadmin"),
            Mutation.Of("space", "%20"),
        ];
        List<Mutation> aimed = kind switch
        {
            FieldKind.Id => [Mutation.Of("empty-guid", EmptyGuid), Mutation.Of("unknown-guid", UnknownGuid), Mutation.Of("int-overflow", "2147483648")],
            _ => [Mutation.Of("zero", "0"), Mutation.Of("int-overflow", "2147483648"), Mutation.Of("huge-number", "99999999999999999999"), Mutation.Of("far-future", "9999")],
        };
        return (aimed, universal);
    }

    private static List<Mutation> Numbers(string wrongType) =>
    [
        Mutation.Of("wrong-type", wrongType),
        Mutation.Of("negative", "-1"),
        Mutation.Of("int-overflow", "2147483648"),
        Mutation.Of("long-overflow", "-9223372036854775809"),
        Mutation.Of("huge-number", "1e308"),
        Mutation.Of("many-digits", "99999999999999999999999999999999"),
        Mutation.Of("fraction", "1.5"),
        Mutation.Of("comma-decimal", "1,5"),
        Mutation.Of("nan", "NaN"),
        Mutation.Of("infinity", "Infinity"),
        Mutation.Of("hex", "0x1A"),
    ];

    private static List<Mutation> Dates(string farFuture, string farPast, string impossible) =>
    [
        Mutation.Of("far-future", farFuture),
        Mutation.Of("wrong-type", "notadate"),
        Mutation.Of("far-past", farPast),
        Mutation.Of("impossible", impossible),
        Mutation.Of("negative", "-1"),
    ];
}
