using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Podium.Platform.Redis;
using StackExchange.Redis;

namespace Podium.Platform.Realtime;

/// <summary>
/// A family of live topics a module offers, e.g. prefix <c>club:poll</c> for <c>club:poll:42</c>, and who may follow
/// them: anyone (null policy) or the holders of an authorization policy. Topics nobody registered cannot be followed.
/// The policy is evaluated with the topic's full name (a string) as its resource, so a handler can decide per topic,
/// e.g. only those who voted in poll 42 follow its running counts.
/// </summary>
public sealed record LiveTopic(string Prefix, string? Policy);

/// <summary>Sends an update to everyone following a topic, on every instance (Redis backplane when configured).</summary>
public interface ILiveUpdates
{
    /// <summary>Queues the update and returns: it is sent in the background, so a caller never waits on Redis.</summary>
    /// <param name="name">What happened, e.g. <c>vote</c>; pages decide what to refresh.</param>
    /// <param name="data">Small and public: anything here reaches every follower. Send ids, not documents.</param>
    Task PublishAsync(string topic, string name, object? data = null, CancellationToken cancellationToken = default);
}

internal static partial class LiveTopics
{
    public const int MaxLength = 128;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*(:[A-Za-z0-9_-]+)*$", RegexOptions.CultureInvariant)]
    public static partial Regex Pattern();

    public static bool IsValid(string? topic) => topic is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(topic);

    public static LiveTopic? Find(IEnumerable<LiveTopic> registered, string topic) =>
        registered.Where(t => topic == t.Prefix || topic.StartsWith(t.Prefix + ":", StringComparison.Ordinal))
            .MaxBy(t => t.Prefix.Length);
}

/// <summary>
/// <c>/hubs/live</c>. Clients only subscribe and unsubscribe; everything they receive is pushed by the server, so the
/// hub needs no other method to secure.
/// </summary>
internal sealed class LiveHub(IEnumerable<LiveTopic> topics, IAuthorizationService authorization) : Hub
{
    public const string Path = "/hubs/live";
    public const string UpdateMethod = "update";

