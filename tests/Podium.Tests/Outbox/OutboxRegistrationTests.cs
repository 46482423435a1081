using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Outbox;

namespace Podium.Tests.Outbox;

public sealed class OutboxRegistrationTests
{
    private sealed record Other(int Number);

    private sealed class OtherHandler : IOutboxHandler<Other>
    {
        public Task HandleAsync(Other message, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static OutboxTypes Build(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        register(services);
        services.AddSingleton<OutboxTypes>();
        return services.BuildServiceProvider().GetRequiredService<OutboxTypes>();
    }

    [Theory]
    [InlineData("")]
    [InlineData("Email.Send")]
    [InlineData("email send")]
    [InlineData("email..send")]
    [InlineData(".email")]
    [InlineData("Podium.Platform.Email.EmailMessage, Podium.Platform")]
    public void AddOutboxMessage_WhenTheNameIsNotALowerCaseDottedName_Throws(string name) =>
        Should.Throw<ArgumentException>(() => new ServiceCollection().AddOutboxMessage<TestPing>(name)).Message.ShouldContain("email.send");

    [Fact]
    public void AddOutboxMessage_WhenTheNameIsLongerThanTheColumn_Throws() =>
        Should.Throw<ArgumentException>(() => new ServiceCollection().AddOutboxMessage<TestPing>(new string('a', 129)));

    [Fact]
    public void Types_WhenTwoTypesShareAName_RefuseToStart() =>
        Should.Throw<InvalidOperationException>(() => Build(s => s
            .AddOutboxMessage<TestPing>("test.same").AddOutboxHandler<TestPing, TestPingHandler>()
            .AddOutboxMessage<Other>("test.same").AddOutboxHandler<Other, OtherHandler>()))
            .Message.ShouldContain("'test.same'");

    [Fact]
    public void Types_WhenATypeHasNoHandler_RefuseToStart() =>
        Should.Throw<InvalidOperationException>(() => Build(s => s.AddOutboxMessage<Other>("test.other")))
            .Message.ShouldContain("test.other");

    [Fact]
    public void Types_WhenATypeHasTwoHandlers_RefuseToStart() =>
        Should.Throw<InvalidOperationException>(() => Build(s => s
            .AddOutboxMessage<Other>("test.other").AddOutboxHandler<Other, OtherHandler>().AddOutboxHandler<Other, OtherHandler>()))
            .Message.ShouldContain("register one");

    [Fact]
    public void Types_WhenAHandlerHasNoMessageType_RefuseToStart() =>
        Should.Throw<InvalidOperationException>(() => Build(s => s.AddOutboxHandler<Other, OtherHandler>()))
            .Message.ShouldContain("AddOutboxMessage");

    [Fact]
    public void Types_WhenRegisteredOnce_FindByNameAndByType()
    {
        var types = Build(s => s.AddOutboxMessage<Other>("test.other").AddOutboxHandler<Other, OtherHandler>());

        types.For(typeof(Other)).Name.ShouldBe("test.other");
        types.Find("test.other")!.ClrType.ShouldBe(typeof(Other));
        types.Find("test.unknown").ShouldBeNull();
        types.Names.ShouldBe(["test.other"]);
    }
}
