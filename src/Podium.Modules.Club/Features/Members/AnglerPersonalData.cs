using Microsoft.EntityFrameworkCore;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Modules.LocalTime;

namespace Podium.Modules.Club.Features.Members;

/// <summary>
/// The club's part of "download my data" and of deleting an account: the angler linked to the account (contact
/// details, membership, results, team entries, offices, poll votes) and the news posts the account wrote.
/// </summary>
internal sealed class AnglerPersonalData(PodiumDbContext db, ClubSettings settings, IPodiumCache cache) : IPersonalDataContributor
{
    /// <summary>A news post's byline once its author's account is gone (only officers and administrators write news).</summary>
    public const string ErasedAuthorName = "Former officer";

    public string Section => ClubModule.Name;

    public async Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var angler = await db.Set<Angler>().AsNoTracking().FirstOrDefaultAsync(a => a.UserId == userId, cancellationToken);
        var posts = await db.Set<NewsPost>().AsNoTracking().Where(p => p.AuthorId == userId).OrderBy(p => p.CreatedAt)
            .Select(p => new { title = p.Title, status = p.Status.ToString(), authorName = p.AuthorName, createdAtUtc = p.CreatedAt, publishedAtUtc = p.PublishedAt })
            .ToListAsync(cancellationToken);
        if (angler is null && posts.Count == 0)
        {
            return null;
        }

        var zone = (await settings.GetAsync(cancellationToken)).Zone;
        return new
        {
            angler = angler is null ? null : await ExportAnglerAsync(angler, zone, cancellationToken),
            newsPosts = posts,
        };
    }

    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        var angler = await db.Set<Angler>().FirstOrDefaultAsync(a => a.UserId == userId, cancellationToken);
        angler?.Erase();
        foreach (var post in await db.Set<NewsPost>().Where(p => p.AuthorId == userId).ToListAsync(cancellationToken))
        {
            post.AuthorName = ErasedAuthorName;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    // Boards and standings show the name; the viewer cache holds the account's angler. Dropped whether or not the account
    // had one: a cheap invalidation beats remembering across the transaction which attempt found it.
    public Task ErasedAsync(Guid userId, CancellationToken cancellationToken) => cache.AnglersChangedAsync(cancellationToken);

    private async Task<object> ExportAnglerAsync(Angler angler, LocalZone zone, CancellationToken cancellationToken)
    {
        var id = angler.Id;
        var results = await db.Set<TournamentResult>().AsNoTracking().Where(r => r.AnglerId == id)
            .Select(r => new
            {
                r.Tournament.Event.Title, r.Tournament.Event.StartsAt, r.Tournament.Season, Lake = r.Tournament.Lake!.Name,
                r.Fish, r.TotalWeight, r.BigBass, r.DeadFishPenalty, r.Disqualified, r.BuyIn, r.Member, r.Place, r.Points,
            })
            .ToListAsync(cancellationToken);
        var teams = await (
                from team in db.Set<TeamResult>().AsNoTracking()
                join tournament in db.Set<Tournament>() on team.TournamentId equals tournament.Id
                where team.Angler1Id == id || team.Angler2Id == id
                select new
                {
                    tournament.Event.Title, tournament.Event.StartsAt,
                    Partner = team.Angler1Id == id ? team.Angler2!.Name : team.Angler1.Name,
                    team.TotalWeight, team.Place,
                })
            .ToListAsync(cancellationToken);
        var votes = await (
                from vote in db.Set<PollVote>().AsNoTracking()
                join poll in db.Set<Poll>() on vote.PollId equals poll.Id
                where vote.AnglerId == id
                select new
                {
                    poll = poll.Title,
                    choice = vote.OptionId == null ? null : db.Set<PollOption>().Where(o => o.Id == vote.OptionId).Select(o => o.Text).FirstOrDefault(),
                    other = vote.OtherText,
                    castAtUtc = vote.CastAt,
                })
            .ToListAsync(cancellationToken);
        var offices = await db.Set<OfficerTerm>().AsNoTracking().Where(t => t.AnglerId == id)
            .Select(t => new { season = t.Season, position = t.Position.Name })
            .ToListAsync(cancellationToken);

        DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(zone.ToLocal(utc));
        return new
        {
            name = angler.Name,
            email = angler.Email,
            phone = angler.Phone,
            kind = angler.Kind.ToString(),
            duesPaidThrough = angler.DuesPaidThrough,
            newsEmails = angler.NewsEmails,
            addedAtUtc = angler.CreatedAt,
            results = results.OrderBy(r => r.StartsAt).Select(r => new
            {
                tournament = r.Title,
                date = LocalDate(r.StartsAt),
                season = r.Season,
                lake = r.Lake,
                fish = r.Fish,
                weightLb = Weight.ToPounds(r.TotalWeight),
                deadFishPenaltyLb = Weight.ToPounds(r.DeadFishPenalty),
                bigBassLb = Weight.ToPounds(r.BigBass),
                disqualified = r.Disqualified,
                buyIn = r.BuyIn,
                member = r.Member,
                place = r.Place,
                points = r.Points,
            }),
            teamResults = teams.OrderBy(t => t.StartsAt).Select(t => new
            {
                tournament = t.Title,
                date = LocalDate(t.StartsAt),
                partner = t.Partner,
                weightLb = Weight.ToPounds(t.TotalWeight),
                place = t.Place,
            }),
            officerTerms = offices.OrderBy(o => o.season),
            pollVotes = votes.OrderBy(v => v.castAtUtc),
        };
    }
}
