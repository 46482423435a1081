using Microsoft.EntityFrameworkCore;
using Podium.Modules.Fights.Areas.Fights.Pages;
using Podium.Modules.Fights.Areas.Fights.Pages.Shared;
using Podium.Modules.Fights.Model;
using Podium.Platform.Api;
using Podium.Platform.Data;
using Podium.Platform.Modules.Commands;

namespace Podium.Modules.Fights.Features.Favourites;

/// <summary>
/// The fighters a user follows. Following and unfollowing are idempotent (the end state is what was asked, however
/// often it is asked); pages and the API both go through here.
/// </summary>
internal sealed class FightFavourites(PodiumDbContext db, TimeProvider time)
{
    public static readonly CommandProblem NoFighter = CommandProblem.NotFound("Fighter not found", "No fighter has this name in the address.");

    /// <summary>Follows the fighter; following one already followed changes nothing. The key (user, fighter) keeps one row.</summary>
    public async Task<CommandResult<FollowedFighter>> FollowAsync(Guid userId, string slug, CancellationToken cancellationToken)
    {
        if (await FighterAsync(slug, cancellationToken) is not { } fighter)
        {
            return CommandResult<FollowedFighter>.Failed(NoFighter);
        }

        var existing = await db.Set<Favourite>().AsNoTracking().FirstOrDefaultAsync(f => f.UserId == userId && f.FighterId == fighter.Id, cancellationToken);
        if (existing is not null)
        {
            return CommandResult<FollowedFighter>.Ok(new FollowedFighter(fighter, existing.CreatedAt, Added: false));
        }

        var row = new Favourite { UserId = userId, FighterId = fighter.Id, CreatedAt = time.GetUtcNow().UtcDateTime };
        try
        {
            await db.InTransactionAsync(async ct =>
            {
                db.Add(row);
                await db.SaveChangesAsync(ct);
            }, cancellationToken: cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request of the same user followed first: theirs is the row (or this was another failure, thrown again).
            db.ChangeTracker.Clear();
            existing = await db.Set<Favourite>().AsNoTracking().FirstOrDefaultAsync(f => f.UserId == userId && f.FighterId == fighter.Id, cancellationToken);
            if (existing is null)
            {
                throw;
            }

            return CommandResult<FollowedFighter>.Ok(new FollowedFighter(fighter, existing.CreatedAt, Added: false));
        }

        return CommandResult<FollowedFighter>.Ok(new FollowedFighter(fighter, row.CreatedAt, Added: true));
    }

    /// <summary>Stops following; true when the fighter was followed (unfollowing one not followed is not an error).</summary>
    public async Task<CommandResult<bool>> UnfollowAsync(Guid userId, string slug, CancellationToken cancellationToken)
    {
        if (await FighterAsync(slug, cancellationToken) is not { } fighter)
        {
            return CommandResult<bool>.Failed(NoFighter);
        }

        var removed = await db.InTransactionAsync(
            ct => db.Set<Favourite>().Where(f => f.UserId == userId && f.FighterId == fighter.Id).ExecuteDeleteAsync(ct), cancellationToken: cancellationToken);
        return CommandResult<bool>.Ok(removed > 0);
    }

    /// <summary>The followed fighters, by name, each with their next bout and their last result.</summary>
    public async Task<PagedList<FavouriteFighter>> ListAsync(Guid userId, PageRequest page, CancellationToken cancellationToken)
    {
        var query = from f in db.Set<Favourite>().AsNoTracking()
                    join x in db.Set<Fighter>() on f.FighterId equals x.Id
                    where f.UserId == userId
                    select new { f.CreatedAt, Fighter = x };
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(r => r.Fighter.Name).ThenBy(r => r.Fighter.Id).Skip(page.Skip).Take(page.PageSize)
            .Select(r => new
            {
                r.CreatedAt,
                Fighter = new FighterRef(r.Fighter.Id, r.Fighter.Slug, r.Fighter.Name, r.Fighter.Nickname, r.Fighter.WeightClass),
            })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Fighter.Id).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        var bouts = await db.Set<Bout>().AsNoTracking()
            .Where(b => ids.Contains(b.FighterAId) || ids.Contains(b.FighterBId))
            .Where(b => b.Status != BoutStatus.Cancelled)
            .Select(b => new
            {
                b.Id, b.FighterAId, b.FighterBId, A = b.FighterA.Name, B = b.FighterB.Name, ASlug = b.FighterA.Slug, BSlug = b.FighterB.Slug,
                When = b.StartsAt ?? b.Event.StartsAt, Event = b.Event.Name, EventSlug = b.Event.Slug, b.Outcome, b.Method, b.Round, b.TimeSeconds,
            })
            .ToListAsync(cancellationToken);
        return page.Of(
            [.. rows.Select(r =>
            {
                var own = bouts.Where(b => b.FighterAId == r.Fighter.Id || b.FighterBId == r.Fighter.Id).ToList();
                var next = own.Where(b => b.Outcome is null && b.When > now).MinBy(b => b.When);
                var last = own.Where(b => b.Outcome is not null).MaxBy(b => b.When);
                return new FavouriteFighter(
                    r.Fighter, r.CreatedAt,
                    next is null ? null : new FavouriteBout(next.Id, next.Event, next.EventSlug, next.When, next.FighterAId == r.Fighter.Id ? next.B : next.A, next.FighterAId == r.Fighter.Id ? next.BSlug : next.ASlug, null),
                    last is null ? null : new FavouriteBout(last.Id, last.Event, last.EventSlug, last.When, last.FighterAId == r.Fighter.Id ? last.B : last.A, last.FighterAId == r.Fighter.Id ? last.BSlug : last.ASlug,
                        IndexModel.Describe(new BoutResult(last.Outcome!.Value, last.Method, last.Round, last.TimeSeconds is { } s ? TimeSpan.FromSeconds(s) : null), last.A, last.B)));
            })],
            total);
    }

