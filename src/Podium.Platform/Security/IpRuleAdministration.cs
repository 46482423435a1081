using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Audit;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Platform.Identity;

namespace Podium.Platform.Security;

public sealed record IpRuleRow(long Id, string Scope, string Kind, string Network, string? Note, DateTime CreatedAt, string? CreatedByName);

/// <summary>The outcome of a change; on refusal, the form field at fault (null for the change as a whole) and why.</summary>
public sealed record IpRuleResult(string? Field, string? Error)
{
    public static readonly IpRuleResult Success = new(null, null);

    public bool Succeeded => Error is null;
}

/// <summary>The rules as every request sees them: one cached set for the cluster, reloaded only after a change.</summary>
internal sealed class IpRuleCache(IPodiumCache cache, IServiceScopeFactory scopes)
{
    public const string Tag = "platform:ip-rules";
    private const string Key = "platform:ip-rules";

    public ValueTask<IpRuleSet> GetAsync(CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(Key, async token =>
        {
            await using var scope = scopes.CreateAsyncScope();
            return await IpRuleAdministration.LoadAsync(scope.ServiceProvider.GetRequiredService<PodiumDbContext>(), token);
        }, [Tag], cancellationToken: cancellationToken);

    public ValueTask InvalidateAsync(CancellationToken cancellationToken) => cache.InvalidateTagAsync(Tag, cancellationToken);
}

/// <summary>
/// What administrators do to the IP rules. Every change is audited and reaches every instance at once. A change that
/// would shut out the administrator making it (their own address no longer reaching the admin pages) is refused.
/// </summary>
public sealed class IpRuleAdministration
{
    /// <summary>Each request is checked against every rule; the lists are for networks, not for collecting addresses.</summary>
    public const int MaxRules = 500;

    private readonly PodiumDbContext _db;
    private readonly IpRuleCache _cache;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;

    internal IpRuleAdministration(PodiumDbContext db, IpRuleCache cache, IAuditLog audit, TimeProvider time)
    {
        _db = db;
        _cache = cache;
        _audit = audit;
        _time = time;
    }

