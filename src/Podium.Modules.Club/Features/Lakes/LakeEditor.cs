using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Podium.Platform.Audit;
using Podium.Platform.Caching;
using Podium.Platform.Data;

namespace Podium.Modules.Club.Features.Lakes;

/// <summary>A lake or a ramp as the form sends it: coordinates as typed, both or neither.</summary>
internal sealed class PlaceInput
{
    public string? Name { get; set; }

    public string? Latitude { get; set; }

    public string? Longitude { get; set; }

    public string? Notes { get; set; }
}

/// <summary>
/// Officers keep the club's lakes and ramps. Names are unique (a lake's slug comes from its name and is its address);
/// a lake or ramp a tournament or poll uses cannot be deleted, only renamed. Every change is audited.
/// </summary>
internal sealed class LakeEditor(PodiumDbContext db, IAuditLog audit, IPodiumCache cache)
{
    public const int MaxNotesLength = 2000;

    public async Task<CommandResult<Lake>> SaveLakeAsync(int? id, PlaceInput input, Guid? actorId, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var (name, latitude, longitude) = ValidatePlace(input, errors);
        var notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        if (notes?.Length > MaxNotesLength)
        {
            errors[nameof(input.Notes)] = $"Keep the notes to {MaxNotesLength:N0} characters.";
        }

        var slug = Lake.SlugOf(name);
        if (name.Length > 0 && slug.Length == 0)
        {
            errors[nameof(input.Name)] = "Use some letters or digits in the name.";
        }
        else if (name.Length > 0 && await db.Set<Lake>().AnyAsync(l => l.Id != id && (l.Name == name || l.Slug == slug), cancellationToken))
        {
            errors[nameof(input.Name)] = $"There is already a lake called {name}.";
        }

        if (errors.Count > 0)
        {
            return CommandResult<Lake>.Invalid(errors);
        }

        Lake? lake;
        object? before = null;
        if (id is { } existing)
        {
            lake = await db.Set<Lake>().FirstOrDefaultAsync(l => l.Id == existing, cancellationToken);
            if (lake is null)
            {
                return CommandResult<Lake>.Invalid("", "That lake no longer exists.");
            }

            before = new { lake.Name, lake.Slug, lake.Latitude, lake.Longitude, lake.Notes };
        }
        else
        {
            lake = new Lake();
            db.Add(lake);
        }

        (lake.Name, lake.Slug, lake.Latitude, lake.Longitude, lake.Notes) = (name, slug, latitude, longitude, notes);
        if (!await TrySaveAsync(errors, nameof(input.Name), $"There is already a lake called {name}.", cancellationToken))
        {
            return CommandResult<Lake>.Invalid(errors);
        }

        await ChangedAsync(before is null ? "club.lake.created" : "club.lake.updated", actorId, $"club-lake:{lake.Id}",
            new { before, after = new { lake.Name, lake.Slug, lake.Latitude, lake.Longitude, lake.Notes } }, cancellationToken);
        return CommandResult<Lake>.Ok(lake);
    }

    public async Task<string?> DeleteLakeAsync(int id, Guid? actorId, CancellationToken cancellationToken)
    {
        var lake = await db.Set<Lake>().Include(l => l.Ramps).FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (lake is null)
        {
            return "That lake was already gone.";
        }

        if (await db.Set<Tournament>().AnyAsync(t => t.LakeId == id, cancellationToken) || await db.Set<PollOption>().AnyAsync(o => o.LakeId == id, cancellationToken))
        {
            return $"{lake.Name} has tournaments or poll options; it stays (you can rename it).";
        }

        db.Remove(lake);
        await db.SaveChangesAsync(cancellationToken);
        await ChangedAsync("club.lake.deleted", actorId, $"club-lake:{id}", new { before = new { lake.Name, Ramps = lake.Ramps.Select(r => r.Name) } }, cancellationToken);
        return null;
    }

