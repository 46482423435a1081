using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Modules.Events;
using Podium.Platform.Outbox;

namespace Podium.Tests.Modules.Events;

/// <summary>Mistakes in wiring events up stop the app at start, naming the event or subscriber.</summary>
public sealed class DomainEventRegistrationTests
{
    private static OutboxTypes Build(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection().AddPodiumDomainEvents();
        register(services);
        services.AddSingleton<OutboxTypes>();
        return services.BuildServiceProvider().GetRequiredService<OutboxTypes>();
    }

    [Fact]
    public void Types_WhenEventsHaveSubscribers_ListEachSubscriberUnderItsOwnName()
    {
        var types = Build(s => s.AddDomainEvent<OrderShipped>("test.shipped", confidentialPayload: true)
            .AddDomainEventHandler<OrderShipped, EmailCustomer>("test.shipped", "email")
            .AddDomainEventHandler<ShipmentSeen, OtherModulesReadModel>("test.shipped", "read-model"));

        types.Names.ShouldBe(["test.shipped.email", "test.shipped.read-model"]);
        types.Find("test.shipped.email")!.ConfidentialPayload.ShouldBeTrue();
    }

    [Fact]
    public void Types_WhenASubscriberNamesAnEventNobodyPublishes_RefuseToStart() =>
        Should.Throw<InvalidOperationException>(() => Build(s => s.AddDomainEventHandler<OrderShipped, EmailCustomer>("test.shiped", "email")))
            .Message.ShouldContain("'test.shiped'");

    [Fact]
    public void Types_WhenAnEventHasTwoSubscribersOfOneName_RefuseToStart() =>
        Should.Throw<InvalidOperationException>(() => Build(s => s.AddDomainEvent<OrderShipped>("test.shipped")
            .AddDomainEventHandler<OrderShipped, EmailCustomer>("test.shipped", "email")
            .AddDomainEventHandler<OrderShipped, UpdateTracking>("test.shipped", "email")))
            .Message.ShouldContain("two subscribers named 'email'");

    [Fact]
    public void Catalog_WhenTwoEventsShareAName_RefusesToStart()
    {
        var services = new ServiceCollection().AddPodiumDomainEvents()
            .AddDomainEvent<OrderShipped>("test.shipped").AddDomainEvent<ShipmentSeen>("test.shipped");

        Should.Throw<InvalidOperationException>(() => services.BuildServiceProvider().GetRequiredService<DomainEventCatalog>())
            .Message.ShouldContain("'test.shipped'");
    }

    [Theory]
    [InlineData("Email")]
    [InlineData("e.mail")]
    [InlineData("")]
    public void AddDomainEventHandler_WhenTheSubscriberNameIsNotLowerCaseWords_Throws(string subscriber) =>
        Should.Throw<ArgumentException>(() => new ServiceCollection().AddDomainEventHandler<OrderShipped, EmailCustomer>("test.shipped", subscriber))
            .Message.ShouldContain("live-updates");
}
