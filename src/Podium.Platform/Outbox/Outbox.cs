using System.Text.Json;
using Podium.Platform.Data;

namespace Podium.Platform.Outbox;

/// <summary>
/// Adds a message to the current unit of work: it is written by the caller's next <c>SaveChanges</c> on the scoped
/// <see cref="PodiumDbContext"/>, in the same transaction as the change it belongs to, and delivered after commit.
/// A rolled-back change leaves no message; a committed one always has its message.
/// </summary>
public interface IOutbox
{
    /// <summary>Enqueues a message of a type registered with <see cref="OutboxExtensions.AddOutboxMessage{T}"/>. Does not save.</summary>
    void Enqueue<T>(T message)
        where T : notnull;
}

internal sealed class Outbox(PodiumDbContext db, OutboxTypes types, TimeProvider time) : IOutbox
{
    public void Enqueue<T>(T message)
        where T : notnull =>
        Enqueue(types.For(typeof(T)).Name, JsonSerializer.Serialize(message, OutboxTypes.Json));

    /// <summary>A message already in its stored form, under a registered type name (a domain event's subscriber copies).</summary>
    internal void Enqueue(string typeName, string payload)
    {
        var now = time.GetUtcNow().UtcDateTime;
        db.Add(new OutboxMessage
        {
            Type = typeName,
            Payload = payload,
            CreatedAt = now,
            AvailableAt = now,
        });
    }
}
