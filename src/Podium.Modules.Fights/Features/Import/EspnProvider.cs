using System.Globalization;
using System.Text.Json;
using Podium.Modules.Fights.Domain;
using Podium.Modules.Fights.Model;
using Podium.Platform.Api;
using Podium.Platform.Feeds;

namespace Podium.Modules.Fights.Features.Import;

/// <summary>
/// ESPN's public MMA JSON: the scoreboard lists the events between two dates with their bouts (ESPN's "competitions"),
/// and each event's summary adds what the scoreboard leaves out (odds, the venue). The scoreboard is required: when it
/// fails or is not the expected shape the chain moves on (to the last good data). A summary that fails leaves its event
/// as the scoreboard gave it. A bout that cannot be read (one fighter, no id) is handed to the import as unreadable.
/// </summary>
internal sealed class EspnProvider : IFeedProvider<MmaScheduleRequest, MmaSchedule>
{
    public const string SourceKey = "espn";
    public const string Organisation = "UFC";

    /// <summary>ESPN's site API for the UFC; operators point it elsewhere (a mirror, a stub) on <c>/admin/feeds</c>.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://site.api.espn.com/apis/site/v2/sports/mma/ufc/");

    string IFeedProvider<MmaScheduleRequest, MmaSchedule>.SourceKey => SourceKey;

