using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Podium.Platform.Outbox;

/// <summary>Delivers due outbox messages: at once after an enqueue on this instance, otherwise every poll interval.</summary>
internal sealed partial class OutboxDispatcher(
    OutboxDelivery delivery,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.DispatcherEnabled)
        {
            return;
        }

        LogStarted(logger, delivery.InstanceId);
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await delivery.DeliverBatchAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Typically the database is unreachable: the messages are safe in it; try again at the next poll.
                LogRoundFailed(logger, ex);
            }

            if (claimed < settings.BatchSize)
            {
                await signal.WaitAsync(settings.PollInterval, time, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox dispatcher {Instance} started")]
    private static partial void LogStarted(ILogger logger, string instance);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox dispatch round failed; retrying at the next poll")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
