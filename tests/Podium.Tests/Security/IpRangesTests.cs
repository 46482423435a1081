using Podium.Platform.Security;

namespace Podium.Tests.Security;

/// <summary>Addresses and ranges as operators and administrators write them (settings, the IP rules form).</summary>
public sealed class IpRangesTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7/32")]
    [InlineData(" 203.0.113.0/24 ", "203.0.113.0/24")]
    [InlineData("2001:db8::1", "2001:db8::1/128")]
    [InlineData("2001:DB8::/32", "2001:db8::/32")]
    [InlineData("::ffff:198.51.100.9", "198.51.100.9/32")]
    [InlineData("::ffff:198.51.100.0/120", "198.51.100.0/24")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("::/0", "::/0")]
    public void TryParse_WhenAnAddressOrRange_GivesItsCanonicalCidr(string text, string expected)
    {
        IpRanges.TryParse(text, out var network, out var problem).ShouldBeTrue(problem);

        IpRanges.Format(network).ShouldBe(expected);
    }

    [Theory]
    [InlineData(null, "Enter an address")]
    [InlineData("   ", "Enter an address")]
    [InlineData("not-an-address", "is not an IP address")]
    [InlineData("10", "is not an IP address")]
    [InlineData("10.1", "is not an IP address")]
    [InlineData("300.1.1.1", "is not an IP address")]
    [InlineData("fe80::1%eth0", "is not an IP address")]
    [InlineData("10.0.0.0/33", "prefix length")]
    [InlineData("2001:db8::/129", "prefix length")]
    [InlineData("10.0.0.0/-1", "prefix length")]
    [InlineData("10.0.0.0/", "prefix length")]
    [InlineData("10.0.0.0/8/8", "prefix length")]
    public void TryParse_WhenGarbage_SaysWhatIsWrong(string? text, string expected)
    {
        IpRanges.TryParse(text, out _, out var problem).ShouldBeFalse();

        problem.ShouldContain(expected);
    }

    [Fact]
    public void TryParse_WhenBitsAreSetAfterThePrefix_RefusesAndOffersBothReadings()
    {
        IpRanges.TryParse("10.1.2.3/8", out _, out var problem).ShouldBeFalse();

        problem.ShouldContain("10.0.0.0/8");
        problem.ShouldContain("10.1.2.3/32");
    }
}
