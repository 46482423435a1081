using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Platform.Security;

namespace Podium.Platform.Identity;

/// <summary>One signed-in browser: what "Devices and sessions" lists and what "sign out" there ends.</summary>
public sealed class UserSession
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>UTC; updated at most once a minute.</summary>
    public DateTime LastSeenAt { get; set; }

    /// <summary>UTC: the absolute end (24 hours, or 30 days with "keep me signed in"), however active the session is.</summary>
    public DateTime ExpiresAt { get; set; }

    public bool Persistent { get; set; }

    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }

    /// <summary>UTC; set at sign-out, when signed out from the sessions page, by "everywhere", or by a password change.</summary>
    public DateTime? RevokedAt { get; set; }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("platform_user_sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.IpAddress).HasMaxLength(45);
        builder.Property(s => s.UserAgent).HasMaxLength(512);
        builder.HasIndex(s => new { s.UserId, s.RevokedAt });
        builder.HasOne<PodiumUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class UserSessions(PodiumDbContext db, TimeProvider time, IAuditLog audit)
{
    /// <summary>The claim carrying the session id inside the cookie.</summary>
    public const string ClaimType = "podium:sid";

    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(24);
    public static readonly TimeSpan PersistentLifetime = TimeSpan.FromDays(30);
    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    public static Guid? IdOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimType), out var id) ? id : null;

    public async Task<IReadOnlyList<UserSession>> ActiveAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Set<UserSession>().AsNoTracking()
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now)
            .OrderByDescending(s => s.LastSeenAt)
            .ToListAsync(cancellationToken);
    }

    public async Task<bool> RevokeAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        var revoked = await EndAsync(userId, sessionId, cancellationToken);
        if (revoked)
        {
            await audit.RecordAsync("account.session-revoked", AuditOutcome.Success, userId, sessionId.ToString(), cancellationToken: cancellationToken);
        }

        return revoked;
    }

    /// <summary>
    /// Ends one session without an audit row of its own, for callers that record why (signing out). Every instance reads
    /// the row on every request, so a copy of the cookie is refused from the next request on, wherever it is sent.
    /// </summary>
    internal async Task<bool> EndAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Set<UserSession>()
            .Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), cancellationToken) > 0;
    }

    /// <summary>
    /// Ends every session of the user except <paramref name="keep"/> (null: all of them), and every API refresh token:
    /// whatever made this necessary (a new password, a lock, "everywhere") applies to programs signed in as the user too.
    /// </summary>
    public async Task<int> RevokeAllAsync(Guid userId, Guid? keep, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var revoked = await db.Set<UserSession>()
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != keep)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), cancellationToken);
        var tokens = await db.Set<RefreshToken>()
            .Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, now), cancellationToken);
        await audit.RecordAsync("account.sessions-revoked", AuditOutcome.Success, userId, userId.ToString(), new { count = revoked, refreshTokens = tokens, reason }, cancellationToken);
        return revoked;
    }

    internal async Task<Guid> StartAsync(Guid userId, bool persistent, HttpContext context)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var userAgent = context.Request.Headers.UserAgent.ToString();
        var session = new UserSession
        {
            UserId = userId,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + (persistent ? PersistentLifetime : AbsoluteLifetime),
            Persistent = persistent,
            IpAddress = ClientAddress.Of(context)?.ToString(),
            UserAgent = userAgent.Length > 512 ? userAgent[..512] : userAgent,
        };
        db.Add(session);
        await db.SaveChangesAsync(context.RequestAborted);
        return session.Id;
    }

    /// <summary>Whether the session may go on; notes when it was last seen.</summary>
    internal async Task<bool> TouchAsync(Guid sessionId, HttpContext context)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var session = await db.Set<UserSession>().FirstOrDefaultAsync(s => s.Id == sessionId, context.RequestAborted);
        if (session is null || session.RevokedAt is not null || session.ExpiresAt <= now)
        {
            return false;
        }

        if (now - session.LastSeenAt >= LastSeenResolution)
        {
            session.LastSeenAt = now;
            session.IpAddress = ClientAddress.Of(context)?.ToString();
            await db.SaveChangesAsync(context.RequestAborted);
        }

        return true;
    }
}

/// <summary>Ties the application cookie to a row in <c>platform_user_sessions</c>.</summary>
internal static class SessionCookieEvents
{
    public static void Attach(CookieAuthenticationOptions options)
    {
        options.Events.OnSigningIn = async context =>
        {
            if (context.Principal?.Identity is not ClaimsIdentity identity)
            {
                return;
            }

            // A refresh (profile saved, password changed here) keeps the session it already had.
            var current = UserSessions.IdOf(context.HttpContext.User);
            var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
            var userId = Guid.Parse(identity.FindFirst(ClaimTypes.NameIdentifier)!.Value);
            var sessionId = current ?? await sessions.StartAsync(userId, context.Properties.IsPersistent, context.HttpContext);
            identity.AddClaim(new Claim(UserSessions.ClaimType, sessionId.ToString("D")));

            if (context.Properties.IsPersistent)
            {
                // "Keep me signed in": one 30-day cookie, not renewed, instead of the sliding 30-minute one.
                var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
                context.Properties.ExpiresUtc = clock.GetUtcNow() + UserSessions.PersistentLifetime;
                context.Properties.AllowRefresh = false;
            }
        };

        var stampValidation = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            var sessionId = context.Principal is null ? null : UserSessions.IdOf(context.Principal);
            var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
            if (sessionId is null || !await sessions.TouchAsync(sessionId.Value, context.HttpContext))
            {
                context.RejectPrincipal();
                await context.HttpContext.RequestServices.GetRequiredService<SignInManager<PodiumUser>>().SignOutAsync();
                return;
            }

            await stampValidation(context);
        };
    }
}
