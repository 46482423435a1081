using System.Text;
using System.Text.Json;

namespace Podium.Modules.Pools.Domain;

/// <summary>A rules field that is wrong, and why; <c>Field</c> is its JSON path (<c>buybacks.lastWeek</c>, <c>tieBreakers[1]</c>).</summary>
internal sealed record RulesError(string Field, string Reason)
{
    public override string ToString() => Field.Length == 0 ? Reason : $"{Field}: {Reason}";
}

/// <summary>
/// The rules object's JSON, the pool's stored form and the import format: <c>{"kind":"survivor",…}</c> or
/// <c>{"kind":"pickem",…}</c>. Fields left out take the defaults; anything else the reader does not know (a field, a
/// value, a type) is an error naming the field, so a typo never silently plays the pool under a default.
/// </summary>
internal static class RulesJson
{
    private const int MaxLives = 99;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 8 };

    /// <summary>The rules, or every error found (then <c>Rules</c> is null).</summary>
    public static (PoolRules? Rules, IReadOnlyList<RulesError> Errors) Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return (null, [new RulesError("", $"not valid JSON ({ex.Message})")]);
        }

        using (document)
        {
            var errors = new List<RulesError>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, [new RulesError("", "the rules must be a JSON object")]);
            }

            var reader = new Reader(root, "", errors);
            PoolRules? rules = reader.Enum<PoolKind>("kind", null) switch
            {
                PoolKind.Survivor => ReadSurvivor(reader),
                PoolKind.Pickem => ReadPickem(reader),
                _ => null,
            };
            if (rules is null && !errors.Any(e => e.Field == "kind"))
            {
                errors.Add(new RulesError("kind", "required: survivor or pickem"));
            }

            // Without a kind there is no telling which fields are unknown.
            if (rules is not null)
            {
                reader.RejectUnknown();
            }

            return errors.Count == 0 ? (rules, []) : (null, errors);
        }
    }

    private static SurvivorRules ReadSurvivor(Reader reader)
    {
        var defaults = new SurvivorRules();
        var includePlayoffs = reader.Bool("includePlayoffs", defaults.IncludePlayoffs);
        var lastWeek = includePlayoffs ? Season.LastPlayoffWeek : Season.LastRegularWeek;
        var buybacks = defaults.Buybacks;
        if (reader.Object("buybacks") is { } inner)
        {
            buybacks = new BuybackRules(
                inner.Bool("enabled", buybacks.Enabled),
                inner.Int("lastWeek", buybacks.LastWeek, 0, lastWeek),
                inner.Int("maxPerEntry", buybacks.MaxPerEntry, 0, int.MaxValue));
            inner.RejectUnknown();
        }

        return new SurvivorRules(reader.Version())
        {
            StartWeek = reader.Int("startWeek", defaults.StartWeek, Season.FirstWeek, lastWeek),
            Lives = reader.Int("lives", defaults.Lives, 1, MaxLives),
            DoublePickWeeks = reader.Weeks("doublePickWeeks", lastWeek),
            TeamReuse = reader.Enum("teamReuse", defaults.TeamReuse),
            Tie = reader.Enum("tie", defaults.Tie, PickOutcome.Win, PickOutcome.Loss),
            Postponed = reader.Enum("postponed", defaults.Postponed),
            MissedPick = reader.Enum("missedPick", defaults.MissedPick),
            MaxAutoPicks = reader.Int("maxAutoPicks", defaults.MaxAutoPicks, 0, Season.LastPlayoffWeek),
            Buybacks = buybacks,
            NoSurvivors = reader.Enum("noSurvivors", defaults.NoSurvivors),
            IncludePlayoffs = includePlayoffs,
            TieBreakers = reader.TieBreakers("tieBreakers") ?? defaults.TieBreakers,
        };
    }

    private static PickemRules ReadPickem(Reader reader) => new(reader.Version())
    {
        Scoring = reader.Enum("scoring", PickemScoring.Straight),
        PushPoints = reader.PushPoints("pushPoints"),
        TiebreakGame = reader.Enum("tiebreakGame", TiebreakGame.LastOfWeek),
    };

    /// <summary>Every field written out, defaults too, so a stored copy reads the same if a default ever changes.</summary>
    public static string Write(PoolRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("kind", Name(rules.Kind));
            json.WriteNumber("version", rules.Version);
            if (rules is SurvivorRules survivor)
            {
                json.WriteNumber("startWeek", survivor.StartWeek);
                json.WriteNumber("lives", survivor.Lives);
                json.WriteStartArray("doublePickWeeks");
                foreach (var week in survivor.DoublePickWeeks)
                {
                    json.WriteNumberValue(week);
                }

                json.WriteEndArray();
                json.WriteString("teamReuse", Name(survivor.TeamReuse));
                json.WriteString("tie", Name(survivor.Tie));
                json.WriteString("postponed", Name(survivor.Postponed));
                json.WriteString("missedPick", Name(survivor.MissedPick));
                json.WriteNumber("maxAutoPicks", survivor.MaxAutoPicks);
                json.WriteStartObject("buybacks");
                json.WriteBoolean("enabled", survivor.Buybacks.Enabled);
                json.WriteNumber("lastWeek", survivor.Buybacks.LastWeek);
                json.WriteNumber("maxPerEntry", survivor.Buybacks.MaxPerEntry);
                json.WriteEndObject();
                json.WriteString("noSurvivors", Name(survivor.NoSurvivors));
                json.WriteBoolean("includePlayoffs", survivor.IncludePlayoffs);
                json.WriteStartArray("tieBreakers");
                foreach (var tieBreaker in survivor.TieBreakers)
                {
                    json.WriteStringValue(Name(tieBreaker));
                }

                json.WriteEndArray();
            }
            else if (rules is PickemRules pickem)
            {
                json.WriteString("scoring", Name(pickem.Scoring));
                json.WriteNumber("pushPoints", pickem.PushPoints);
                json.WriteString("tiebreakGame", Name(pickem.TiebreakGame));
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>An enum value as the rules JSON spells it (<c>playoffReset</c>, <c>autoPick</c>).</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static string Names<TEnum>(IEnumerable<TEnum> values)
        where TEnum : struct, Enum => string.Join(", ", values.Select(Name));

    /// <summary>Reads one JSON object's fields, noting each it read so the rest can be refused as unknown.</summary>
    private sealed class Reader(JsonElement element, string path, List<RulesError> errors)
    {
        private readonly HashSet<string> _read = new(StringComparer.Ordinal);

        private string Path(string field) => path.Length == 0 ? field : $"{path}.{field}";

        private void Fail(string field, string reason) => errors.Add(new RulesError(field, reason));

        private JsonElement? Field(string name)
        {
            _read.Add(name);
            return element.TryGetProperty(name, out var value) ? value : null;
        }

        public void RejectUnknown()
        {
            foreach (var property in element.EnumerateObject())
            {
                if (!_read.Contains(property.Name))
                {
                    Fail(Path(property.Name), "unknown rule");
                }
            }
        }

        public int Version() => Int("version", 1, 1, int.MaxValue);

        public int Int(string name, int fallback, int min, int max)
        {
            if (Field(name) is not { } value)
            {
                return fallback;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
            {
                Fail(Path(name), "must be a whole number");
                return fallback;
            }

            if (number < min || number > max)
            {
                Fail(Path(name), max == int.MaxValue ? $"must be at least {min}" : $"must be from {min} to {max}");
                return fallback;
            }

            return number;
        }

        public bool Bool(string name, bool fallback)
        {
            switch (Field(name))
            {
                case null:
                    return fallback;
                case { ValueKind: JsonValueKind.True }:
                    return true;
                case { ValueKind: JsonValueKind.False }:
                    return false;
                default:
                    Fail(Path(name), "must be true or false");
                    return fallback;
            }
        }

        public TEnum Enum<TEnum>(string name, TEnum fallback, params TEnum[] allowed)
            where TEnum : struct, Enum =>
            Enum(name, (TEnum?)fallback, allowed) ?? fallback;

        public TEnum? Enum<TEnum>(string name, TEnum? fallback, params TEnum[] allowed)
            where TEnum : struct, Enum
        {
            if (Field(name) is not { } value)
            {
                return fallback;
            }

            var choices = allowed.Length > 0 ? allowed : System.Enum.GetValues<TEnum>();
            if (EnumValue(value, choices) is { } chosen)
            {
                return chosen;
            }

            Fail(Path(name), $"must be one of {Names(choices)}");
            return fallback;
        }

        private static TEnum? EnumValue<TEnum>(JsonElement value, TEnum[] choices)
            where TEnum : struct, Enum
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var text = value.GetString();
            return choices.Where(c => Name(c) == text).Select(c => (TEnum?)c).FirstOrDefault();
        }

        public Reader? Object(string name)
        {
            if (Field(name) is not { } value)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Object)
            {
                Fail(Path(name), "must be an object");
                return null;
            }

            return new Reader(value, Path(name), errors);
        }

        public IReadOnlyList<int> Weeks(string name, int lastWeek)
        {
            if (Field(name) is not { } value)
            {
                return [];
            }

            if (value.ValueKind != JsonValueKind.Array)
            {
                Fail(Path(name), "must be a list of weeks");
                return [];
            }

            var weeks = new List<int>();
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                var field = $"{Path(name)}[{index++}]";
                if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var week))
                {
                    Fail(field, "must be a whole number");
                }
                else if (week < Season.FirstWeek || week > lastWeek)
                {
                    Fail(field, $"must be a week from {Season.FirstWeek} to {lastWeek}");
                }
                else if (weeks.Contains(week))
                {
                    Fail(field, $"week {week} is listed twice");
                }
                else
                {
                    weeks.Add(week);
                }
            }

            return weeks;
        }

        public IReadOnlyList<SurvivorTieBreaker>? TieBreakers(string name)
        {
            if (Field(name) is not { } value)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Array)
            {
                Fail(Path(name), "must be a list of tie-breakers");
                return null;
            }

            var choices = System.Enum.GetValues<SurvivorTieBreaker>();
            var list = new List<SurvivorTieBreaker>();
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                var field = $"{Path(name)}[{index++}]";
                if (EnumValue(item, choices) is not { } tieBreaker)
                {
                    Fail(field, $"unknown tie-breaker (known: {Names(choices)})");
                }
                else if (list.Contains(tieBreaker))
                {
                    Fail(field, $"{Name(tieBreaker)} is listed twice");
                }
                else
                {
                    list.Add(tieBreaker);
                }
            }

            return list;
        }

        public decimal PushPoints(string name)
        {
            if (Field(name) is not { } value)
            {
                return 0m;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var points) && points is 0m or 0.5m)
            {
                return points;
            }

            Fail(Path(name), "must be 0 or 0.5");
            return 0m;
        }
    }
}
