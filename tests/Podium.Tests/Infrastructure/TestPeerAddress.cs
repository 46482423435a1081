using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Podium.Tests.Infrastructure;

/// <summary>
/// The in-memory test server has no socket, so no peer address. This sets one, as the connection would, before any of
/// the app's middleware runs: from the <see cref="Header"/> a test sends, else <see cref="Default"/>. Tests about
/// real sockets and forwarded headers use Kestrel instead (Security/ForwardedHeadersTests).
/// </summary>
public sealed class TestPeerAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer";
    public static readonly IPAddress Default = IPAddress.Parse("192.0.2.10");

    public static void AddTo(IServiceCollection services) => services.AddSingleton<IStartupFilter, TestPeerAddress>();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = context.Request.Headers.TryGetValue(Header, out var peer) ? IPAddress.Parse(peer.ToString()) : Default;
            context.Request.Headers.Remove(Header);
            return nextMiddleware(context);
        });
        next(app);
    };
}
