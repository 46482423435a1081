using Microsoft.EntityFrameworkCore;
using Podium.Modules.Fights.Model;
using Podium.Platform.Audit;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Platform.Modules.Commands;

namespace Podium.Modules.Fights.Features.Quality;

/// <summary>What a merge moved onto the fighter kept.</summary>
internal sealed record MergedFighters(Guid KeptId, Guid RemovedId, int Bouts, int Favourites, int ExternalIds);

/// <summary>
/// Two records of one fighter made one, by an administrator: the bouts, the follows and the source ids of the one removed
/// move to the one kept, then it is deleted, all in one transaction with its audit row. Predictions need no move: they
/// pick a corner of a bout, and the bout keeps its corners. A follower of both keeps one follow.
/// </summary>
internal sealed class FighterMerge(PodiumDbContext db, IAuditLog audit, IPodiumCache cache)
{
    public async Task<CommandResult<MergedFighters>> MergeAsync(Guid keepId, Guid removeId, Guid actorId, CancellationToken cancellationToken)
    {
        if (keepId == removeId)
        {
            return CommandResult<MergedFighters>.Invalid("removeId", "Choose two different fighters.");
        }

        var outcome = await db.InTransactionAsync(
            async ct =>
            {
                var both = await db.Set<Fighter>().Where(f => f.Id == keepId || f.Id == removeId).Select(f => new { f.Id, f.Name }).ToListAsync(ct);
                if (both.Count != 2)
                {
                    return CommandResult<MergedFighters>.NotFound("Fighter not found", "One of the two fighters no longer exists (merged already?).");
                }

                // One person cannot have fought themselves: two fighters who met are two people, whatever their names say.
                if (await db.Set<Bout>().AnyAsync(b => (b.FighterAId == keepId && b.FighterBId == removeId) || (b.FighterAId == removeId && b.FighterBId == keepId), ct))
                {
                    return CommandResult<MergedFighters>.Conflict("Not one fighter", "These two fighters met in a bout, so they are two people.");
                }

                var boutsA = await db.Set<Bout>().Where(b => b.FighterAId == removeId).ExecuteUpdateAsync(s => s.SetProperty(b => b.FighterAId, keepId), ct);
                var boutsB = await db.Set<Bout>().Where(b => b.FighterBId == removeId).ExecuteUpdateAsync(s => s.SetProperty(b => b.FighterBId, keepId), ct);
                var followersOfKept = db.Set<Favourite>().Where(f => f.FighterId == keepId).Select(f => f.UserId);
                await db.Set<Favourite>().Where(f => f.FighterId == removeId && followersOfKept.Contains(f.UserId)).ExecuteDeleteAsync(ct);
                var favourites = await db.Set<Favourite>().Where(f => f.FighterId == removeId).ExecuteUpdateAsync(s => s.SetProperty(f => f.FighterId, keepId), ct);
                var ids = await db.Set<FighterExternalId>().Where(x => x.FighterId == removeId).ExecuteUpdateAsync(s => s.SetProperty(x => x.FighterId, keepId), ct);
                await db.Set<Fighter>().Where(f => f.Id == removeId).ExecuteDeleteAsync(ct);
                var merged = new MergedFighters(keepId, removeId, boutsA + boutsB, favourites, ids);
                await audit.RecordInTransactionAsync(
                    db, "fights.fighters.merged", AuditOutcome.Success, actorId, $"fighter:{keepId:N}",
                    new { removed = removeId, removedName = both.Single(f => f.Id == removeId).Name, merged.Bouts, merged.Favourites, merged.ExternalIds }, ct);
                return CommandResult<MergedFighters>.Ok(merged);
            },
            cancellationToken: cancellationToken);
        if (outcome.Succeeded)
        {
            await cache.InvalidateTagAsync(FightsCacheTags.Events, cancellationToken);
        }

        return outcome;
    }
}
