using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Podium.Platform.Observability;
using Podium.Tests.Infrastructure;
using Sentry;

namespace Podium.Tests.Observability;

/// <summary>
/// Error reports against a fake Sentry: a loopback listener is the DSN's host, and what arrives is what would have
/// left the building. The app is built here (not through the factory) so the test can add endpoints that fail.
/// </summary>
public sealed class SentryReportingTests : IAsyncLifetime
{
    private const string Password = "hunter2-marble-kettle";
    private const string Token = "tok3n-0f-the-day-7731";
    private const string Code = "c0de-9f8e7d";
    private const string CookieValue = "s3ssion-cookie-value-4417";
    private const string Bearer = "bearer-secret-5521";
    private const string Antiforgery = "antiforgery-value-6634";
    private const string Email = "casey.rivers@example.org";

    public sealed record EchoRequest(string Value);

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly Channel<string> _envelopes = Channel.CreateUnbounded<string>();
    private WebApplication? _sentry;
    private PlatformTestHost? _host;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        var fake = WebApplication.CreateSlimBuilder();
        fake.Logging.ClearProviders();
        fake.WebHost.UseUrls("http://127.0.0.1:0");
        _sentry = fake.Build();
        _sentry.MapPost("/api/{project}/envelope/", async (HttpRequest request) =>
        {
            Stream body = request.Body;
            if (request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
            {
                body = new GZipStream(body, CompressionMode.Decompress);
            }

            using var reader = new StreamReader(body);
            await _envelopes.Writer.WriteAsync(await reader.ReadToEndAsync());
            return Results.Ok();
        });
        await _sentry.StartAsync(_ct);
        var sentryUri = new Uri(_sentry.Urls.Single());

        _host = await PlatformTestHost.StartAsync(
            "Staging",
            new Dictionary<string, string?> { ["Podium:Sentry:Dsn"] = $"http://0123456789abcdef@{sentryUri.Authority}/42" },
            app =>
            {
                // Fails the way a bug would, after the request carried every kind of secret a browser or client sends.
                app.MapPost("/api/v1/test/boom", (Delegate)FailAsync).AllowAnonymous();
                app.MapPost("/test/boom-page", (Delegate)FailAsync).AllowAnonymous();
                app.MapPut("/api/v1/test/echo", (EchoRequest echo) => echo).AllowAnonymous();
            },
            _ct);
        _client = _host.Client;
    }