    public Task<string?> FighterNameAsync(string slug, CancellationToken cancellationToken) =>
        db.Set<Fighter>().AsNoTracking().Where(f => f.Slug == slug).Select(f => f.Name).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The button for one fighter as <paramref name="userId"/> sees it (a visitor: null).</summary>
    public async Task<FavouriteButtonModel?> ButtonAsync(Guid? userId, string slug, string returnUrl, CancellationToken cancellationToken)
    {
        if (await FighterAsync(slug, cancellationToken) is not { } fighter)
        {
            return null;
        }

        var following = userId is { } me && await db.Set<Favourite>().AnyAsync(f => f.UserId == me && f.FighterId == fighter.Id, cancellationToken);
        return new FavouriteButtonModel(fighter.Slug, fighter.Name, following, userId is not null, returnUrl);
    }

    private Task<FighterRef?> FighterAsync(string slug, CancellationToken cancellationToken) =>
        db.Set<Fighter>().AsNoTracking().Where(f => f.Slug == slug)
            .Select(f => new FighterRef(f.Id, f.Slug, f.Name, f.Nickname, f.WeightClass))
            .FirstOrDefaultAsync(cancellationToken);
}

internal sealed record FighterRef(Guid Id, string Slug, string Name, string? Nickname, WeightClass WeightClass);

internal sealed record FollowedFighter(FighterRef Fighter, DateTime FollowedAt, bool Added);

/// <param name="Opponent">The other corner of the bout.</param>
/// <param name="Result">How the result reads ("A def. B · KO/TKO, R2 3:14"); null for a bout still to come.</param>
internal sealed record FavouriteBout(Guid BoutId, string Event, string EventSlug, DateTime When, string Opponent, string OpponentSlug, string? Result);

internal sealed record FavouriteFighter(FighterRef Fighter, DateTime FollowedAt, FavouriteBout? Next, FavouriteBout? Last);
