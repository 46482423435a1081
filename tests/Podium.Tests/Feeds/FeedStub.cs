using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Podium.Tests.Feeds;

/// <summary>One request the stub received.</summary>
public sealed record StubCall(string Path, string Query, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// An outside feed on a loopback port: each path prefix (one per test source) answers as the test scripts it (JSON,
/// 500s, a hang past the timeout, malformed or partial bodies) and records every call that reached it.
/// </summary>
public sealed class FeedStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<StubCall>> _calls = new(StringComparer.Ordinal);

    private FeedStub(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FeedStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new FeedStub(app);
        app.Run(stub.AnswerAsync);
        await app.StartAsync();
        stub.BaseUrl = new Uri(app.Urls.Single());
        return stub;
    }

    /// <summary>The base URL of one source's part of the stub.</summary>
    public string For(string prefix) => new Uri(BaseUrl, prefix + "/").ToString();

    public void Answer(string prefix, Func<HttpContext, Task> answer)
    {
        _answers[prefix] = answer;
        _calls[prefix] = new ConcurrentQueue<StubCall>();
    }

    public void AnswerJson(string prefix, string json, int status = 200) => Answer(prefix, async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    });

    public void AnswerStatus(string prefix, HttpStatusCode status) => Answer(prefix, context =>
    {
        context.Response.StatusCode = (int)status;
        return Task.CompletedTask;
    });

    /// <summary>Answers only after <paramref name="delay"/> (or when the caller gives up).</summary>
    public void Hang(string prefix, TimeSpan delay) => Answer(prefix, async context =>
    {
        try
        {
            await Task.Delay(delay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        context.Response.StatusCode = 200;
    });

    public IReadOnlyList<StubCall> Calls(string prefix) => _calls.TryGetValue(prefix, out var calls) ? [.. calls] : [];

    private async Task AnswerAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var prefix = path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        _calls.GetOrAdd(prefix, _ => new ConcurrentQueue<StubCall>())
            .Enqueue(new StubCall(path, context.Request.QueryString.Value ?? "", context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        if (_answers.TryGetValue(prefix, out var answer))
        {
            await answer(context);
        }
        else
        {
            context.Response.StatusCode = 404;
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
