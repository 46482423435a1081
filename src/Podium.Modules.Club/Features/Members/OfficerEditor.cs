using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Features.Standings;
using Podium.Platform.Audit;
using Podium.Platform.Caching;
using Podium.Platform.Data;

namespace Podium.Modules.Club.Features.Members;

/// <summary>Who makes a change to the offices: administrators may leave the club without officers, nobody else may.</summary>
internal sealed record OfficerActor(Guid? UserId, bool IsAdmin);

/// <summary>How many of last season's terms a copy added, and how many the new season already had.</summary>
internal sealed record OfficerCopy(int Added, int AlreadyThere);

/// <summary>
/// Officers elect officers: terms per season (one angler may hold two offices, never the same one twice) and the
/// club's own list of offices. Office is what makes a user an officer, so every change drops the cached club viewers
/// at once, and a change that would leave the current season without an officer is refused unless an administrator
/// makes it (an administrator can always put things right; an officer who removes the last office cannot). Audited.
/// </summary>
internal sealed class OfficerEditor(PodiumDbContext db, ClubSettings settings, IAuditLog audit, IPodiumCache cache, TimeProvider time)
{
    public const string LockOutMessage =
        "That would leave the current season without any officer, and nobody but an administrator could manage the club. Add the new officer first.";

    /// <summary>The club's season today: the local year in its zone.</summary>
    public async Task<int> CurrentSeasonAsync(CancellationToken cancellationToken) =>
        (await settings.GetAsync(cancellationToken)).Zone.Today(time).Year;

    /// <summary>Seasons a term may be for: history back to the earliest season anywhere in the club, and next season
    /// (clubs elect in the autumn), never a typo's year 99999.</summary>
    public static bool IsSeason(int season, int current) => season >= ClubStandingsApi.FirstSeason && season <= current + 1;

    public async Task<CommandResult<OfficerTerm>> AddTermAsync(int season, int positionId, Guid anglerId, OfficerActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new Dictionary<string, string>();
        var current = await CurrentSeasonAsync(cancellationToken);
        if (!IsSeason(season, current))
        {
            errors[""] = SeasonMessage(current);
        }

        var position = await db.Set<OfficerPosition>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == positionId, cancellationToken);
        if (position is null)
        {
            errors["PositionId"] = "Choose an office from the list.";
        }

