using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Podium.Modules.Club.Features.Standings;
using Podium.Platform.Data;
using Podium.Platform.Modules.Formats;

namespace Podium.Modules.Club.Features.Exports;

/// <summary>Downloads next to the pages they mirror: standings and a tournament's results as CSV, and a printable PDF sheet.</summary>
internal static class ClubExports
{
    public static IEndpointRouteBuilder MapClubExports(this IEndpointRouteBuilder endpoints)
    {
        var club = endpoints.MapGroup("/club").AllowAnonymous().ExcludeFromDescription();
        club.MapGet("/standings/{year:int}.csv", StandingsCsv);
        club.MapGet("/tournaments/{id:guid}/results.csv", ResultsCsv);
        club.MapGet("/tournaments/{id:guid}/team-results.csv", TeamResultsCsv);
        club.MapGet("/tournaments/{id:guid}/results.pdf", ResultsPdfFile);
        return endpoints;
    }

    internal static async Task<Results<FileContentHttpResult, NotFound>> StandingsCsv(int year, ClubStandings standings, CancellationToken cancellationToken)
    {
        if (year is < ClubStandingsApi.FirstSeason or > ClubStandingsApi.LastSeason)
        {
            return TypedResults.NotFound();
        }

        var board = await standings.GetSeasonAsync(year, cancellationToken);
        var header = new[] { "rank", "angler" }
            .Concat(board.Tournaments.Select(t => $"{t.Name} ({t.StartsAt:yyyy-MM-dd})"))
            .Concat(["points", "tournaments", "fish", "weight_lb", "big_bass_lb"]);
        var rows = board.Lines.Select(l => new[] { Number(l.Rank), l.AnglerName }
            .Concat(l.PointsByTournament.Select(p => p is { } points ? Number(points) : ""))
            .Concat([Number(l.Points), Number(l.TournamentsFished), Number(l.Fish), Weight.Pounds(l.NetWeight), Weight.Pounds(l.BiggestBass)]));
        return CsvText.File(rows.Prepend(header), $"standings-{year}.csv");
    }

    internal static async Task<Results<FileContentHttpResult, NotFound>> ResultsCsv(Guid id, PodiumDbContext db, ClubSettings settings, CancellationToken cancellationToken)
    {
        var club = await settings.GetAsync(cancellationToken);
        if (await TournamentSheet.LoadAsync(db, club.Zone, id, cancellationToken) is not { } sheet)
        {
            return TypedResults.NotFound();
        }

        string[] header = ["place", "angler", "member", "fish", "total_weight_lb", "dead_fish_penalty_lb", "net_weight_lb", "big_bass_lb", "disqualified", "buy_in", "points"];
        var rows = sheet.Rows.Select(r => new[]
        {
            r.Place is { } place ? Number(place) : "", r.Angler, Bool(r.Member), Number(r.Fish), Weight.Pounds(r.TotalWeight), Weight.Pounds(r.DeadFishPenalty),
            Weight.Pounds(r.NetWeight), Weight.Pounds(r.BigBass), Bool(r.Disqualified), Bool(r.BuyIn), Number(r.Points),
        });
        return CsvText.File(rows.Prepend(header), $"{FileName(sheet, "results")}.csv");
    }

    /// <summary>Team results are their own table (two anglers a line, ranked apart), so their own file: one CSV, one table.</summary>
    internal static async Task<Results<FileContentHttpResult, NotFound>> TeamResultsCsv(Guid id, PodiumDbContext db, ClubSettings settings, CancellationToken cancellationToken)
    {
        var club = await settings.GetAsync(cancellationToken);
        if (await TournamentSheet.LoadAsync(db, club.Zone, id, cancellationToken) is not { } sheet)
        {
            return TypedResults.NotFound();
        }

        string[] header = ["place", "angler1", "angler2", "total_weight_lb"];
        var rows = sheet.Teams.Select(t => new[] { t.Place is { } place ? Number(place) : "", t.Angler1, t.Angler2 ?? "", Weight.Pounds(t.TotalWeight) });
        return CsvText.File(rows.Prepend(header), $"{FileName(sheet, "team-results")}.csv");
    }

    internal static async Task<Results<FileContentHttpResult, NotFound>> ResultsPdfFile(Guid id, PodiumDbContext db, ClubSettings settings, CancellationToken cancellationToken)
    {
        var club = await settings.GetAsync(cancellationToken);
        if (await TournamentSheet.LoadAsync(db, club.Zone, id, cancellationToken) is not { } sheet)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.File(ResultsPdf.Render(sheet, club.Name), "application/pdf", $"{FileName(sheet, "results")}.pdf");
    }

    private static string FileName(TournamentSheet sheet, string what) =>
        $"{sheet.LocalStart:yyyy-MM-dd}-{Lake.SlugOf(sheet.Title)}-{what}";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";
}
