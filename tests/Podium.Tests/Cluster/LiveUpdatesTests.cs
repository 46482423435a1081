using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Realtime;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Cluster;

public sealed class LiveUpdatesTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HubConnection Connection, Channel<(string Topic, string Name, string? Data)> Received)> ConnectAsync(PodiumAppFactory app)
    {
        var received = Channel.CreateUnbounded<(string, string, string?)>();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/live"), options =>
            {
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        connection.On<string, string, object?>("update", (topic, name, data) => received.Writer.TryWrite((topic, name, data?.ToString())));
        await connection.StartAsync(Ct);
        return (connection, received);
    }

    [Fact]
    public async Task UpdatePublishedOnA_ReachesAFollowerConnectedToB()
    {
        var (follower, received) = await ConnectAsync(cluster.B);
        await using var _ = follower;
        var topic = $"test:board:{Guid.NewGuid():N}";
        await follower.InvokeAsync("Subscribe", topic, Ct);

        await cluster.A.Services.GetRequiredService<ILiveUpdates>().PublishAsync(topic, "scored", new { id = 42 }, Ct);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var update = await received.Reader.ReadAsync(timeout.Token);
        update.Topic.ShouldBe(topic);
        update.Name.ShouldBe("scored");
        update.Data.ShouldNotBeNull().ShouldContain("42");
    }

    [Fact]
    public async Task UpdateOnAnotherTopic_IsNotDelivered()
    {
        var (follower, received) = await ConnectAsync(cluster.A);
        await using var _ = follower;
        var mine = $"test:mine:{Guid.NewGuid():N}";
        await follower.InvokeAsync("Subscribe", mine, Ct);
        var updates = cluster.B.Services.GetRequiredService<ILiveUpdates>();

        await updates.PublishAsync($"test:other:{Guid.NewGuid():N}", "ignored", cancellationToken: Ct);
        await updates.PublishAsync(mine, "mine", cancellationToken: Ct);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        (await received.Reader.ReadAsync(timeout.Token)).Name.ShouldBe("mine");
    }

    [Theory]
    [InlineData("nobody-registered:this", "no such live topic")]
    [InlineData("", "no such live topic")]
    [InlineData("test:<script>", "no such live topic")]
    [InlineData("secret:admin-board", "may not follow")]
    public async Task Subscribe_ToAnUnknownOrForbiddenTopic_IsRefused(string topic, string reason)
    {
        var (follower, _) = await ConnectAsync(cluster.A);
        await using var _ = follower;

        var refused = await Should.ThrowAsync<HubException>(() => follower.InvokeAsync("Subscribe", topic, Ct));

        refused.Message.ShouldContain(reason);
    }

    [Fact]
    public async Task Publish_ToAnInvalidTopicName_IsAProgrammingError()
    {
        var updates = cluster.A.Services.GetRequiredService<ILiveUpdates>();

        await Should.ThrowAsync<ArgumentException>(() => updates.PublishAsync("Not a topic!", "x", cancellationToken: Ct));
    }
}
