using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Podium.Platform.Security;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Security;

/// <summary>
/// <c>X-Forwarded-For</c>/<c>-Proto</c> on a real socket: honoured only when the connection's peer is a configured
/// proxy. Loopback has more than one address (127.0.0.2 is a second "machine" here), so a client that is not the proxy
/// is a real peer with a real address of its own.
/// </summary>
public sealed class ForwardedHeadersTests : IAsyncLifetime
{
    private const string Proxy = "127.0.0.1";
    private const string Stranger = "127.0.0.2";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private PlatformTestHost _behindProxy = null!;
    private PlatformTestHost _direct = null!;

    public async ValueTask InitializeAsync()
    {
        _behindProxy = await StartAsync(new Dictionary<string, string?>
        {
            ["Podium:ForwardedHeaders:KnownProxies:0"] = Proxy + "/32",
            ["Podium:RateLimits:Anonymous:PermitLimit"] = "3",
        });
        _direct = await StartAsync(new Dictionary<string, string?>());
    }

    public async ValueTask DisposeAsync()
    {
        await _behindProxy.DisposeAsync();
        await _direct.DisposeAsync();
    }

    private Task<PlatformTestHost> StartAsync(Dictionary<string, string?> settings) =>
        PlatformTestHost.StartAsync("Production", settings, app =>
        {
            app.MapGet("/test/whoami", (HttpContext context) => $"{ClientAddress.Of(context)} {context.Request.Scheme}").DisableRateLimiting();
            app.MapGet("/test/limited", () => "ok");
        }, _ct);

    /// <summary>A client whose connections leave from <paramref name="local"/>, as a different machine's would.</summary>
    private static HttpClient From(string local, PlatformTestHost host) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(local), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = host.Client.BaseAddress };

    private async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? forwardedFor, string? forwardedProto = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        return await client.SendAsync(request, _ct);
    }

    private async Task<string> WhoAmIAsync(HttpClient client, string? forwardedFor, string? forwardedProto = null)
    {
        var response = await GetAsync(client, "/test/whoami", forwardedFor, forwardedProto);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync(_ct);
    }

    [Fact]
    public async Task ForwardedHeaders_FromAKnownProxy_GiveTheClientsAddressAndScheme()
    {
        using var proxy = From(Proxy, _behindProxy);

        (await WhoAmIAsync(proxy, "203.0.113.7", "https")).ShouldBe("203.0.113.7 https");
        (await WhoAmIAsync(proxy, "2001:db8::7", "https")).ShouldBe("2001:db8::7 https");
        (await WhoAmIAsync(proxy, forwardedFor: null)).ShouldBe($"{Proxy} http");
    }

    [Fact]
    public async Task ForwardedHeaders_FromAPeerThatIsNotAKnownProxy_AreIgnored()
    {
        using var stranger = From(Stranger, _behindProxy);

        (await WhoAmIAsync(stranger, "203.0.113.7", "https")).ShouldBe($"{Stranger} http");
        (await WhoAmIAsync(stranger, Proxy, "https")).ShouldBe($"{Stranger} http");
    }

    [Fact]
    public async Task ForwardedHeaders_WithoutKnownProxies_AreIgnoredEvenFromLoopback()
    {
        // ASP.NET Core's own defaults trust loopback; Podium's trust no one until told.
        using var local = From(Proxy, _direct);

        (await WhoAmIAsync(local, "203.0.113.7", "https")).ShouldBe($"{Proxy} http");
    }

    [Fact]
    public async Task ForwardedFor_WithEntriesTheClientWrote_OnlyTheProxysOwnEntryCounts()
    {
        // nginx appends the address it saw to whatever the client sent, so only the last entry is the proxy's word.
        using var proxy = From(Proxy, _behindProxy);

        (await WhoAmIAsync(proxy, $"{Proxy}, 198.51.100.9, 203.0.113.7")).ShouldBe("203.0.113.7 http");
    }

    [Fact]
    public async Task RateLimit_OfAPeerThatIsNotAProxy_CountsItsSocketAddressWhateverItForwards()
    {
        using var stranger = From(Stranger, _behindProxy);
        for (var i = 1; i <= 3; i++)
        {
            (await GetAsync(stranger, "/test/limited", $"198.51.100.{i}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await GetAsync(stranger, "/test/limited", "198.51.100.4")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        // Through the proxy, each client has an allowance of its own.
        using var proxy = From(Proxy, _behindProxy);
        for (var i = 1; i <= 5; i++)
        {
            (await GetAsync(proxy, "/test/limited", $"192.0.2.{i}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task IpRules_JudgeTheSocketAddressOfAPeerThatIsNotAProxy()
    {
        const string denied = "127.0.0.3";
        await using (var scope = _behindProxy.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<IpRuleAdministration>()
                .AddAsync(Guid.NewGuid(), IPAddress.Loopback, IpRuleScopes.Site, IpRuleKinds.Deny, denied, "test", _ct);
            result.Succeeded.ShouldBeTrue(result.Error);
        }

        using var deniedPeer = From(denied, _behindProxy);
        using var proxy = From(Proxy, _behindProxy);

        (await GetAsync(deniedPeer, "/test/whoami", "203.0.113.7")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await GetAsync(proxy, "/test/whoami", denied)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await GetAsync(proxy, "/test/whoami", "203.0.113.7")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Start_WithAspNetCoresForwardedHeadersSwitch_IsRefusedNamingTheReplacement()
    {
        var refused = await Should.ThrowAsync<OptionsValidationException>(() => StartAsync(new Dictionary<string, string?>
        {
            ["FORWARDEDHEADERS_ENABLED"] = "true",
        }));

        refused.Message.ShouldContain("ASPNETCORE_FORWARDEDHEADERS_ENABLED");
        refused.Message.ShouldContain("Podium__ForwardedHeaders__KnownProxies__0");
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.1.2.3/8")]
    [InlineData("")]
    public void Validate_WhenAKnownProxyIsNotAnAddressOrRange_NamesTheSettingAndTheValue(string garbage)
    {
        var options = new ForwardedHeadersProxyOptions { KnownProxies = ["10.0.0.0/8", garbage] };
        var results = new List<ValidationResult>();

        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true).ShouldBeFalse();

        results.ShouldHaveSingleItem().ErrorMessage!.ShouldStartWith("Podium:ForwardedHeaders:KnownProxies: ");
        if (garbage.Length > 0)
        {
            results[0].ErrorMessage!.ShouldContain(garbage);
        }
    }
}
