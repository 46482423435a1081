using System.Globalization;
using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Domain;
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
/// </summary>
internal sealed class MemberEditor(PodiumDbContext db, IAuditLog audit, IPodiumCache cache, TimeProvider time)
{
    public async Task<EditResult<Angler>> SaveAsync(Guid? id, MemberInput input, Guid? actorId, CancellationToken cancellationToken)
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
            errors[nameof(input.Phone)] = "Enter a phone number with digits, spaces, +, -, ( ) only, for example (512) 555-0142.";
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
            return EditResult<Angler>.Fail(errors);
        }

        Angler? angler;
        object? before = null;
        if (id is { } existing)
        {
            angler = await db.Set<Angler>().FirstOrDefaultAsync(a => a.Id == existing, cancellationToken);
            if (angler is null)
            {
                return EditResult<Angler>.Fail("", "That angler no longer exists.");
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
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two officers adding the same address at once: the unique index decides.
            db.ChangeTracker.Clear();
            return EditResult<Angler>.Fail(nameof(input.Email), "Another angler already has this e-mail address.");
        }

        await cache.AnglersChangedAsync(cancellationToken);
        await audit.RecordAsync(before is null ? "club.angler.created" : "club.angler.updated", "success", actorId, $"club-angler:{angler.Id}",
            new { before, after = Snapshot(angler) }, cancellationToken);
        return EditResult<Angler>.Ok(angler);
    }

    private static bool IsEmail(string email) =>
        email.Length is > 3 and <= Angler.MaxEmailLength
        && MailAddress.TryCreate(email, out var parsed)
        && parsed.Address == email
        && parsed.Host.Contains('.', StringComparison.Ordinal);

    private static object Snapshot(Angler a) => new { a.Name, a.Email, a.Phone, a.Kind, a.DuesPaidThrough };
}