    public async Task<IReadOnlyList<IpRuleRow>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await _db.Set<IpRule>().AsNoTracking()
            .GroupJoin(_db.Set<PodiumUser>(), r => r.CreatedBy, u => u.Id, (r, creators) => new { r, creators })
            .SelectMany(x => x.creators.DefaultIfEmpty(), (x, creator) => new IpRuleRow(
                x.r.Id, x.r.Scope, x.r.Kind, x.r.Network, x.r.Note, x.r.CreatedAt, creator == null ? null : creator.DisplayName))
            .ToListAsync(cancellationToken);
        // Site rules first (they apply everywhere), allow before deny, then in the order they were added.
        return [.. rows.OrderBy(r => r.Scope == IpRuleScopes.Site ? 0 : 1).ThenBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Id)];
    }

    /// <param name="adminAddress">The acting administrator's address (<see cref="ClientAddress"/>), which must stay in.</param>
    public async Task<IpRuleResult> AddAsync(
        Guid adminId, IPAddress? adminAddress, string? scope, string? kind, string? network, string? note, CancellationToken cancellationToken)
    {
        if (!IpRuleScopes.All.Contains(scope))
        {
            return new IpRuleResult("Scope", "Choose where the rule applies: the whole site or the admin area.");
        }

        if (!IpRuleKinds.All.Contains(kind))
        {
            return new IpRuleResult("Kind", "Choose whether the rule allows or denies the addresses.");
        }

        if (!IpRanges.TryParse(network, out var parsed, out var problem))
        {
            return new IpRuleResult("Network", problem);
        }

        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note?.Length > IpRuleConfiguration.NoteLength)
        {
            return new IpRuleResult("Note", $"Keep the note to {IpRuleConfiguration.NoteLength} characters.");
        }

        var rule = new IpRule
        {
            Scope = scope!,
            Kind = kind!,
            Network = IpRanges.Format(parsed),
            Note = note,
            CreatedAt = _time.GetUtcNow().UtcDateTime,
            CreatedBy = adminId,
        };
        var current = await _db.Set<IpRule>().AsNoTracking().ToListAsync(cancellationToken);
        if (current.Any(r => r.Scope == rule.Scope && r.Kind == rule.Kind && r.Network == rule.Network))
        {
            return new IpRuleResult("Network", $"There is already a {rule.Scope} {rule.Kind} rule for {rule.Network}.");
        }

        if (current.Count >= MaxRules)
        {
            return new IpRuleResult(null, $"There are {MaxRules} rules already, the most Podium checks on every request; remove some, or cover several addresses with one range.");
        }

        if (LocksOut([.. current, rule], adminAddress) is { } lockout)
        {
            return new IpRuleResult("Network", $"Not saved: {lockout}");
        }

        _db.Add(rule);
        try
        {
            await _db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another administrator added the same rule a moment ago (the unique index).
            return new IpRuleResult("Network", $"There is already a {rule.Scope} {rule.Kind} rule for {rule.Network}.");
        }

        await _cache.InvalidateAsync(cancellationToken);
        await _audit.RecordAsync("admin.ip-rule-added", AuditOutcome.Success, adminId, rule.Id.ToString(CultureInfo.InvariantCulture),
            new { rule.Scope, rule.Kind, rule.Network, rule.Note }, cancellationToken);
        return IpRuleResult.Success;
    }

    public async Task<IpRuleResult> RemoveAsync(Guid adminId, IPAddress? adminAddress, long id, CancellationToken cancellationToken)
    {
        var current = await _db.Set<IpRule>().ToListAsync(cancellationToken);
        if (current.FirstOrDefault(r => r.Id == id) is not { } rule)
        {
            return new IpRuleResult(null, "There is no such rule; it may have been removed already.");
        }

        if (LocksOut([.. current.Where(r => r.Id != id)], adminAddress) is { } lockout)
        {
            return new IpRuleResult(null, $"Not removed: {lockout}");
        }

        _db.Remove(rule);
        await _db.SaveChangesAsync(cancellationToken);
        await _cache.InvalidateAsync(cancellationToken);
        await _audit.RecordAsync("admin.ip-rule-removed", AuditOutcome.Success, adminId, rule.Id.ToString(CultureInfo.InvariantCulture),
            new { rule.Scope, rule.Kind, rule.Network, rule.Note }, cancellationToken);
        return IpRuleResult.Success;
    }

    internal static async Task<IpRuleSet> LoadAsync(PodiumDbContext db, CancellationToken cancellationToken)
    {
        var rules = await db.Set<IpRule>().AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new IpRuleEntry(r.Scope, r.Kind, r.Network))
            .ToListAsync(cancellationToken);
        return rules.Count == 0 ? IpRuleSet.Empty : new IpRuleSet(rules);
    }

    /// <summary>Why <paramref name="rules"/> would keep <paramref name="adminAddress"/> out of the admin area; null if they would not.</summary>
    private static string? LocksOut(IReadOnlyList<IpRule> rules, IPAddress? adminAddress)
    {
        var verdict = new IpRuleSet([.. rules.Select(r => new IpRuleEntry(r.Scope, r.Kind, r.Network))]).Check(adminAddress, adminArea: true);
        if (verdict.Allowed)
        {
            return null;
        }

        var you = adminAddress is null ? "your address, which is unknown here," : $"your own address ({adminAddress})";
        var why = verdict.Outcome == IpRuleOutcome.Denied
            ? $"a {verdict.Scope} deny rule would cover it"
            : $"it would not be in the {verdict.Scope} allow list";
        return $"{you} could no longer reach the admin pages, because {why}. Allow your address first (or make this change from an address that stays allowed).";
    }
}
