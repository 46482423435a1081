using System.ComponentModel;
using System.Net;
using System.Text.Json.Serialization;

namespace Podium.Platform.Security;

internal enum IpRuleOutcome
{
    Allowed,

    /// <summary>A deny rule covers the address.</summary>
    Denied,

    /// <summary>The scope has allow rules and none covers the address.</summary>
    NotAllowed,
}

internal readonly record struct IpRuleVerdict(IpRuleOutcome Outcome, string? Scope)
{
    public bool Allowed => Outcome == IpRuleOutcome.Allowed;

    public string Reason => Outcome == IpRuleOutcome.Denied ? "denied" : "not-allowed";
}

/// <summary>One rule as cached: plain text, so it travels through Redis like any other entry.</summary>
internal sealed record IpRuleEntry(string Scope, string Kind, string Network);

/// <summary>
/// Every IP rule, parsed once for checking requests. Deny wins: an address a deny rule of an applicable scope covers
/// is refused even when an allow rule covers it too. A scope with allow rules admits only addresses one of them covers;
/// a scope without any admits everyone not denied. The admin area must pass the site's rules and its own.
/// </summary>
/// <remarks>
/// Sealed and immutable, so the in-process cache hands every request this same instance instead of deserialising a
/// copy (and re-parsing every range) each time.
/// </remarks>
[ImmutableObject(true)]
internal sealed class IpRuleSet
{
    public static readonly IpRuleSet Empty = new([]);

    private readonly ScopeRules _site;
    private readonly ScopeRules _admin;

    public IpRuleSet(IReadOnlyList<IpRuleEntry> rules)
    {
        Rules = rules;
        _site = new ScopeRules(IpRuleScopes.Site, rules);
        _admin = new ScopeRules(IpRuleScopes.Admin, rules);
    }

    public IReadOnlyList<IpRuleEntry> Rules { get; }

    [JsonIgnore]
    public bool IsEmpty => Rules.Count == 0;

    /// <param name="address">The client's address (<see cref="ClientAddress"/>); unknown matches no rule.</param>
    /// <param name="adminArea">Whether the request is for the admin pages or API.</param>
    public IpRuleVerdict Check(IPAddress? address, bool adminArea)
    {
        if (_site.Denies(address))
        {
            return new IpRuleVerdict(IpRuleOutcome.Denied, IpRuleScopes.Site);
        }

        if (adminArea && _admin.Denies(address))
        {
            return new IpRuleVerdict(IpRuleOutcome.Denied, IpRuleScopes.Admin);
        }

        if (!_site.Admits(address))
        {
            return new IpRuleVerdict(IpRuleOutcome.NotAllowed, IpRuleScopes.Site);
        }

        if (adminArea && !_admin.Admits(address))
        {
            return new IpRuleVerdict(IpRuleOutcome.NotAllowed, IpRuleScopes.Admin);
        }

        return new IpRuleVerdict(IpRuleOutcome.Allowed, null);
    }

    private sealed class ScopeRules
    {
        private readonly bool _hasAllowList;
        private readonly IPNetwork[] _allow;
        private readonly IPNetwork[] _deny;

        public ScopeRules(string scope, IReadOnlyList<IpRuleEntry> rules)
        {
            _hasAllowList = rules.Any(r => r.Scope == scope && r.Kind == IpRuleKinds.Allow);
            _allow = Parse(rules, scope, IpRuleKinds.Allow);
            _deny = Parse(rules, scope, IpRuleKinds.Deny);
        }

        public bool Denies(IPAddress? address) => address is not null && Covers(_deny, address);

        public bool Admits(IPAddress? address) => !_hasAllowList || (address is not null && Covers(_allow, address));

        private static bool Covers(IPNetwork[] networks, IPAddress address)
        {
            foreach (var network in networks)
            {
                if (network.Contains(address))
                {
                    return true;
                }
            }

            return false;
        }

        // Stored rules were validated on the way in. One that somehow no longer parses covers nothing (an allow list
        // holding only such a rule still admits no one: failing open would be the wrong way round).
        private static IPNetwork[] Parse(IReadOnlyList<IpRuleEntry> rules, string scope, string kind) =>
            [.. rules.Where(r => r.Scope == scope && r.Kind == kind)
                .Select(r => IpRanges.TryParse(r.Network, out var network, out _) ? network : (IPNetwork?)null)
                .OfType<IPNetwork>()];
    }
}
