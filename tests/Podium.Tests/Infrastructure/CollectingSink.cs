using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Podium.Tests.Infrastructure;

/// <summary>Keeps every Serilog event an app writes; register it with <c>WithServices(s => s.AddSingleton&lt;ILogEventSink&gt;(sink))</c>.</summary>
public sealed class CollectingSink : ILogEventSink
{
    public ConcurrentQueue<LogEvent> Events { get; } = new();

    public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
}
