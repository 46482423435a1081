using System.Collections.Concurrent;
using Podium.Platform.Realtime;

namespace Podium.Tests.Infrastructure;

/// <summary>Stands in for SignalR where a test only needs to know what a feature published, not that it arrived.</summary>
public sealed class RecordingLiveUpdates : ILiveUpdates
{
    public ConcurrentQueue<(string Topic, string Name, object? Data)> Sent { get; } = new();

    public Task PublishAsync(string topic, string name, object? data = null, CancellationToken cancellationToken = default)
    {
        Sent.Enqueue((topic, name, data));
        return Task.CompletedTask;
    }
}
