using Microsoft.EntityFrameworkCore;
using Podium.Modules.Fights.Model;
using Podium.Platform.Api;
using Podium.Platform.Data;
using Podium.Platform.Identity;

namespace Podium.Modules.Fights.Features.Predictions;

/// <summary>
/// The Fights part of "download my data" and of deleting an account: the fighters the person follows and their picks.
/// Both go with the account (a pick is the person's, not the board's: the scores Platform keeps leave with the account too).
/// </summary>
internal sealed class FightsPersonalData(PodiumDbContext db) : IPersonalDataContributor
{
    public string Section => FightsModule.Name;

    public async Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var favourites = await (
                from f in db.Set<Favourite>().AsNoTracking()
                join x in db.Set<Fighter>() on f.FighterId equals x.Id
                where f.UserId == userId
                orderby f.CreatedAt
                select new { fighter = x.Name, slug = x.Slug, followedAtUtc = f.CreatedAt })
            .ToListAsync(cancellationToken);
        var picks = await (
                from p in db.Set<BoutPrediction>().AsNoTracking()
                join b in db.Set<Bout>() on p.BoutId equals b.Id
                where p.UserId == userId
                orderby p.CreatedAt
                select new
                {
                    @event = b.Event.Name,
                    bout = b.FighterA.Name + " vs. " + b.FighterB.Name,
                    winner = p.Winner == Corner.A ? b.FighterA.Name : b.FighterB.Name,
                    method = p.Method,
                    round = p.Round,
                    madeAtUtc = p.CreatedAt,
                    changedAtUtc = p.UpdatedAt,
                    points = p.Points,
                    correctWinner = p.CorrectWinner,
                })
            .ToListAsync(cancellationToken);
        return favourites.Count == 0 && picks.Count == 0
            ? null
            : new { favourites, predictions = picks.Select(p => new { p.@event, p.bout, p.winner, method = p.method?.ToApiName(), p.round, p.madeAtUtc, p.changedAtUtc, p.points, p.correctWinner }) };
    }

    // The foreign keys cascade too; deleted here so the erase does not depend on the database enforcing them.
    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        await db.Set<BoutPrediction>().Where(p => p.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<Favourite>().Where(f => f.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }
}
