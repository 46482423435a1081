using System.Globalization;
using System.Text.Json;

namespace Podium.Tests.Fights.Feeds;

/// <summary>One competitor as ESPN's MMA JSON gives it (heights and reaches in inches).</summary>
public sealed record EspnAthlete(string Id, string Name, string? Country = "Brazil", double? HeightInches = 70, double? ReachInches = 72, string? Born = "1994-03-02T00:00Z", string Record = "12-3-0");

/// <summary>One bout (ESPN's "competition"): winner 0 or 1 (index into the pair), a result name ("kotko", "sub", "udec", "draw", "nc").</summary>
public sealed record EspnBout(
    string Id, EspnAthlete A, EspnAthlete B, DateTime Date, string WeightClass = "Lightweight", int Rounds = 3, int? Order = null,
    int? Winner = null, string? Result = null, int? Period = null, string? Clock = null, int? HomeMoneyline = null, int? AwayMoneyline = null,
    bool OmitB = false);

public sealed record EspnEvent(string Id, string Name, DateTime Date, string State, IReadOnlyList<EspnBout> Bouts);

/// <summary>Writes ESPN-shaped scoreboard and summary answers (the shapes of site.api.espn.com's MMA endpoints).</summary>
public static class EspnJson
{
    public static string Scoreboard(params EspnEvent[] events) => JsonSerializer.Serialize(new
    {
        leagues = new[] { new { id = "3321", name = "UFC", abbreviation = "UFC" } },
        events = events.Select(e => new
        {
            id = e.Id,
            uid = $"s:3301~l:3321~e:{e.Id}",
            date = Date(e.Date),
            name = e.Name,
            shortName = e.Name.Split(':')[0],
            status = Status(e.State),
            venues = new[] { new { fullName = "T-Mobile Arena", address = new { city = "Las Vegas", country = "USA" } } },
            // The scoreboard's bouts carry no odds: the summary adds them.
            competitions = e.Bouts.Select(b => Competition(b, withOdds: false)),
        }),
    });

    public static string Summary(EspnEvent e) => JsonSerializer.Serialize(new
    {
        header = new { id = e.Id, name = e.Name, competitions = e.Bouts.Select(b => Competition(b, withOdds: true)) },
        gameInfo = new { venue = new { fullName = "T-Mobile Arena", address = new { city = "Las Vegas", country = "USA" } } },
    });

    private static object Status(string state) => new
    {
        type = new { id = state == "post" ? "3" : state == "in" ? "2" : "1", name = state == "post" ? "STATUS_FINAL" : state == "in" ? "STATUS_IN_PROGRESS" : "STATUS_SCHEDULED", state, completed = state == "post" },
    };

    private static Dictionary<string, object?> Competition(EspnBout b, bool withOdds)
    {
        var competitors = new List<object> { Competitor(b.A, 1, "home", b.Winner == 0) };
        if (!b.OmitB)
        {
            competitors.Add(Competitor(b.B, 2, "away", b.Winner == 1));
        }

        var done = b.Result is not null;
        var status = new Dictionary<string, object?>
        {
            ["type"] = new { name = done ? "STATUS_FINAL" : "STATUS_SCHEDULED", state = done ? "post" : "pre", completed = done },
            ["period"] = b.Period,
            ["displayClock"] = b.Clock,
        };
        if (done)
        {
            status["result"] = new { name = b.Result, displayName = b.Result!.ToUpperInvariant() };
        }

        var competition = new Dictionary<string, object?>
        {
            ["id"] = b.Id,
            ["date"] = Date(b.Date),
            ["type"] = new { id = "1", abbreviation = b.WeightClass, text = b.WeightClass },
            ["format"] = new { regulation = new { periods = b.Rounds } },
            ["status"] = status,
            ["competitors"] = competitors,
        };
        if (b.Order is { } order)
        {
            competition["orderDetails"] = new { order };
        }

        if (withOdds && b.HomeMoneyline is { } home && b.AwayMoneyline is { } away)
        {
            competition["odds"] = new[] { new { provider = new { name = "ESPN BET" }, homeAthleteOdds = new { moneyLine = home }, awayAthleteOdds = new { moneyLine = away } } };
        }

        return competition;
    }

    private static object Competitor(EspnAthlete a, int order, string homeAway, bool winner) => new
    {
        id = a.Id,
        type = "athlete",
        order,
        homeAway,
        winner,
        athlete = new
        {
            id = a.Id,
            fullName = a.Name,
            displayName = a.Name,
            flag = a.Country is null ? null : new { alt = a.Country },
            height = a.HeightInches,
            reach = a.ReachInches,
            dateOfBirth = a.Born,
        },
        records = new[] { new { name = "overall", type = "total", summary = a.Record } },
    };

    // ESPN's dates: UTC to the minute, "2026-12-12T23:00Z".
    private static string Date(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
}
