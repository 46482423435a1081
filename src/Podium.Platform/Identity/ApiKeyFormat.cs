using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Podium.Platform.Identity;

/// <summary>
/// <c>pod_</c> + 32 random bytes in base62 (43 characters) + a CRC-32 of everything before it in base62 (6 characters).
/// The fixed prefix and the checksum let secret scanners recognise a leaked key without asking us, and let us refuse a
/// mistyped or made-up one without a database lookup. The first <see cref="PrefixLength"/> characters after
/// <c>pod_</c> are the key's public id: shown in lists and used to find its row; the rest never leaves the response that
/// created it.
/// </summary>
public static class ApiKeyFormat
{
    public const string Marker = "pod_";
    public const int PrefixLength = 10;
    private const int SecretChars = 43;
    private const int ChecksumChars = 6;
    public const int Length = 4 + SecretChars + ChecksumChars;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Generate()
    {
        var body = Marker + Base62(RandomNumberGenerator.GetBytes(32), SecretChars);
        return body + Checksum(body);
    }

    /// <summary>Whether <paramref name="key"/> is shaped like a key and its checksum matches; gives its public prefix.</summary>
    public static bool TryParse(string? key, out string prefix)
    {
        prefix = "";
        if (key is null || key.Length != Length || !key.StartsWith(Marker, StringComparison.Ordinal) || !key.AsSpan(Marker.Length).ContainsOnlyBase62())
        {
            return false;
        }

        var body = key[..^ChecksumChars];
        if (!string.Equals(key[^ChecksumChars..], Checksum(body), StringComparison.Ordinal))
        {
            return false;
        }

        prefix = PrefixOf(key);
        return true;
    }

    public static string PrefixOf(string key) => key.Substring(Marker.Length, PrefixLength);

    /// <summary>How a key is shown once its secret is gone: <c>pod_AbC123dEf4…</c>.</summary>
    public static string Display(string prefix) => $"{Marker}{prefix}…";

    /// <summary>
    /// SHA-256, unsalted: the key is 256 random bits, so no dictionary or rainbow table applies, and a slow hash would
    /// put a password hash's cost on every API request.
    /// </summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.ASCII.GetBytes(key));

    private static string Checksum(string body)
    {
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(body));
        return Base62(crc, ChecksumChars);
    }

    private static bool ContainsOnlyBase62(this ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string Base62(byte[] bigEndian, int width)
    {
        var value = new BigInteger(bigEndian, isUnsigned: true, isBigEndian: true);
        var chars = new char[width];
        for (var i = width - 1; i >= 0; i--)
        {
            value = BigInteger.DivRem(value, 62, out var digit);
            chars[i] = Alphabet[(int)digit];
        }

        return new string(chars);
    }

    /// <summary>CRC-32 (IEEE 802.3, the zlib one), so any tool can check a key.</summary>
    internal static uint Crc32(string text)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in Encoding.ASCII.GetBytes(text))
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