    public async Task<CommandResult<Ramp>> SaveRampAsync(int lakeId, int? id, PlaceInput input, Guid? actorId, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var (name, latitude, longitude) = ValidatePlace(input, errors);
        if (!await db.Set<Lake>().AnyAsync(l => l.Id == lakeId, cancellationToken))
        {
            return CommandResult<Ramp>.Invalid("", "That lake no longer exists.");
        }

        if (name.Length > 0 && await db.Set<Ramp>().AnyAsync(r => r.LakeId == lakeId && r.Id != id && r.Name == name, cancellationToken))
        {
            errors[nameof(input.Name)] = $"This lake already has a ramp called {name}.";
        }

        if (errors.Count > 0)
        {
            return CommandResult<Ramp>.Invalid(errors);
        }

        Ramp? ramp;
        object? before = null;
        if (id is { } existing)
        {
            ramp = await db.Set<Ramp>().FirstOrDefaultAsync(r => r.Id == existing && r.LakeId == lakeId, cancellationToken);
            if (ramp is null)
            {
                return CommandResult<Ramp>.Invalid("", "That ramp no longer exists.");
            }

            before = new { ramp.Name, ramp.Latitude, ramp.Longitude };
        }
        else
        {
            ramp = new Ramp { LakeId = lakeId };
            db.Add(ramp);
        }

        (ramp.Name, ramp.Latitude, ramp.Longitude) = (name, latitude, longitude);
        if (!await TrySaveAsync(errors, nameof(input.Name), $"This lake already has a ramp called {name}.", cancellationToken))
        {
            return CommandResult<Ramp>.Invalid(errors);
        }

        await ChangedAsync(before is null ? "club.ramp.created" : "club.ramp.updated", actorId, $"club-ramp:{ramp.Id}",
            new { lakeId, before, after = new { ramp.Name, ramp.Latitude, ramp.Longitude } }, cancellationToken);
        return CommandResult<Ramp>.Ok(ramp);
    }

    public async Task<string?> DeleteRampAsync(int lakeId, int id, Guid? actorId, CancellationToken cancellationToken)
    {
        var ramp = await db.Set<Ramp>().FirstOrDefaultAsync(r => r.Id == id && r.LakeId == lakeId, cancellationToken);
        if (ramp is null)
        {
            return "That ramp was already gone.";
        }

        if (await db.Set<Tournament>().AnyAsync(t => t.RampId == id, cancellationToken) || await db.Set<PollOption>().AnyAsync(o => o.RampId == id, cancellationToken))
        {
            return $"{ramp.Name} has tournaments or poll options; it stays (you can rename it).";
        }

        db.Remove(ramp);
        await db.SaveChangesAsync(cancellationToken);
        await ChangedAsync("club.ramp.deleted", actorId, $"club-ramp:{id}", new { lakeId, before = new { ramp.Name } }, cancellationToken);
        return null;
    }

    private static (string Name, double? Latitude, double? Longitude) ValidatePlace(PlaceInput input, Dictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0 || name.Length > Lake.MaxNameLength)
        {
            errors[nameof(input.Name)] = $"Enter a name (up to {Lake.MaxNameLength} characters).";
        }

        var hasLatitude = !string.IsNullOrWhiteSpace(input.Latitude);
        var hasLongitude = !string.IsNullOrWhiteSpace(input.Longitude);
        if (!hasLatitude && !hasLongitude)
        {
            return (name, null, null);
        }

        if (!TryCoordinate(input.Latitude, 90, out var latitude))
        {
            errors[nameof(input.Latitude)] = "Enter the latitude in decimal degrees between -90 and 90, for example 30.3919 (or leave both empty).";
        }

        if (!TryCoordinate(input.Longitude, 180, out var longitude))
        {
            errors[nameof(input.Longitude)] = "Enter the longitude in decimal degrees between -180 and 180, for example -97.9073 (or leave both empty).";
        }

        return (name, latitude, longitude);
    }

    private static bool TryCoordinate(string? text, double limit, out double value) =>
        double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value) && Math.Abs(value) <= limit;

    /// <summary>The unique index has the last word when two officers save the same name at once.</summary>
    private async Task<bool> TrySaveAsync(Dictionary<string, string> errors, string field, string duplicate, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            errors[field] = duplicate;
            return false;
        }
    }

    private async Task ChangedAsync(string action, Guid? actorId, string target, object details, CancellationToken cancellationToken)
    {
        // Tournament pages and the calendar feed show lake and ramp names.
        await cache.InvalidateTagAsync(ClubCacheTags.Results, cancellationToken);
        await audit.RecordAsync(action, "success", actorId, target, details, cancellationToken);
    }
}