    private static async Task<string> FailAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        throw new InvalidOperationException(
            $"Marker {form["marker"]}: no account for {Email} (password={form["password"]}, token={request.Query["token"]})");
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_sentry is not null)
        {
            await _sentry.DisposeAsync();
        }
    }

    private async Task<HttpResponseMessage> SendSecretsAsync(string path, string marker)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{path}?token={Token}&code={Code}&email={Uri.EscapeDataString(Email)}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["marker"] = marker,
                ["email"] = Email,
                ["password"] = Password,
                ["__RequestVerificationToken"] = Antiforgery,
            }),
        };
        request.Headers.Add("Cookie", $".AspNetCore.Identity.Application={CookieValue}; podium.antiforgery={Antiforgery}");
        request.Headers.Authorization = new("Bearer", Bearer);
        request.Headers.Add("X-XSRF-TOKEN", Antiforgery);
        return await _client.SendAsync(request, _ct);
    }

    /// <summary>An envelope is a header line, then per item a header line and a payload line; the event is the item of type event.</summary>
    private static JsonElement EventOf(string envelope)
    {
        var lines = envelope.Split('\n');
        var item = Array.FindIndex(lines, line => line.StartsWith("{\"type\":\"event\"", StringComparison.Ordinal));
        return JsonDocument.Parse(lines[item + 1]).RootElement.Clone();
    }

    /// <summary>The first envelope holding an event with <paramref name="marker"/>; other envelopes (sessions, client reports) are skipped.</summary>
    private async Task<string> ReceiveEventAsync(string marker)
    {
        await _host!.Services.GetRequiredService<IHub>().FlushAsync(TimeSpan.FromSeconds(30));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await foreach (var envelope in _envelopes.Reader.ReadAllAsync(timeout.Token))
        {
            if (envelope.Contains("\"type\":\"event\"", StringComparison.Ordinal) && envelope.Contains(marker, StringComparison.Ordinal))
            {
                return envelope;
            }
        }

        throw new InvalidOperationException("unreachable: the reader ends only by cancellation");
    }

    [Theory]
    [InlineData("/api/v1/test/boom", "application/problem+json")]
    [InlineData("/test/boom-page", "text/html")]
    public async Task UnhandledException_IsReportedWithoutPasswordsTokensCookiesOrEmailAddresses(string path, string answeredAs)
    {
        var marker = $"m{Guid.NewGuid():N}";

        var response = await SendSecretsAsync(path, marker);

        // Our exception handler answered (Problem Details or the error page) and Sentry still heard of it.
        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType?.MediaType.ShouldBe(answeredAs);
        var envelope = await ReceiveEventAsync(marker);
        var sentEvent = EventOf(envelope);
        sentEvent.GetProperty("release").GetString().ShouldBe(BuildInfo.Version);
        sentEvent.GetProperty("environment").GetString().ShouldBe("Staging");
        var exception = sentEvent.GetProperty("exception").GetProperty("values")[0];
        exception.GetProperty("type").GetString().ShouldBe(typeof(InvalidOperationException).FullName);
        foreach (var secret in new[] { Password, Token, Code, CookieValue, Bearer, Antiforgery, Email, Uri.EscapeDataString(Email) })
        {
            envelope.ShouldNotContain(secret, Case.Insensitive);
        }

        // Scrubbed in place, not dropped: the report still says where the secret was.
        exception.GetProperty("value").GetString().ShouldBe($"Marker {marker}: no account for [Filtered] (password=[Filtered], token=[Filtered]");
        sentEvent.GetProperty("request").GetProperty("query_string").GetString().ShouldBe("?token=[Filtered]&code=[Filtered]&email=[Filtered]");
    }

    [Fact]
    public async Task BadRequest_IsNotReported()
    {
        var marker = $"m{Guid.NewGuid():N}";
        var response = await _client.PutAsync("/api/v1/test/echo", new StringContent("{\"value\": ", System.Text.Encoding.UTF8, "application/json"), _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // A real failure afterwards is the first event to arrive: nothing was sent for the client's mistake.
        (await SendSecretsAsync("/api/v1/test/boom", marker)).StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var first = await FirstEventAsync();
        first.ShouldContain(marker);
    }

    private async Task<string> FirstEventAsync()
    {
        await _host!.Services.GetRequiredService<IHub>().FlushAsync(TimeSpan.FromSeconds(30));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await foreach (var envelope in _envelopes.Reader.ReadAllAsync(timeout.Token))
        {
            if (envelope.Contains("\"type\":\"event\"", StringComparison.Ordinal))
            {
                return envelope;
            }
        }

        throw new InvalidOperationException("unreachable: the reader ends only by cancellation");
    }

    [Theory]
    [InlineData("GET /reset?token=abc123&x=1", "GET /reset?token=[Filtered]&x=1")]
    [InlineData("callback?code=xyz&state=s1", "callback?code=[Filtered]&state=[Filtered]")]
    [InlineData("Host=db;Password=pa55;Username=podium", "Host=db;Password=[Filtered];Username=podium")]
    [InlineData("{\"password\": \"pa55 word\"}", "{\"password\": [Filtered]}")]
    [InlineData("Authorization: Bearer eyJhbGciOi.x.y", "Authorization: Bearer [Filtered]")]
    [InlineData("mail to Casey.Rivers+club@mail.example.co.uk failed", "mail to [Filtered] failed")]
    [InlineData("?email=casey%40example.org&page=2", "?email=[Filtered]&page=2")]
    [InlineData("api_key=k1&refresh_token=r2", "api_key=[Filtered]&refresh_token=[Filtered]")]
    [InlineData("nothing secret here: 42 rows", "nothing secret here: 42 rows")]
    public void Text_RemovesSecretsAndAddressesButKeepsTheRest(string input, string expected) =>
        SentryScrubber.Text(input).ShouldBe(expected);
}
