using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Podium.Platform.Outbox;
using OutboxWriter = Podium.Platform.Outbox.Outbox;

namespace Podium.Platform.Modules.Events;

/// <summary>
/// Publishes something that happened in a module (results changed, a poll closed) to whoever subscribed, in this module
/// or another. Publishing adds one outbox message per subscriber to the caller's unit of work: they are written by its
/// next <c>SaveChanges</c>, in the same transaction as the change (a rolled-back change publishes nothing), and each
/// subscriber then receives the event at least once, retried on its own: one failing subscriber never repeats the
/// event to the others.
/// </summary>
public interface IDomainEvents
{
    /// <summary>Publishes an event registered with <see cref="DomainEventExtensions.AddDomainEvent{TEvent}"/>. Does not save.</summary>
    void Publish<TEvent>(TEvent domainEvent)
        where TEvent : notnull;
}

/// <summary>One subscriber of an event; registered with <see cref="DomainEventExtensions.AddDomainEventHandler{TEvent, THandler}"/>.</summary>
/// <remarks>
/// At least once: after a crash or an expired lease the same event can arrive again, so a handler must tolerate repeats.
/// Throwing fails this subscriber's attempt only; it is retried with the outbox's backoff, then parked for an administrator.
/// </remarks>
public interface IDomainEventHandler<in TEvent>
{
    Task HandleAsync(TEvent domainEvent, CancellationToken cancellationToken);
}

public static partial class DomainEventExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TEvent"/> as a domain event published under <paramref name="name"/> (e.g.
    /// <c>club.poll-closed</c>). The name and the JSON of the event are the contract: a subscriber in another module,
    /// which cannot see this type, subscribes by name with a type of its own that reads the same JSON.
    /// </summary>
    /// <param name="confidentialPayload">Never show the payload on the outbox admin page.</param>
    public static IServiceCollection AddDomainEvent<TEvent>(this IServiceCollection services, string name, bool confidentialPayload = false)
        where TEvent : notnull
    {
        OutboxTypes.ValidateName(name);
        services.AddSingleton(new DomainEventRegistration(name, typeof(TEvent), confidentialPayload));
        return services;
    }

    /// <summary>
    /// Subscribes <typeparamref name="THandler"/> (scoped: it may use the DbContext) to the event named
    /// <paramref name="eventName"/>. <paramref name="subscriber"/> names this subscription for good (e.g.
    /// <c>live-updates</c>): its outbox messages are stored as <c>{eventName}.{subscriber}</c>.
    /// </summary>
    public static IServiceCollection AddDomainEventHandler<TEvent, THandler>(this IServiceCollection services, string eventName, string subscriber)
        where TEvent : notnull
        where THandler : class, IDomainEventHandler<TEvent>
    {
        if (!SubscriberPattern().IsMatch(subscriber))
        {
            throw new ArgumentException($"'{subscriber}' is not a subscriber name: use lower-case words joined by '-', e.g. 'live-updates'.", nameof(subscriber));
        }

        var typeName = $"{eventName}.{subscriber}";
        OutboxTypes.ValidateName(typeName);
        services.AddSingleton(new DomainEventSubscription(eventName, subscriber, typeName));
        services.TryAddScoped<THandler>();
        services.AddSingleton(sp => new OutboxMessageType(
            typeName,
            typeof(TEvent),
            sp.GetRequiredService<DomainEventCatalog>().Event(eventName).ConfidentialPayload,
            DeliverAsync<TEvent, THandler>,
            Subscription: true));
        return services;
    }

    internal static IServiceCollection AddPodiumDomainEvents(this IServiceCollection services)
    {
        services.AddSingleton<DomainEventCatalog>();
        services.AddScoped<IDomainEvents, DomainEvents>();
        return services;
    }

    private static async Task DeliverAsync<TEvent, THandler>(IServiceProvider services, string payload, CancellationToken cancellationToken)
        where TEvent : notnull
        where THandler : class, IDomainEventHandler<TEvent>
    {
        var domainEvent = JsonSerializer.Deserialize<TEvent>(payload, OutboxTypes.Json) ?? throw new JsonException("The event payload is JSON null.");
        await services.GetRequiredService<THandler>().HandleAsync(domainEvent, cancellationToken);
    }

    // No dots: the last dot of a stored type name is where the event's name ends.
    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex SubscriberPattern();
}

internal sealed record DomainEventRegistration(string Name, Type ClrType, bool ConfidentialPayload);

internal sealed record DomainEventSubscription(string EventName, string Subscriber, string OutboxType);

/// <summary>Every event and its subscribers, checked once at start: names unique, no subscription to an event nobody publishes.</summary>
internal sealed class DomainEventCatalog
{
    private readonly Dictionary<string, DomainEventRegistration> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, DomainEventRegistration> _byType = [];
    private readonly Dictionary<string, string[]> _subscribers;

    public DomainEventCatalog(IEnumerable<DomainEventRegistration> events, IEnumerable<DomainEventSubscription> subscriptions)
    {
        foreach (var registration in events)
        {
            if (!_byName.TryAdd(registration.Name, registration))
            {
                throw new InvalidOperationException($"Two domain events are registered as '{registration.Name}'.");
            }

            if (!_byType.TryAdd(registration.ClrType, registration))
            {
                throw new InvalidOperationException($"{registration.ClrType.Name} is registered as a domain event twice.");
            }
        }

        var all = subscriptions.ToList();
        if (all.FirstOrDefault(s => !_byName.ContainsKey(s.EventName)) is { } orphan)
        {
            throw new InvalidOperationException(
                $"'{orphan.Subscriber}' subscribes to the domain event '{orphan.EventName}', which nothing registers with AddDomainEvent.");
        }

        if (all.GroupBy(s => s.OutboxType, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidOperationException($"The domain event '{twice.First().EventName}' has two subscribers named '{twice.First().Subscriber}'.");
        }

        _subscribers = all.GroupBy(s => s.EventName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(s => s.OutboxType).Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
    }

    public DomainEventRegistration Event(string name) =>
        _byName.TryGetValue(name, out var registration)
            ? registration
            : throw new InvalidOperationException($"There is no domain event '{name}' (AddDomainEvent).");

    public DomainEventRegistration For(Type clrType) =>
        _byType.TryGetValue(clrType, out var registration)
            ? registration
            : throw new InvalidOperationException($"{clrType.Name} is not a domain event: register it with AddDomainEvent<{clrType.Name}>(\"name\").");

    /// <summary>The outbox type of each subscriber of the event; none when nobody subscribed (publishing then writes nothing).</summary>
    public IReadOnlyList<string> SubscribersOf(string eventName) => _subscribers.GetValueOrDefault(eventName) ?? [];
}

internal sealed class DomainEvents(OutboxWriter outbox, DomainEventCatalog catalog) : IDomainEvents
{
    public void Publish<TEvent>(TEvent domainEvent)
        where TEvent : notnull
    {
        var subscribers = catalog.SubscribersOf(catalog.For(typeof(TEvent)).Name);
        if (subscribers.Count == 0)
        {
            return;
        }

        var payload = JsonSerializer.Serialize(domainEvent, OutboxTypes.Json);
        foreach (var subscriber in subscribers)
        {
            outbox.Enqueue(subscriber, payload);
        }
    }
}
