using Microsoft.EntityFrameworkCore;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Outbox;
using Podium.Platform.Settings;

namespace Podium.Platform.Email;

/// <summary>Something the site's administrators should act on (a feed that failed, records held back).</summary>
/// <param name="Subject">One line, without the site's name (added).</param>
/// <param name="Text">Plain text: what happened, and where on the site to look.</param>
public sealed record AdminNotice(string Subject, string Text);

/// <summary>
/// Tells every administrator by e-mail, through the outbox (delivered at least once; inside a caller's transaction, with its commit). The caller decides when a notice is worth sending: this sends every one it is given.
/// </summary>
public interface IAdminNotices
{
    /// <returns>How many administrators were sent it.</returns>
    Task<int> SendAsync(AdminNotice notice, CancellationToken cancellationToken);
}

internal sealed class AdminNotices(PodiumDbContext db, IOutbox outbox, ISettingsStore settings) : IAdminNotices
{
    public const string Template = "admin-notice";

    public async Task<int> SendAsync(AdminNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentException.ThrowIfNullOrWhiteSpace(notice.Subject);
        var admins = await db.Users.AsNoTracking()
            .Where(u => u.Email != null && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin)))
            .Select(u => new { Email = u.Email!, u.DisplayName })
            .ToListAsync(cancellationToken);
        if (admins.Count == 0)
        {
            return 0;
        }

        var site = await settings.GetSiteNameAsync(cancellationToken);
        foreach (var admin in admins)
        {
            outbox.Enqueue(EmailTemplates.Render(Template, admin.Email, admin.DisplayName, new Dictionary<string, string>
            {
                ["SiteName"] = site,
                ["Name"] = admin.DisplayName,
                ["Subject"] = notice.Subject,
                ["Text"] = notice.Text,
            }));
        }

        if (db.Database.CurrentTransaction is null)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return admins.Count;
    }
}