    public async Task<MmaSchedule> FetchAsync(MmaScheduleRequest request, HttpClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        using var scoreboard = await GetJsonAsync(client, $"scoreboard?dates={request.From:yyyyMMdd}-{request.To:yyyyMMdd}", cancellationToken);
        if (scoreboard.RootElement.ValueKind != JsonValueKind.Object
            || !scoreboard.RootElement.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
        {
            throw new FeedDataException("ESPN's scoreboard has no list of events.");
        }

        var read = new List<FeedEvent>();
        var unreadable = new List<FeedUnreadable>();
        foreach (var item in events.EnumerateArray())
        {
            var id = Text(item, "id");
            var name = Text(item, "name");
            var date = Instant(item, "date");
            if (id is null || name is null || date is null)
            {
                unreadable.Add(new FeedUnreadable("event", id ?? "", item.GetRawText(), "An event needs an id, a name and a date."));
                continue;
            }

            JsonDocument? summary = null;
            try
            {
                summary = await GetJsonAsync(client, $"summary?event={Uri.EscapeDataString(id)}", cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or FeedDataException or TimeoutException or OperationCanceledException
                or Polly.ExecutionRejectedException && !cancellationToken.IsCancellationRequested)
            {
                // The scoreboard's card stands: partial (no odds), never nothing.
            }

            using (summary)
            {
                read.Add(ReadEvent(item, id, name, date.Value, summary?.RootElement, unreadable));
            }
        }

        return new MmaSchedule(read, unreadable);
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(path, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        try
        {
            return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new FeedDataException($"ESPN answered {path.Split('?')[0]} with malformed JSON.", ex);
        }
    }

    private static FeedEvent ReadEvent(JsonElement item, string id, string name, DateTime date, JsonElement? summary, List<FeedUnreadable> unreadable)
    {
        var state = item.TryGetProperty("status", out var status) ? status : default;
        var competitions = Competitions(summary) ?? (item.TryGetProperty("competitions", out var c) && c.ValueKind == JsonValueKind.Array ? c : (JsonElement?)null);
        var venue = Venue(summary) ?? Venue(item);
        var bouts = new List<FeedBout>();
        if (competitions is { } list)
        {
            var position = 0;
            foreach (var competition in list.EnumerateArray())
            {
                position++;
                var bout = ReadBout(competition, position, out var reason);
                if (bout is null)
                {
                    unreadable.Add(new FeedUnreadable("bout", Text(competition, "id") ?? "", competition.GetRawText(), reason!));
                    continue;
                }

                bouts.Add(bout);
            }
        }

        return new FeedEvent(id, name, Organisation, date, venue?.Name, venue?.City, venue?.Country, EventStatusOf(state), bouts);
    }

    // The summary's bouts: under its header, at its top, or per card segment, as ESPN's answers vary.
    private static JsonElement? Competitions(JsonElement? summary)
    {
        if (summary is not { ValueKind: JsonValueKind.Object } root)
        {
            return null;
        }

        if (root.TryGetProperty("header", out var header) && header.TryGetProperty("competitions", out var inHeader) && inHeader.ValueKind == JsonValueKind.Array && inHeader.GetArrayLength() > 0)
        {
            return inHeader;
        }

        return root.TryGetProperty("competitions", out var top) && top.ValueKind == JsonValueKind.Array && top.GetArrayLength() > 0 ? top : null;
    }

    private sealed record Place(string? Name, string? City, string? Country);

    private static Place? Venue(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.Object } root)
        {
            return null;
        }

        JsonElement venue;
        if (root.TryGetProperty("gameInfo", out var info) && info.TryGetProperty("venue", out var v))
        {
            venue = v;
        }
        else if (root.TryGetProperty("venues", out var vs) && vs.ValueKind == JsonValueKind.Array && vs.GetArrayLength() > 0)
        {
            venue = vs[0];
        }
        else
        {
            return null;
        }

        var address = venue.ValueKind == JsonValueKind.Object && venue.TryGetProperty("address", out var a) ? a : default;
        return new Place(Text(venue, "fullName"), Text(address, "city"), Text(address, "country"));
    }

    private static FeedBout? ReadBout(JsonElement competition, int position, out string? reason)
    {
        reason = null;
        var id = Text(competition, "id");
        if (id is null)
        {
            reason = "A bout needs an id.";
            return null;
        }

        if (!competition.TryGetProperty("competitors", out var competitors) || competitors.ValueKind != JsonValueKind.Array || competitors.GetArrayLength() != 2)
        {
            reason = "A bout needs exactly two competitors.";
            return null;
        }

        // Corner A is the competitor ESPN lists first (order 1), as the card prints the bout.
        var pair = competitors.EnumerateArray().OrderBy(x => Number(x, "order") ?? 99).ToList();
        var a = ReadFighter(pair[0]);
        var b = ReadFighter(pair[1]);
        if (a is null || b is null)
        {
            reason = "Each competitor needs an athlete with an id and a name.";
            return null;
        }

        var status = competition.TryGetProperty("status", out var s) ? s : default;
        var type = status.ValueKind == JsonValueKind.Object && status.TryGetProperty("type", out var t) ? t : default;
        var cancelled = (Text(type, "name") ?? "").Contains("CANCEL", StringComparison.OrdinalIgnoreCase);
        var completed = type.ValueKind == JsonValueKind.Object && type.TryGetProperty("completed", out var done) && done.ValueKind == JsonValueKind.True;
        var rounds = competition.TryGetProperty("format", out var format) && format.TryGetProperty("regulation", out var regulation) ? Number(regulation, "periods") : null;
        var weightClass = competition.TryGetProperty("type", out var kind) ? WeightClassOf(Text(kind, "text") ?? Text(kind, "abbreviation")) : null;
        var order = competition.TryGetProperty("orderDetails", out var details) ? Number(details, "order") : null;
        var home = pair.FindIndex(x => Text(x, "homeAway") == "home");
        return new FeedBout(
            id,
            order ?? position,
            weightClass ?? WeightClass.Catchweight,
            rounds ?? 3,
            competition.TryGetProperty("titleFight", out var title) && title.ValueKind == JsonValueKind.True,
            a,
            b,
            Instant(competition, "date"),
            cancelled,
            completed && !cancelled ? ResultOf(status, pair) : null,
            OddsOf(competition, home < 0 ? 0 : home));
    }

    private static FeedFighter? ReadFighter(JsonElement competitor)
    {
        var athlete = competitor.TryGetProperty("athlete", out var x) && x.ValueKind == JsonValueKind.Object ? x : default;
        var id = Text(athlete, "id") ?? Text(competitor, "id");
        var name = Text(athlete, "fullName") ?? Text(athlete, "displayName");
        if (id is null || name is null)
        {
            return null;
        }

        var born = Instant(athlete, "dateOfBirth");
        var country = athlete.ValueKind == JsonValueKind.Object && athlete.TryGetProperty("flag", out var flag) ? Text(flag, "alt") : null;
        return new FeedFighter(
            id, name, Text(athlete, "nickname"), born is { } d ? DateOnly.FromDateTime(d) : null, country ?? Text(athlete, "citizenship"),
            WeightClassOf(athlete.ValueKind == JsonValueKind.Object && athlete.TryGetProperty("weightClass", out var w) ? Text(w, "text") : null),
            StanceOf(athlete.ValueKind == JsonValueKind.Object && athlete.TryGetProperty("stance", out var st) ? Text(st, "text") : null),
            Centimetres(Decimal(athlete, "height")), Centimetres(Decimal(athlete, "reach")), null, null,
            RecordOf(Text(competitor, "record") ?? FirstRecord(competitor)), null, null);
    }

    private static string? FirstRecord(JsonElement competitor) =>
        competitor.TryGetProperty("records", out var records) && records.ValueKind == JsonValueKind.Array && records.GetArrayLength() > 0 ? Text(records[0], "summary") : null;

    private static BoutResult? ResultOf(JsonElement status, List<JsonElement> pair)
    {
        var result = status.TryGetProperty("result", out var r) ? r : default;
        var method = (Text(result, "name") ?? Text(result, "displayName") ?? "").ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal).Replace("/", "", StringComparison.Ordinal);
        var round = Number(status, "period");
        TimeSpan? time = TimeSpan.TryParseExact(Text(status, "displayClock"), [@"m\:ss", @"mm\:ss"], CultureInfo.InvariantCulture, out var clock) ? clock : null;
        if (method.Contains("draw", StringComparison.Ordinal))
        {
            return new BoutResult(BoutOutcome.Draw, DecisionOf(method), round, time);
        }

        if (method is "nc" or "nocontest" || method.Contains("nocontest", StringComparison.Ordinal))
        {
            return new BoutResult(BoutOutcome.NoContest, null, round, time);
        }

        var winner = pair.FindIndex(c => c.TryGetProperty("winner", out var won) && won.ValueKind == JsonValueKind.True);
        if (winner < 0)
        {
            return null;
        }

        var finish = method switch
        {
            _ when method.Contains("ko", StringComparison.Ordinal) => FinishMethod.KoTko,
            _ when method.StartsWith("sub", StringComparison.Ordinal) => FinishMethod.Submission,
            _ when method is "dq" || method.StartsWith("disq", StringComparison.Ordinal) => FinishMethod.Disqualification,
            _ => DecisionOf(method),
        };
        return BoutResult.WinFor(winner == 0 ? Corner.A : Corner.B, finish, round, time);
    }