        var angler = await db.Set<Angler>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == anglerId, cancellationToken);
        if (angler is null)
        {
            errors["AnglerId"] = "Choose a member from the list.";
        }
        else if (angler.Kind != MembershipKind.Member)
        {
            errors["AnglerId"] = $"{angler.Name} is a guest; guests hold no office. Make them a member first.";
        }

        if (errors.Count == 0
            && await db.Set<OfficerTerm>().AnyAsync(t => t.Season == season && t.PositionId == positionId && t.AnglerId == anglerId, cancellationToken))
        {
            errors[""] = $"{angler!.Name} is already {position!.Name} for {season}.";
        }

        if (errors.Count > 0)
        {
            return CommandResult<OfficerTerm>.Invalid(errors);
        }

        var term = new OfficerTerm { Season = season, PositionId = positionId, AnglerId = anglerId };
        db.Add(term);

        // Two officers entering the same term at once: the unique index on (season, position, angler) decides.
        if (!await TrySaveAsync(cancellationToken))
        {
            return CommandResult<OfficerTerm>.Invalid("", $"{angler!.Name} is already {position!.Name} for {season}.");
        }

        await ChangedAsync("club.officer-term.added", actor, $"club-officer-term:{term.Id}",
            new { before = (object?)null, after = new { season, position = position!.Name, angler = angler!.Name, anglerId } }, cancellationToken);
        return CommandResult<OfficerTerm>.Ok(term);
    }

    public async Task<CommandResult<OfficerTerm>> RemoveTermAsync(int termId, OfficerActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var term = await db.Set<OfficerTerm>().Include(t => t.Position).Include(t => t.Angler).FirstOrDefaultAsync(t => t.Id == termId, cancellationToken);
        if (term is null)
        {
            return CommandResult<OfficerTerm>.Invalid("", "That office is no longer on the list; it may have been removed already.");
        }

        if (!actor.IsAdmin
            && term.Season == await CurrentSeasonAsync(cancellationToken)
            && !await db.Set<OfficerTerm>().AnyAsync(t => t.Season == term.Season && t.Id != term.Id, cancellationToken))
        {
            return CommandResult<OfficerTerm>.Invalid("", LockOutMessage);
        }

        db.Remove(term);
        await db.SaveChangesAsync(cancellationToken);
        await ChangedAsync("club.officer-term.removed", actor, $"club-officer-term:{term.Id}",
            new { before = new { term.Season, position = term.Position.Name, angler = term.Angler.Name, term.AnglerId }, after = (object?)null }, cancellationToken);
        return CommandResult<OfficerTerm>.Ok(term);
    }

    /// <summary>
    /// January's chore in one step: last season's officers carry over into <paramref name="season"/>, keeping any terms
    /// already entered there. Anglers who have since become guests are left out (guests hold no office).
    /// </summary>
    public async Task<CommandResult<OfficerCopy>> CopyFromPreviousSeasonAsync(int season, OfficerActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var current = await CurrentSeasonAsync(cancellationToken);
        if (!IsSeason(season, current) || season == ClubStandingsApi.FirstSeason)
        {
            return CommandResult<OfficerCopy>.Invalid("", SeasonMessage(current));
        }

        var previous = await db.Set<OfficerTerm>().AsNoTracking()
            .Where(t => t.Season == season - 1 && t.Angler.Kind == MembershipKind.Member)
            .Select(t => new { t.PositionId, t.AnglerId })
            .ToListAsync(cancellationToken);
        if (previous.Count == 0)
        {
            return CommandResult<OfficerCopy>.Invalid("", $"No members held office in {season - 1}; there is nothing to copy.");
        }

        var existing = (await db.Set<OfficerTerm>().AsNoTracking()
                .Where(t => t.Season == season)
                .Select(t => new { t.PositionId, t.AnglerId })
                .ToListAsync(cancellationToken))
            .ToHashSet();
        var added = previous.Where(p => !existing.Contains(p)).ToList();
        db.AddRange(added.Select(p => new OfficerTerm { Season = season, PositionId = p.PositionId, AnglerId = p.AnglerId }));
        if (!await TrySaveAsync(cancellationToken))
        {
            return CommandResult<OfficerCopy>.Invalid("", "Someone changed this season's officers at the same time; look at the list and try again.");
        }

        var copy = new OfficerCopy(added.Count, previous.Count - added.Count);
        if (added.Count > 0)
        {
            await ChangedAsync("club.officer-terms.copied", actor, $"club-officer-season:{season}",
                new { before = existing.Count, after = existing.Count + added.Count, from = season - 1, copy.Added }, cancellationToken);
        }

        return CommandResult<OfficerCopy>.Ok(copy);
    }

    public async Task<CommandResult<OfficerPosition>> AddPositionAsync(string? name, OfficerActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var positions = await db.Set<OfficerPosition>().ToListAsync(cancellationToken);
        if (CheckName(name, null, positions) is { } error)
        {
            return CommandResult<OfficerPosition>.Invalid("Name", error);
        }

        var position = new OfficerPosition { Name = name!.Trim(), SortOrder = positions.Select(p => p.SortOrder).DefaultIfEmpty(0).Max() + 10 };
        db.Add(position);
        if (!await TrySaveAsync(cancellationToken))
        {
            return CommandResult<OfficerPosition>.Invalid("Name", DuplicateName(position.Name));
        }

        await ChangedAsync("club.officer-position.added", actor, $"club-officer-position:{position.Id}",
            new { before = (object?)null, after = new { position.Name, position.SortOrder } }, cancellationToken);
        return CommandResult<OfficerPosition>.Ok(position);
    }

    public async Task<CommandResult<OfficerPosition>> RenamePositionAsync(int id, string? name, OfficerActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var positions = await db.Set<OfficerPosition>().ToListAsync(cancellationToken);
        if (positions.Find(p => p.Id == id) is not { } position)
        {
            return CommandResult<OfficerPosition>.Invalid("", "That office is no longer on the list.");
        }

        if (CheckName(name, position, positions) is { } error)
        {
            return CommandResult<OfficerPosition>.Invalid("Name", error);
        }

        var before = position.Name;
        position.Name = name!.Trim();
        if (!await TrySaveAsync(cancellationToken))
        {
            return CommandResult<OfficerPosition>.Invalid("Name", DuplicateName(name.Trim()));
        }

        await ChangedAsync("club.officer-position.renamed", actor, $"club-officer-position:{position.Id}",
            new { before = new { Name = before }, after = new { position.Name } }, cancellationToken);
        return CommandResult<OfficerPosition>.Ok(position);
    }

    /// <summary>Moves an office one place up (<paramref name="by"/> = -1) or down (+1) in the list the roster follows.</summary>
    public async Task<CommandResult<OfficerPosition>> MovePositionAsync(int id, int by, OfficerActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (by is not (-1 or 1))
        {
            return CommandResult<OfficerPosition>.Invalid("", "An office moves one place up or down at a time.");
        }

        var positions = await db.Set<OfficerPosition>().OrderBy(p => p.SortOrder).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        var index = positions.FindIndex(p => p.Id == id);
        if (index < 0)
        {
            return CommandResult<OfficerPosition>.Invalid("", "That office is no longer on the list.");
        }

        var target = index + by;
        if (target < 0 || target >= positions.Count)
        {
            return CommandResult<OfficerPosition>.Ok(positions[index]);
        }

        var before = positions.Select(p => p.Name).ToList();
        (positions[index], positions[target]) = (positions[target], positions[index]);

        // Renumbered in steps of ten, so equal or crowded sort numbers never make a move a no-op.
        for (var i = 0; i < positions.Count; i++)
        {
            positions[i].SortOrder = (i + 1) * 10;
        }

        await db.SaveChangesAsync(cancellationToken);
        await ChangedAsync("club.officer-position.moved", actor, $"club-officer-position:{id}",
            new { before, after = positions.Select(p => p.Name) }, cancellationToken);
        return CommandResult<OfficerPosition>.Ok(positions[target]);
    }

    /// <summary>Deletes an office nobody ever held; one with terms (past ones too: they are the club's history) stays.</summary>
    public async Task<CommandResult<OfficerPosition>> DeletePositionAsync(int id, OfficerActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var position = await db.Set<OfficerPosition>().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (position is null)
        {
            return CommandResult<OfficerPosition>.Invalid("", "That office is no longer on the list.");
        }

        var seasons = await db.Set<OfficerTerm>().Where(t => t.PositionId == id).Select(t => t.Season).Distinct().OrderBy(s => s).ToListAsync(cancellationToken);
        if (seasons.Count > 0)
        {
            return CommandResult<OfficerPosition>.Invalid("",
                $"{position.Name} was held in {string.Join(", ", seasons)}; remove those terms first, or rename the office instead.");
        }

        db.Remove(position);

        // A term for it may have been added between the check and the delete; the foreign key refuses then.
        if (!await TrySaveAsync(cancellationToken))
        {
            return CommandResult<OfficerPosition>.Invalid("", $"{position.Name} was just given to someone; remove that term first.");
        }

        await ChangedAsync("club.officer-position.deleted", actor, $"club-officer-position:{position.Id}",
            new { before = new { position.Name, position.SortOrder }, after = (object?)null }, cancellationToken);
        return CommandResult<OfficerPosition>.Ok(position);
    }

    private static string SeasonMessage(int current) =>
        $"Choose a season from {ClubStandingsApi.FirstSeason} to {current + 1}.";

    private static string DuplicateName(string name) => $"There is already an office called {name}.";

    /// <summary>Names are compared ignoring case here: PostgreSQL's unique index alone would let "treasurer" in beside "Treasurer".</summary>
    private static string? CheckName(string? name, OfficerPosition? self, List<OfficerPosition> positions)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > OfficerPosition.MaxNameLength)
        {
            return $"Enter the office's name (1 to {OfficerPosition.MaxNameLength} characters).";
        }

        return positions.Any(p => p != self && string.Equals(p.Name, trimmed, StringComparison.OrdinalIgnoreCase))
            ? DuplicateName(trimmed)
            : null;
    }

    /// <summary>The database's unique indexes and foreign keys have the last word when two officers edit at once.</summary>
    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private async Task ChangedAsync(string action, OfficerActor actor, string target, object details, CancellationToken cancellationToken)
    {
        // Offices decide who is an officer; the roster and member pages read them directly.
        await cache.InvalidateTagAsync(ClubCacheTags.Access, cancellationToken);
        await audit.RecordAsync(action, "success", actor.UserId, target, details, cancellationToken);
    }
}
