using System.Net;
using Podium.Platform.Security;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Security;

/// <summary>The pure parts of the IP rules: deciding a request, surviving the cache, throttling the reports.</summary>
public sealed class IpRuleSetTests
{
    private static IpRuleSet Rules(params (string Scope, string Kind, string Network)[] rules) =>
        new([.. rules.Select(r => new IpRuleEntry(r.Scope, r.Kind, r.Network))]);

    private static IpRuleOutcome Site(IpRuleSet rules, string? address) =>
        rules.Check(address is null ? null : IPAddress.Parse(address), adminArea: false).Outcome;

    private static IpRuleOutcome AdminArea(IpRuleSet rules, string? address) =>
        rules.Check(address is null ? null : IPAddress.Parse(address), adminArea: true).Outcome;

    [Fact]
    public void Check_WithoutRules_AllowsEveryoneEverywhere()
    {
        Site(IpRuleSet.Empty, "203.0.113.7").ShouldBe(IpRuleOutcome.Allowed);
        AdminArea(IpRuleSet.Empty, "2001:db8::1").ShouldBe(IpRuleOutcome.Allowed);
        AdminArea(IpRuleSet.Empty, null).ShouldBe(IpRuleOutcome.Allowed);
    }

    [Fact]
    public void Check_DenyWinsOverAnAllowThatCoversTheSameAddress()
    {
        var rules = Rules(("site", "allow", "203.0.113.0/24"), ("site", "deny", "203.0.113.7/32"));

        Site(rules, "203.0.113.7").ShouldBe(IpRuleOutcome.Denied);
        Site(rules, "203.0.113.8").ShouldBe(IpRuleOutcome.Allowed);
    }

    [Fact]
    public void Check_WithAnAllowList_AdmitsOnlyCoveredAddresses()
    {
        var rules = Rules(("site", "allow", "203.0.113.0/24"), ("site", "allow", "2001:db8::/32"));

        Site(rules, "203.0.113.200").ShouldBe(IpRuleOutcome.Allowed);
        Site(rules, "2001:db8:1::5").ShouldBe(IpRuleOutcome.Allowed);
        Site(rules, "198.51.100.1").ShouldBe(IpRuleOutcome.NotAllowed);
        Site(rules, "2001:db9::1").ShouldBe(IpRuleOutcome.NotAllowed);
        // An address nobody knows is in no list.
        Site(rules, null).ShouldBe(IpRuleOutcome.NotAllowed);
    }

    [Fact]
    public void Check_AdminRules_ApplyOnlyToTheAdminAreaAndOnTopOfTheSites()
    {
        var rules = Rules(("admin", "allow", "10.0.0.0/8"), ("site", "deny", "10.6.6.6/32"), ("admin", "deny", "10.9.9.9/32"));

        Site(rules, "198.51.100.1").ShouldBe(IpRuleOutcome.Allowed);
        AdminArea(rules, "198.51.100.1").ShouldBe(IpRuleOutcome.NotAllowed);
        AdminArea(rules, "10.1.2.3").ShouldBe(IpRuleOutcome.Allowed);
        AdminArea(rules, "10.6.6.6").ShouldBe(IpRuleOutcome.Denied);
        Site(rules, "10.9.9.9").ShouldBe(IpRuleOutcome.Allowed);
        AdminArea(rules, "10.9.9.9").ShouldBe(IpRuleOutcome.Denied);
        rules.Check(IPAddress.Parse("10.9.9.9"), adminArea: true).Scope.ShouldBe("admin");
        rules.Check(IPAddress.Parse("198.51.100.1"), adminArea: true).Scope.ShouldBe("admin");
    }

    [Fact]
    public void Check_AnIpv4RuleNeverCoversIpv6_AndTheReverse()
    {
        var rules = Rules(("site", "deny", "0.0.0.0/0"));

        Site(rules, "2001:db8::1").ShouldBe(IpRuleOutcome.Allowed);
        Site(rules, "198.51.100.1").ShouldBe(IpRuleOutcome.Denied);
    }

    [Fact]
    public void Check_AnAllowListWhoseOnlyRuleIsUnreadable_AdmitsNoOne()
    {
        var rules = Rules(("site", "allow", "garbage"));

        Site(rules, "198.51.100.1").ShouldBe(IpRuleOutcome.NotAllowed);
    }

    [Fact]
    public void RuleSet_AfterATripThroughTheDistributedCachesJson_DecidesTheSame()
    {
        var rules = Rules(("site", "deny", "198.51.100.0/24"), ("admin", "allow", "2001:db8::/32"));

        var copy = System.Text.Json.JsonSerializer.Deserialize<IpRuleSet>(System.Text.Json.JsonSerializer.Serialize(rules))!;

        copy.Rules.ShouldBe(rules.Rules);
        Site(copy, "198.51.100.1").ShouldBe(IpRuleOutcome.Denied);
        AdminArea(copy, "2001:db8::1").ShouldBe(IpRuleOutcome.Allowed);
        AdminArea(copy, "203.0.113.1").ShouldBe(IpRuleOutcome.NotAllowed);
    }

    [Fact]
    public void Throttle_RecordsTheFirstOfEachKeyPerWindowAndCountsTheRest()
    {
        var clock = new TestClock();
        var throttle = new SecurityEventThrottle(clock);

        throttle.ShouldRecord("a", out var first).ShouldBeTrue();
        first.ShouldBe(0);
        for (var i = 0; i < 5; i++)
        {
            throttle.ShouldRecord("a", out _).ShouldBeFalse();
        }

        throttle.ShouldRecord("b", out _).ShouldBeTrue();
        clock.Advance(SecurityEventThrottle.Window);
        throttle.ShouldRecord("a", out var suppressed).ShouldBeTrue();
        suppressed.ShouldBe(5);
    }

    [Fact]
    public void Throttle_ManyKeysAtOnce_RecordNoMoreThanTheBudgetPerWindow()
    {
        var clock = new TestClock();
        var throttle = new SecurityEventThrottle(clock);

        var recorded = Enumerable.Range(0, 1000).Count(i => throttle.ShouldRecord($"k{i}", out _));

        recorded.ShouldBe(SecurityEventThrottle.BudgetPerWindow);
        clock.Advance(SecurityEventThrottle.Window);
        // A key cut by the budget is due in the next window, with what it lost.
        throttle.ShouldRecord("k999", out var suppressed).ShouldBeTrue();
        suppressed.ShouldBe(1);
    }
}
