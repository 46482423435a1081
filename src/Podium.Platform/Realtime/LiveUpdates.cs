using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

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

internal sealed partial class LiveUpdates(IHubContext<LiveHub> hub, ILogger<LiveUpdates> logger) : ILiveUpdates
{
    public async Task PublishAsync(string topic, string name, object? data = null, CancellationToken cancellationToken = default)
    {
        if (!LiveTopics.IsValid(topic))
        {
            throw new ArgumentException($"'{topic}' is not a live topic name.", nameof(topic));
        }

        try
        {
            await hub.Clients.Group(topic).SendAsync(LiveHub.UpdateMethod, topic, name, data, cancellationToken);
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            // Live updates are a convenience: the change is saved, and pages show it on their next load or reconnect.
            LogPublishFailed(logger, ex, topic, name);
        }
    }

    [LoggerMessage(EventId = 1120, Level = LogLevel.Warning, Message = "Live update {Name} on {Topic} not sent (Redis unavailable)")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string topic, string name);
}
