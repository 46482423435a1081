using System.ComponentModel;
using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Platform.Identity;

namespace Podium.Modules.Club;

/// <summary>Who is looking at the club: their angler (if any) and what the club lets them do.</summary>
internal sealed record ClubViewer(Guid? UserId, ClubViewerAngler? Angler, bool IsOfficer, bool InGoodStanding)
{
    public static ClubViewer Anonymous { get; } = new(null, null, false, false);

    /// <summary>Members see each other's phone numbers; guests and visitors do not.</summary>
    public bool IsMember => Angler?.Kind == MembershipKind.Member || IsOfficer;
}

/// <summary>
/// A copy of the viewer's angler as it was read: the viewer is cached across requests, and a tracked entity must not
/// outlive its DbContext or be changed by one request under another's feet. Pages that edit the angler load it by id.
/// </summary>
internal sealed record ClubViewerAngler(Guid Id, string Name, MembershipKind Kind, DateOnly? DuesPaidThrough)
{
    public static ClubViewerAngler Of(Angler angler)
    {
        ArgumentNullException.ThrowIfNull(angler);
        return new(angler.Id, angler.Name, angler.Kind, angler.DuesPaidThrough);
    }

    public bool InGoodStanding(DateOnly today, int duesCents) => Angler.InGoodStanding(Kind, DuesPaidThrough, today, duesCents);
}

/// <summary>
/// What the cache keeps per user and club day. <see cref="AwaitsConfirmedEmail"/>: no angler yet, and the account's
/// address is unconfirmed, so confirming it may link one at any moment; such an answer is re-checked, not trusted.
/// </summary>
[ImmutableObject(true)]
internal sealed record ClubViewerFacts(ClubViewerAngler? Angler, bool HoldsOffice, bool AwaitsConfirmedEmail);

/// <summary>The API scopes the club declares when it registers (<c>AddApiScope</c> in <c>AddClub</c>); Platform keeps only its own.</summary>
internal static class ClubScopes
{
    public const string Read = "club:read";

    /// <summary>Any member may hold it: whether they are an officer is the club's own policy, checked on every write.</summary>
    public const string ResultsWrite = "club:results:write";

    /// <summary>Voting in polls; whether the caller may vote (a member in good standing) is still checked on every vote.</summary>
    public const string PollsVote = "club:polls:vote";
}

internal static class ClubPolicies
{
    /// <summary>Officers of the current season and administrators: they manage tournaments, results, polls and news.</summary>
    public const string Officer = "club-officer";
}

internal sealed class ClubAccess(PodiumDbContext db, ClubSettings settings, IPodiumCache cache, TimeProvider time)
{
    /// <summary>
    /// How long a user's club facts are reused. Every change to anglers, offices or settings drops them at once (the
    /// <see cref="ClubCacheTags.Access"/> tag); this only bounds a change made where no invalidation reaches.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    // A request asks several times (authorization, then the page); the answer is worked out once per principal.
    private (ClaimsPrincipal User, ClubViewer Viewer)? _last;

    public async Task<ClubViewer> GetViewerAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (_last is { } last && ReferenceEquals(last.User, user))
        {
            return last.Viewer;
        }

        var viewer = await ResolveAsync(user, cancellationToken);
        _last = (user, viewer);
        return viewer;
    }

    private async Task<ClubViewer> ResolveAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } userId)
        {
            return ClubViewer.Anonymous;
        }

        var club = await settings.GetAsync(cancellationToken);
        var today = club.Zone.Today(time);

        // The day is part of the key: good standing and the season (hence office) change with the club's date.
        var key = $"club:access:{userId:N}:{today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        var linked = false;
        var facts = await cache.GetOrCreateAsync(
            key,
            async ct =>
            {
                (var loaded, linked) = await LoadAsync(userId, today.Year, ct);
                return loaded;
            },
            [ClubCacheTags.Access],
            Lifetime,
            cancellationToken: cancellationToken);
        if (facts.AwaitsConfirmedEmail)
        {
            var cached = facts;
            (facts, linked) = await LoadAsync(userId, today.Year, cancellationToken);
            if (facts != cached && !linked)
            {
                await cache.RemoveAsync(key, cancellationToken);
            }
        }

        if (linked)
        {
            // Another instance may hold this user's "no angler" answer from before the link.
            await cache.InvalidateTagAsync(ClubCacheTags.Access, cancellationToken);
        }

        // The admin role is the principal's, never the cache's: revoking it must not wait for an expiry.
        var officer = user.IsInRole(Roles.Admin) || facts.HoldsOffice;
        return new ClubViewer(userId, facts.Angler, officer, facts.Angler?.InGoodStanding(today, club.DuesCents) == true);
    }

    private async Task<(ClubViewerFacts Facts, bool Linked)> LoadAsync(Guid userId, int season, CancellationToken cancellationToken)
    {
        var angler = await db.Set<Angler>().AsNoTracking().FirstOrDefaultAsync(a => a.UserId == userId, cancellationToken);
        var (linked, awaits) = (false, false);
        if (angler is null)
        {
            (angler, linked, awaits) = await LinkByEmailAsync(userId, cancellationToken);
        }

        var holdsOffice = angler is not null
            && await db.Set<OfficerTerm>().AnyAsync(t => t.AnglerId == angler.Id && t.Season == season, cancellationToken);
        return (new ClubViewerFacts(angler is null ? null : ClubViewerAngler.Of(angler), holdsOffice, awaits), linked);
    }

    /// <summary>
    /// Officers enter results for anglers before those anglers ever sign in; the first time someone signs in with the
    /// same e-mail, confirmed, the record becomes theirs. An unconfirmed address proves nothing, so it never links.
    /// </summary>
    private async Task<(Angler? Angler, bool Linked, bool AwaitsConfirmedEmail)> LinkByEmailAsync(Guid userId, CancellationToken cancellationToken)
    {
        var account = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.Email != null)
            .Select(u => new { Email = u.Email!, u.EmailConfirmed })
            .FirstOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return (null, false, false);
        }

        if (!account.EmailConfirmed)
        {
            return (null, false, true);
        }

        var email = Angler.NormalizeEmail(account.Email);
        var angler = await db.Set<Angler>().FirstOrDefaultAsync(a => a.Email == email && a.UserId == null, cancellationToken);
        if (angler is null)
        {
            // A concurrent first request may have linked it between this request's two reads.
            return (await db.Set<Angler>().AsNoTracking().FirstOrDefaultAsync(a => a.UserId == userId, cancellationToken), false, false);
        }

        angler.UserId = userId;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request linked it first; read what it wrote.
            db.ChangeTracker.Clear();
            return (await db.Set<Angler>().AsNoTracking().FirstOrDefaultAsync(a => a.UserId == userId, cancellationToken), false, false);
        }

        return (angler, true, false);
    }
}

internal sealed class ClubOfficerRequirement : IAuthorizationRequirement;

internal sealed class ClubOfficerHandler(ClubAccess access) : AuthorizationHandler<ClubOfficerRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ClubOfficerRequirement requirement)
    {
        if ((await access.GetViewerAsync(context.User)).IsOfficer)
        {
            context.Succeed(requirement);
        }
    }
}
