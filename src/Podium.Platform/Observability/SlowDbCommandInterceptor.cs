using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Podium.Platform.Observability;

/// <summary>
/// Warns about database commands slower than <see cref="ObservabilityOptions.SlowDbCommandMs"/>, with the SQL (the
/// parameter values are never logged: they hold e-mail addresses, names and hashes) and the trace id, so the slow
/// query, the request and its trace can be found together.
/// </summary>
internal sealed partial class SlowDbCommandInterceptor(IOptionsMonitor<ObservabilityOptions> options, ILogger<SlowDbCommandInterceptor> logger)
    : DbCommandInterceptor
{
    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Check(command, eventData);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Check(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Check(command, eventData);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Check(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Check(command, eventData);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Check(command, eventData);
        return ValueTask.FromResult(result);
    }

    private void Check(DbCommand command, CommandExecutedEventData eventData)
    {
        // EF measured the command itself (until the first result), so no clock is read here.
        var elapsedMs = eventData.Duration.TotalMilliseconds;
        if (elapsedMs <= options.CurrentValue.SlowDbCommandMs)
        {
            return;
        }

        LogSlowCommand(logger, Math.Round(elapsedMs, 1), command.CommandText, Activity.Current?.TraceId.ToHexString());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slow database command ({ElapsedMs} ms, trace {TraceId}): {CommandText}")]
    private static partial void LogSlowCommand(ILogger logger, double elapsedMs, string commandText, string? traceId);
}
