using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace Podium.Platform.Outbox;

/// <summary>Delivers one kind of message; registered with <see cref="OutboxExtensions.AddOutboxHandler{T, THandler}"/>.</summary>
/// <remarks>
/// Delivery is at least once: after a crash or an expired lease the same message can arrive again, so a handler
/// must tolerate repeats (or make them harmless). Throwing marks the attempt failed; it is retried with backoff.
/// </remarks>
public interface IOutboxHandler<in T>
{
    Task HandleAsync(T message, CancellationToken cancellationToken);
}

/// <summary>
/// Which outbox message a handler is delivering (one per delivery scope). <see cref="MessageId"/> is the same on every
/// attempt of that message, retries and redeliveries after a crash included: a handler whose effect leaves the
/// machine (an e-mail's Message-ID, a webhook's <c>webhook-id</c>) sends it, so the receiver can drop a repeat.
/// </summary>
public sealed class OutboxDeliveryContext
{
    public Guid MessageId { get; internal set; }
}

/// <summary>A message type as registered: its stable name, and how to hand its JSON to its handler.</summary>
/// <param name="Subscription">
/// One subscriber's copy of a domain event (<see cref="Modules.Events.IDomainEvents"/>): enqueued by name, never by
/// CLR type (an event has as many such types as subscribers), and delivered to that subscriber's handler only.
/// </param>
internal sealed record OutboxMessageType(
    string Name,
    Type ClrType,
    bool ConfidentialPayload,
    Func<IServiceProvider, string, CancellationToken, Task> DeliverAsync,
    bool Subscription = false);

/// <summary>Marks that <see cref="MessageType"/> has a handler, so a type registered without one fails at start.</summary>
internal sealed record OutboxHandlerRegistration(Type MessageType);

/// <summary>Every registered message type, looked up by CLR type (to enqueue) or by name (to deliver).</summary>
internal sealed partial class OutboxTypes
{
    internal static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    private readonly Dictionary<string, OutboxMessageType> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, OutboxMessageType> _byType = [];

    public OutboxTypes(IEnumerable<OutboxMessageType> types, IEnumerable<OutboxHandlerRegistration> handlers)
    {
        foreach (var type in types)
        {
            if (!_byName.TryAdd(type.Name, type))
            {
                throw new InvalidOperationException($"Two outbox message types are registered as '{type.Name}'.");
            }

            if (!type.Subscription && !_byType.TryAdd(type.ClrType, type))
            {
                throw new InvalidOperationException($"{type.ClrType.Name} is registered as outbox message type twice.");
            }
        }

        foreach (var group in handlers.GroupBy(h => h.MessageType))
        {
            if (!_byType.ContainsKey(group.Key))
            {
                throw new InvalidOperationException($"An outbox handler is registered for {group.Key.Name}, which is not registered with AddOutboxMessage.");
            }

            // One handler per message: with two, a failure of one would repeat the other's delivery at every retry.
            if (group.Count() > 1)
            {
                throw new InvalidOperationException($"{group.Key.Name} has {group.Count()} outbox handlers; register one.");
            }
        }

        var withoutHandler = _byType.Keys.Except(handlers.Select(h => h.MessageType)).Select(t => _byType[t].Name).ToList();
        if (withoutHandler.Count > 0)
        {
            throw new InvalidOperationException($"Outbox message type(s) {string.Join(", ", withoutHandler)} have no handler (AddOutboxHandler).");
        }

        Names = [.. _byName.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The names this build can deliver; the dispatcher claims only these, so during a rolling deploy an old instance leaves a new type to new instances.</summary>
    public IReadOnlyList<string> Names { get; }

    public OutboxMessageType For(Type clrType) =>
        _byType.TryGetValue(clrType, out var type)
            ? type
            : throw new InvalidOperationException($"{clrType.Name} is not an outbox message type: register it with AddOutboxMessage<{clrType.Name}>(\"name\").");

    public OutboxMessageType? Find(string name) => _byName.GetValueOrDefault(name);

    internal static void ValidateName(string name)
    {
        if (name.Length > OutboxMessage.TypeMaxLength || !NamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"'{name}' is not an outbox message type name: use lower-case dotted words such as 'email.send' (at most {OutboxMessage.TypeMaxLength} characters).",
                nameof(name));
        }
    }

    internal static async Task DeliverAsync<T>(IServiceProvider services, string payload, CancellationToken cancellationToken)
        where T : notnull
    {
        var message = JsonSerializer.Deserialize<T>(payload, Json) ?? throw new JsonException("The outbox payload is JSON null.");
        await services.GetRequiredService<IOutboxHandler<T>>().HandleAsync(message, cancellationToken);
    }

    [GeneratedRegex("^[a-z0-9]+(?:[.-][a-z0-9]+)*$")]
    private static partial Regex NamePattern();
}