    private static FinishMethod DecisionOf(string method) =>
        method.StartsWith('s') ? FinishMethod.SplitDecision : method.StartsWith('m') ? FinishMethod.MajorityDecision : FinishMethod.UnanimousDecision;

    // ESPN's lines carry no time: the import stamps them when read and keeps one only when it moved.
    private static List<OddsSnapshot> OddsOf(JsonElement competition, int homeIndex)
    {
        if (!competition.TryGetProperty("odds", out var odds) || odds.ValueKind != JsonValueKind.Array || odds.GetArrayLength() == 0)
        {
            return [];
        }

        var line = odds[0];
        var home = line.TryGetProperty("homeAthleteOdds", out var h) ? Number(h, "moneyLine") : null;
        var away = line.TryGetProperty("awayAthleteOdds", out var w) ? Number(w, "moneyLine") : null;
        if (home is null || away is null)
        {
            return [];
        }

        return [homeIndex == 0 ? new OddsSnapshot(default, home.Value, away.Value) : new OddsSnapshot(default, away.Value, home.Value)];
    }

    private static EventStatus EventStatusOf(JsonElement status)
    {
        var type = status.ValueKind == JsonValueKind.Object && status.TryGetProperty("type", out var t) ? t : default;
        if ((Text(type, "name") ?? "").Contains("CANCEL", StringComparison.OrdinalIgnoreCase) || (Text(type, "name") ?? "").Contains("POSTPONE", StringComparison.OrdinalIgnoreCase))
        {
            return EventStatus.Cancelled;
        }

        return Text(type, "state") switch
        {
            "in" => EventStatus.Live,
            "post" => EventStatus.Completed,
            _ => EventStatus.Scheduled,
        };
    }

    internal static WeightClass? WeightClassOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var key = new string([.. text.Where(char.IsLetter)]).ToLowerInvariant();
        var womens = key.StartsWith("women", StringComparison.Ordinal);
        key = womens ? key.Replace("womens", "", StringComparison.Ordinal).Replace("women", "", StringComparison.Ordinal) : key;
        WeightClass? menOrAll = key switch
        {
            "strawweight" => WeightClass.Strawweight,
            "flyweight" => WeightClass.Flyweight,
            "bantamweight" => WeightClass.Bantamweight,
            "featherweight" => WeightClass.Featherweight,
            "lightweight" => WeightClass.Lightweight,
            "welterweight" => WeightClass.Welterweight,
            "middleweight" => WeightClass.Middleweight,
            "lightheavyweight" => WeightClass.LightHeavyweight,
            "heavyweight" => WeightClass.Heavyweight,
            "catchweight" => WeightClass.Catchweight,
            _ => null,
        };
        return (womens, menOrAll) switch
        {
            (true, WeightClass.Strawweight) => WeightClass.WomensStrawweight,
            (true, WeightClass.Flyweight) => WeightClass.WomensFlyweight,
            (true, WeightClass.Bantamweight) => WeightClass.WomensBantamweight,
            (true, WeightClass.Featherweight) => WeightClass.WomensFeatherweight,
            (true, _) => null,
            _ => menOrAll,
        };
    }

    private static Stance? StanceOf(string? text) => ApiEnums.TryParse<Stance>(text, out var stance) ? stance : null;

    private static FightRecord? RecordOf(string? text)
    {
        var parts = (text ?? "").Split(' ', 2)[0].Split('-');
        return parts.Length == 3 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var w) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var l)
            && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var d) && w >= 0 && l >= 0 && d >= 0
            ? new FightRecord(w, l, d, 0)
            : null;
    }

    // ESPN gives heights and reaches in inches.
    private static int? Centimetres(decimal? inches) => inches is { } i ? (int)Math.Round(i * 2.54m, MidpointRounding.AwayFromZero) : null;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String when !string.IsNullOrWhiteSpace(value.GetString()) => value.GetString()!.Trim(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static int? Number(JsonElement element, string name) =>
        int.TryParse(Text(element, name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static decimal? Decimal(JsonElement element, string name) =>
        decimal.TryParse(Text(element, name), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static DateTime? Instant(JsonElement element, string name) =>
        DateTimeOffset.TryParse(Text(element, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.UtcDateTime : null;
}
