using System.Net;
using Microsoft.AspNetCore.Http;

namespace Podium.Platform.Security;

/// <summary>
/// The caller's address as the rules about addresses (limits, allowed networks, IP rules) and the records of who did
/// what (audit trail, sessions) must see it. The only reader of the connection's address: after the forwarded-headers
/// middleware it is the client's address as a known proxy reported it, or the socket's peer when no known proxy
/// stands between (<see cref="ForwardedHeadersProxyOptions"/>).
/// </summary>
internal static class ClientAddress
{
    /// <summary>
    /// The connection's remote address, with an IPv4 peer on a dual-stack socket (<c>::ffff:a.b.c.d</c>) given back as
    /// plain IPv4, which is how ranges and limits are written; null when unknown.
    /// </summary>
    public static IPAddress? Of(HttpContext context) => Canonical(context.Connection.RemoteIpAddress);

    public static IPAddress? Canonical(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
