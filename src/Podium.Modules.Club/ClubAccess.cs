using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Domain;
using Podium.Platform.Data;
using Podium.Platform.Identity;

namespace Podium.Modules.Club;

/// <summary>Who is looking at the club: their angler record (if any) and what the club lets them do.</summary>
internal sealed record ClubViewer(Guid? UserId, Angler? Angler, bool IsOfficer, bool InGoodStanding)
{
    public static ClubViewer Anonymous { get; } = new(null, null, false, false);

    /// <summary>Members see each other's phone numbers; guests and visitors do not.</summary>
    public bool IsMember => Angler?.Kind == MembershipKind.Member || IsOfficer;
}

internal static class ClubPolicies
{
    /// <summary>Officers of the current season and administrators: they manage tournaments, results, polls and news.</summary>
    public const string Officer = "club-officer";
}

internal sealed class ClubAccess(PodiumDbContext db, ClubSettings settings, TimeProvider time)
{
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
        var angler = await db.Set<Angler>().FirstOrDefaultAsync(a => a.UserId == userId, cancellationToken)
            ?? await LinkByEmailAsync(userId, cancellationToken);
        var today = club.Zone.Today(time);
        var season = today.Year;
        var officer = user.IsInRole(Roles.Admin)
            || (angler is not null && await db.Set<OfficerTerm>().AnyAsync(t => t.AnglerId == angler.Id && t.Season == season, cancellationToken));
        return new ClubViewer(userId, angler, officer, angler?.InGoodStanding(today, club.DuesCents) == true);
    }

    /// <summary>
    /// Officers enter results for anglers before those anglers ever sign in; the first time someone signs in with the
    /// same e-mail, confirmed, the record becomes theirs. An unconfirmed address proves nothing, so it never links.
    /// </summary>
    private async Task<Angler?> LinkByEmailAsync(Guid userId, CancellationToken cancellationToken)
    {
        var account = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.EmailConfirmed && u.Email != null)
            .Select(u => u.Email!)
            .FirstOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return null;
        }

        var email = Angler.NormalizeEmail(account);
        var angler = await db.Set<Angler>().FirstOrDefaultAsync(a => a.Email == email && a.UserId == null, cancellationToken);
        if (angler is null)
        {
            // A concurrent first request may have linked it between this request's two reads.
            return await db.Set<Angler>().FirstOrDefaultAsync(a => a.UserId == userId, cancellationToken);
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
            return await db.Set<Angler>().FirstOrDefaultAsync(a => a.UserId == userId, cancellationToken);
        }

        return angler;
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
