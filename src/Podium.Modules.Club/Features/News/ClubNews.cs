using System.Text.Encodings.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Podium.Platform.Audit;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Platform.Email;
using Podium.Platform.Identity;
using Podium.Platform.Modules.Formats;
using Podium.Platform.Outbox;

namespace Podium.Modules.Club.Features.News;

internal sealed class NewsInput
{
    public string? Title { get; set; }

    public string? Markdown { get; set; }

    public bool Pinned { get; set; }
}

internal enum NewsAction
{
    SaveDraft,
    Publish,
    Unpublish,
}

/// <summary>
/// Writes club news. Publishing for the first time queues one e-mail per member who wants news, in the same
/// transaction as the publish; the post remembers it was mailed, so unpublishing and publishing again never mails twice.
/// </summary>
internal sealed class ClubNews(
    PodiumDbContext db, ClubSettings settings, IOutbox outbox, IAuditLog audit, AccountLinks links, IDataProtectionProvider protection, IPodiumCache cache, TimeProvider time)
{
    private const string UnsubscribePurpose = "Podium.Club.NewsUnsubscribe";

    public async Task<CommandResult<NewsPost>> SaveAsync(Guid? id, NewsInput input, NewsAction action, Guid authorId, string authorName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>();
        var title = input.Title?.Trim() ?? "";
        var markdown = input.Markdown?.Trim() ?? "";
        if (title.Length == 0)
        {
            errors[nameof(input.Title)] = "Give the post a title.";
        }
        else if (title.Length > NewsPost.MaxTitleLength)
        {
            errors[nameof(input.Title)] = $"Keep the title to {NewsPost.MaxTitleLength} characters.";
        }

        if (markdown.Length == 0)
        {
            errors[nameof(input.Markdown)] = "Write something in the post.";
        }
        else if (markdown.Length > NewsPost.MaxMarkdownLength)
        {
            errors[nameof(input.Markdown)] = $"Keep the post to {NewsPost.MaxMarkdownLength:N0} characters.";
        }

        if (errors.Count > 0)
        {
            return CommandResult<NewsPost>.Invalid(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var club = await settings.GetAsync(cancellationToken);
        var saved = await db.InTransactionAsync<(NewsPost Post, object? Before, int Mailed)?>(async ct =>
        {
            NewsPost? post;
            object? before = null;
            if (id is { } existing)
            {
                post = await db.Set<NewsPost>().FirstOrDefaultAsync(p => p.Id == existing, ct);
                if (post is null)
                {
                    return null;
                }

                before = Snapshot(post);
            }
            else
            {
                post = new NewsPost { AuthorId = authorId, AuthorName = authorName, CreatedAt = now };
                db.Add(post);
            }

            post.Title = title;
            post.Markdown = markdown;
            post.Html = MarkdownRenderer.ToSafeHtml(markdown);
            post.Pinned = input.Pinned;
            post.UpdatedAt = now;
            if (action == NewsAction.Publish)
            {
                post.Status = NewsStatus.Published;
                post.PublishedAt ??= now;
            }
            else if (action == NewsAction.Unpublish)
            {
                post.Status = NewsStatus.Draft;
            }

            var mailed = 0;
            await db.SaveChangesAsync(ct);
            // Claimed with a conditional update, so two officers pressing Publish at once still mail the members once.
            if (post.Status == NewsStatus.Published && post.EmailedAt is null
                && await db.Set<NewsPost>().Where(p => p.Id == post.Id && p.EmailedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.EmailedAt, now), ct) == 1)
            {
                post.EmailedAt = now;
                mailed = await QueueEmailsAsync(post, club, ct);
                await db.SaveChangesAsync(ct);
            }

            await audit.RecordInTransactionAsync(db, before is null ? "club.news.created" : "club.news.updated", "success", authorId, $"club-news:{post.Id}",
                new { before, after = Snapshot(post), emailsQueued = mailed }, ct);
            return (post, before, mailed);
        }, cancellationToken: cancellationToken);
        if (saved is not { } done)
        {
            return CommandResult<NewsPost>.Invalid("", "That post no longer exists.");
        }

        await cache.InvalidateTagAsync(ClubCacheTags.News, cancellationToken);
        return CommandResult<NewsPost>.Ok(done.Post);
    }

    public async Task<bool> DeleteAsync(Guid id, Guid actorId, CancellationToken cancellationToken)
    {
        var deleted = await db.InTransactionAsync(async ct =>
        {
            var post = await db.Set<NewsPost>().FirstOrDefaultAsync(p => p.Id == id, ct);
            if (post is null)
            {
                return false;
            }

            db.Remove(post);
            await db.SaveChangesAsync(ct);
            await audit.RecordInTransactionAsync(db, "club.news.deleted", "success", actorId, $"club-news:{id}", new { before = Snapshot(post) }, ct);
            return true;
        }, cancellationToken: cancellationToken);
        if (deleted)
        {
            await cache.InvalidateTagAsync(ClubCacheTags.News, cancellationToken);
        }

        return deleted;
    }

    /// <summary>The link in every news e-mail: works without signing in (many anglers never do), and only for that angler.</summary>
    public string UnsubscribeLink(Guid anglerId) =>
        links.Absolute($"/club/news/unsubscribe?token={Uri.EscapeDataString(Protector().Protect(anglerId.ToString("N")))}");

    /// <summary>Stops news e-mail to the angler a news e-mail's opt-out link names; false when the link is not valid.</summary>
    public async Task<bool> UnsubscribeAsync(string? token, CancellationToken cancellationToken)
    {
        if (AnglerFromToken(token) is not { } anglerId
            || await db.Set<Angler>().FirstOrDefaultAsync(a => a.Id == anglerId, cancellationToken) is not { } angler)
        {
            return false;
        }

        angler.NewsEmails = false;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("club.news.unsubscribed", "success", angler.UserId, $"club-angler:{angler.Id}", cancellationToken: cancellationToken);
        return true;
    }

    public Guid? AnglerFromToken(string? token)
    {
        try
        {
            return string.IsNullOrEmpty(token) ? null : Guid.ParseExact(Protector().Unprotect(token), "N");
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or FormatException)
        {
            return null;
        }
    }

    private IDataProtector Protector() => protection.CreateProtector(UnsubscribePurpose);

    private async Task<int> QueueEmailsAsync(NewsPost post, ClubSettingsSnapshot club, CancellationToken cancellationToken)
    {
        var readers = await db.Set<Angler>().AsNoTracking()
            .Where(a => a.NewsEmails && a.Kind == MembershipKind.Member && a.Email != "")
            .Select(a => new { a.Id, a.Name, a.Email })
            .ToListAsync(cancellationToken);
        var url = links.Absolute($"/club/news/{post.Id}");
        var text = MarkdownRenderer.ToPlainText(post.Markdown);
        var html = HtmlEncoder.Default;
        foreach (var reader in readers)
        {
            var unsubscribe = UnsubscribeLink(reader.Id);
            outbox.Enqueue(new EmailMessage(
                reader.Email,
                reader.Name,
                $"{club.Name}: {post.Title}",
                $"{post.Title}\n\n{text}\n\nRead it on the club site: {url}\n\n--\nYou get club news because you are a member of {club.Name}. "
                    + $"To stop these e-mails: {unsubscribe}",
                $"<h1>{html.Encode(post.Title)}</h1>{post.Html}<p><a href=\"{html.Encode(url)}\">Read it on the club site</a></p>"
                    + $"<hr><p style=\"font-size:small;color:#666\">You get club news because you are a member of {html.Encode(club.Name)}. "
                    + $"<a href=\"{html.Encode(unsubscribe)}\">Stop these e-mails</a>.</p>"));
        }

        return readers.Count;
    }

    private static object Snapshot(NewsPost p) => new { p.Title, p.Status, p.Pinned, p.PublishedAt, MarkdownLength = p.Markdown.Length };
}
