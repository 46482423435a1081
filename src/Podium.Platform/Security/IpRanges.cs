using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Podium.Platform.Security;

/// <summary>Addresses and CIDR ranges as operators write them in settings and administrators type them in forms.</summary>
internal static class IpRanges
{
    /// <summary>
    /// A CIDR range (<c>10.0.0.0/8</c>, <c>2001:db8::/32</c>) or one address (a /32 or /128). IPv4-mapped IPv6
    /// (<c>::ffff:1.2.3.4</c>) becomes IPv4, the form <see cref="ClientAddress"/> gives addresses in, or it would never
    /// match. A range with bits set after its prefix (<c>10.1.2.3/8</c>) is refused rather than widened: whether the
    /// whole network or the one address was meant is not ours to guess.
    /// </summary>
    /// <param name="problem">Why <paramref name="text"/> is not a range, in words for the person who wrote it.</param>
    public static bool TryParse(string? text, out IPNetwork network, out string problem)
    {
        network = default;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            problem = "Enter an address (203.0.113.7) or a range in CIDR notation (203.0.113.0/24, 2001:db8::/32).";
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address) || addressText.Contains('%', StringComparison.Ordinal)
            || (address.AddressFamily == AddressFamily.InterNetwork && addressText.Count(c => c == '.') != 3))
        {
            // IPAddress.TryParse also takes "10" or "10.1" (classful shorthand) and scope ids; nobody means those here.
            problem = $"'{text}' is not an IP address or CIDR range such as 203.0.113.0/24 or 2001:db8::/32.";
            return false;
        }

        var maximum = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = maximum;
        if (slash >= 0 && !(int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) && prefix <= maximum))
        {
            problem = $"'{text}' has a prefix length that is not a number from 0 to {maximum}.";
            return false;
        }

        if (address.IsIPv4MappedToIPv6 && prefix >= 96)
        {
            (address, prefix) = (address.MapToIPv4(), prefix - 96);
        }

        network = new IPNetwork(Masked(address, prefix), prefix);
        if (!network.BaseAddress.Equals(address))
        {
            problem = $"'{text}' has bits set after its /{prefix} prefix: write {network} for the whole network, or {address}/{(address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)} for the one address.";
            network = default;
            return false;
        }

        problem = "";
        return true;
    }

    /// <summary>How a range is shown and stored: always with its prefix length, so equal ranges are equal text.</summary>
    public static string Format(IPNetwork network) => network.ToString();

    private static IPAddress Masked(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }
}