    public async Task Subscribe(string topic)
    {
        if (!LiveTopics.IsValid(topic) || LiveTopics.Find(topics, topic) is not { } registered)
        {
            throw new HubException("There is no such live topic.");
        }

        if (registered.Policy is { } policy && !(await authorization.AuthorizeAsync(Context.User!, topic, policy)).Succeeded)
        {
            throw new HubException("You may not follow this topic.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, topic, Context.ConnectionAborted);
    }

    public Task Unsubscribe(string topic) =>
        LiveTopics.IsValid(topic) ? Groups.RemoveFromGroupAsync(Context.ConnectionId, topic, Context.ConnectionAborted) : Task.CompletedTask;
}

/// <summary>
/// Hands updates to <see cref="LivePublisher"/> and returns: a request that changed something never waits for the
/// SignalR backplane (Redis), which could take a command timeout per update while Redis is down or frozen. Bounded:
/// when the publisher cannot keep up (Redis away for long) the oldest updates give way to newer ones, which say more
/// about the present; each drop is counted (<c>podium.live.dropped</c>) and logged at most once a minute.
/// </summary>
internal sealed partial class LiveUpdates : ILiveUpdates
{
    public const int Capacity = 1000;
    private static readonly TimeSpan DropLogInterval = TimeSpan.FromMinutes(1);

    private readonly Channel<LiveMessage> _queue;
    private readonly TimeProvider _time;
    private readonly ILogger<LiveUpdates> _logger;
    private readonly Counter<long> _dropped;
    private long _droppedSinceLog;
    private long _lastDropLog = long.MinValue;

    public LiveUpdates(TimeProvider time, IMeterFactory meters, ILogger<LiveUpdates> logger)
    {
        _time = time;
        _logger = logger;
        var meter = meters.Create(MeterName);
        _dropped = meter.CreateCounter<long>("podium.live.dropped", "{update}", "Live updates dropped unsent: the queue was full, or Redis stayed away too long.");
        _queue = Channel.CreateBounded<LiveMessage>(
            new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => Dropped(dropped, "queue full"));
        meter.CreateObservableGauge("podium.live.queued", () => _queue.Reader.Count, "{update}", "Live updates waiting to be sent.");
    }

    public const string MeterName = "Podium.Realtime";

    internal ChannelReader<LiveMessage> Queue => _queue.Reader;

    public Task PublishAsync(string topic, string name, object? data = null, CancellationToken cancellationToken = default)
    {
        if (!LiveTopics.IsValid(topic))
        {
            throw new ArgumentException($"'{topic}' is not a live topic name.", nameof(topic));
        }

        // Never false with DropOldest: a full queue drops its oldest update (counted) to take this one.
        _queue.Writer.TryWrite(new LiveMessage(topic, name, data, _time.GetTimestamp()));
        return Task.CompletedTask;
    }

    internal void Dropped(LiveMessage message, string reason)
    {
        _dropped.Add(1, new KeyValuePair<string, object?>("reason", reason));
        Interlocked.Increment(ref _droppedSinceLog);
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastDropLog);
        if ((last == long.MinValue || _time.GetElapsedTime(last, now) >= DropLogInterval) && Interlocked.CompareExchange(ref _lastDropLog, now, last) == last)
        {
            LogDropped(_logger, Interlocked.Exchange(ref _droppedSinceLog, 0), reason, message.Topic);
        }
    }

    [LoggerMessage(EventId = 1121, Level = LogLevel.Warning, Message = "{Count} live update(s) dropped unsent ({Reason}; latest on {Topic}): followers see the change on their next load")]
    private static partial void LogDropped(ILogger logger, long count, string reason, string topic);
}

internal sealed record LiveMessage(string Topic, string Name, object? Data, long QueuedAt);

/// <summary>
/// Sends queued live updates through the hub (to every instance via the Redis backplane), one at a time. An update the
/// backplane refused (Redis down) is retried until Redis is back, so followers still hear of a change made during an
/// outage, unless it has waited longer than <see cref="MaxAge"/>: by then pages have reloaded or reconnected and an old
/// "refresh" adds nothing. One send waits at most <see cref="SendTimeout"/>; a send that did not finish by then may
/// still go out, so it is not repeated (a follower never gets one update twice).
/// </summary>
internal sealed partial class LivePublisher(LiveUpdates updates, IHubContext<LiveHub> hub, TimeProvider time, ILogger<LivePublisher> logger) : BackgroundService
{
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await PublishAllAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued was only ever a convenience (pages reload on reconnect).
        }
    }

    private async Task PublishAllAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in updates.Queue.ReadAllAsync(stoppingToken))
        {
            var retry = FirstRetry;
            while (!await SendAsync(message, firstAttempt: retry == FirstRetry, stoppingToken))
            {
                if (time.GetElapsedTime(message.QueuedAt) > MaxAge)
                {
                    updates.Dropped(message, "Redis unavailable");
                    break;
                }

                await Task.Delay(retry, time, stoppingToken);
                retry = retry * 2 > LastRetry ? LastRetry : retry * 2;
            }
        }
    }

    /// <returns>False when the update was not sent and should be tried again.</returns>
    private async Task<bool> SendAsync(LiveMessage message, bool firstAttempt, CancellationToken stoppingToken)
    {
        Task? send = null;
        try
        {
            send = hub.Clients.Group(message.Topic).SendAsync(LiveHub.UpdateMethod, message.Topic, message.Name, message.Data, stoppingToken);
            await send.WaitAsync(SendTimeout, time, stoppingToken);
            return true;
        }
        catch (TimeoutException) when (!stoppingToken.IsCancellationRequested && send is { IsCompleted: false })
        {
            // Still in flight (Redis frozen): it may yet be sent, so it is not sent twice. Its outcome is observed.
            RedisConnection.Abandon(send);
            LogSendTimedOut(logger, message.Name, message.Topic);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Refused without being sent (no connection, or the client's backlog gave up): try again when Redis is back.
            if (firstAttempt)
            {
                LogPublishFailed(logger, ex, message.Topic, message.Name);
            }

            return false;
        }
    }

    [LoggerMessage(EventId = 1120, Level = LogLevel.Warning, Message = "Live update {Name} on {Topic} not sent yet (Redis unavailable); retrying")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string topic, string name);

    [LoggerMessage(EventId = 1122, Level = LogLevel.Warning, Message = "Live update {Name} on {Topic} did not finish sending within 2 s (Redis slow or frozen); not repeated")]
    private static partial void LogSendTimedOut(ILogger logger, string name, string topic);
}
