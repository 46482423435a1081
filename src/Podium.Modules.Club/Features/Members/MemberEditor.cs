using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Podium.Platform.Audit;
using Podium.Platform.Caching;
using Podium.Platform.Data;

namespace Podium.Modules.Club.Features.Members;

internal sealed class MemberInput
{
    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public MembershipKind Kind { get; set; } = MembershipKind.Member;

    /// <summary><c>yyyy-MM-dd</c>, or empty when the angler has not paid.</summary>
    public string? DuesPaidThrough { get; set; }

    public static MemberInput From(Angler a) => new()
    {
        Name = a.Name,
        Email = a.Email,
        Phone = a.Phone,
        Kind = a.Kind,
        DuesPaidThrough = a.DuesPaidThrough?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// Officers add and edit anglers. The e-mail is the angler's key (imports match on it, accounts link by it), so it is
/// unique and lower-case; a name or kind change drops the cached standings, which show both. Every change is audited.
/// An angler changes their own name, phone and news e-mails here, and the weigh-master adds a guest at the ramp.
/// </summary>
internal sealed class MemberEditor(PodiumDbContext db, IAuditLog audit, IPodiumCache cache, TimeProvider time)
{
    private const string PhoneMessage = "Enter a phone number with digits, spaces, +, -, ( ) only, for example (512) 555-0142.";

    public async Task<CommandResult<Angler>> SaveAsync(Guid? id, MemberInput input, Guid? actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>();
        var name = input.Name?.Trim() ?? "";
        var email = Angler.NormalizeEmail(input.Email ?? "");
        var phone = string.IsNullOrWhiteSpace(input.Phone) ? null : input.Phone.Trim();
        DateOnly? paid = null;
        if (name.Length == 0 || name.Length > Angler.MaxNameLength)
        {
            errors[nameof(input.Name)] = $"Enter the angler's name (up to {Angler.MaxNameLength} characters).";
        }

        if (!IsEmail(email))
        {
            errors[nameof(input.Email)] = "Enter an e-mail address such as pat@example.org.";
        }
        else if (await db.Set<Angler>().AnyAsync(a => a.Email == email && a.Id != id, cancellationToken))
        {
            errors[nameof(input.Email)] = "Another angler already has this e-mail address.";
        }

        if (phone is not null && !PhoneNumber.IsPlausible(phone))
        {
            errors[nameof(input.Phone)] = PhoneMessage;
        }

        if (!Enum.IsDefined(input.Kind))
        {
            errors[nameof(input.Kind)] = "Choose member or guest.";
        }

        if (!string.IsNullOrWhiteSpace(input.DuesPaidThrough))
        {
            if (DateOnly.TryParseExact(input.DuesPaidThrough.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 2000 and <= 2100)
            {
                paid = date;
            }
            else
            {
                errors[nameof(input.DuesPaidThrough)] = "Enter the date dues are paid through, for example 2026-12-31, or leave it empty.";
            }
        }

        if (errors.Count > 0)
        {
            return CommandResult<Angler>.Invalid(errors);
        }

        Angler? angler;
        object? before = null;
        if (id is { } existing)
        {
            angler = await db.Set<Angler>().FirstOrDefaultAsync(a => a.Id == existing, cancellationToken);
            if (angler is null)
            {
                return CommandResult<Angler>.Invalid("", "That angler no longer exists.");
            }

            before = Snapshot(angler);
        }
        else
        {
            angler = new Angler { CreatedAt = time.GetUtcNow().UtcDateTime };
            db.Add(angler);
        }

        (angler.Name, angler.Email, angler.Phone, angler.Kind, angler.DuesPaidThrough) = (name, email, phone, input.Kind, paid);
        try
        {
            await db.SaveChangesInTransactionAsync(
                ct => audit.RecordInTransactionAsync(db, before is null ? "club.angler.created" : "club.angler.updated", "success", actorId, $"club-angler:{angler.Id}",
                    new { before, after = Snapshot(angler) }, ct),
                cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two officers adding the same address at once: the unique index decides.
            db.ChangeTracker.Clear();
            return CommandResult<Angler>.Invalid(nameof(input.Email), "Another angler already has this e-mail address.");
        }

        await cache.AnglersChangedAsync(cancellationToken);
        return CommandResult<Angler>.Ok(angler);
    }

    /// <summary>An angler's own details (<c>/club/me</c>); errors are keyed "Name" and "Phone".</summary>
    public async Task<CommandResult<Angler>> SaveOwnDetailsAsync(Guid anglerId, string? name, string? phone, bool newsEmails, Guid? userId, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        name = name?.Trim() ?? "";
        phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        if (name.Length == 0 || name.Length > Angler.MaxNameLength)
        {
            errors["Name"] = $"Enter your name (up to {Angler.MaxNameLength} characters).";
        }

        if (phone is not null && !PhoneNumber.IsPlausible(phone))
        {
            errors["Phone"] = PhoneMessage;
        }

        if (errors.Count > 0)
        {
            return CommandResult<Angler>.Invalid(errors);
        }

        if (await db.Set<Angler>().FirstOrDefaultAsync(a => a.Id == anglerId, cancellationToken) is not { } angler)
        {
            return CommandResult<Angler>.NotFound("Angler not found", "No angler of the club has this id.");
        }

        var before = new { angler.Name, angler.Phone, angler.NewsEmails };
        var renamed = angler.Name != name;
        (angler.Name, angler.Phone, angler.NewsEmails) = (name, phone, newsEmails);
        await db.SaveChangesInTransactionAsync(
            ct => audit.RecordInTransactionAsync(db, "club.angler.updated", "success", userId, $"club-angler:{angler.Id}",
                new { before, after = new { angler.Name, angler.Phone, angler.NewsEmails } }, ct),
            cancellationToken);
        if (renamed)
        {
            await cache.AnglersChangedAsync(cancellationToken);
        }
        return CommandResult<Angler>.Ok(angler);
    }

    /// <summary>
    /// A guest who turned up at the ramp: a name is enough; the e-mail links them later if they join. Errors are
    /// keyed "Name" and "Email".
    /// </summary>
    public async Task<CommandResult<Angler>> AddGuestAsync(string? name, string? email, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > Angler.MaxNameLength)
        {
            errors["Name"] = $"Enter the guest's name (up to {Angler.MaxNameLength} characters).";
        }

        email = string.IsNullOrWhiteSpace(email) ? null : Angler.NormalizeEmail(email);
        if (email is not null)
        {
            if (!new EmailAddressAttribute().IsValid(email) || email.Length > Angler.MaxEmailLength)
            {
                errors["Email"] = "That doesn't look like an e-mail address; leave it empty if you don't have one.";
            }
            else if (await db.Set<Angler>().AnyAsync(a => a.Email == email, cancellationToken))
            {
                errors["Email"] = "An angler with that e-mail is already on the list; pick them above.";
            }
        }

        if (errors.Count > 0)
        {
            return CommandResult<Angler>.Invalid(errors);
        }

        var guest = new Angler
        {
            Name = name,
            // The e-mail is the angler's unique key; a guest without one gets a placeholder that can never receive mail.
            Email = email ?? $"guest-{Guid.CreateVersion7():N}@guests.invalid",
            Kind = MembershipKind.Guest,
            NewsEmails = false,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Add(guest);
        await db.SaveChangesAsync(cancellationToken);
        if (email is not null)
        {
            // Someone signed in with this address and no angler yet links to the guest on their next request.
            await cache.InvalidateTagAsync(ClubCacheTags.Access, cancellationToken);
        }

        return CommandResult<Angler>.Ok(guest);
    }

    private static bool IsEmail(string email) =>
        email.Length is > 3 and <= Angler.MaxEmailLength
        && MailAddress.TryCreate(email, out var parsed)
        && parsed.Address == email
        && parsed.Host.Contains('.', StringComparison.Ordinal);

    private static object Snapshot(Angler a) => new { a.Name, a.Email, a.Phone, a.Kind, a.DuesPaidThrough };
}
