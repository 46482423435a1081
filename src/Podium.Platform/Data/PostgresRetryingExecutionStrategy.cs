using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace Podium.Platform.Data;

/// <summary>
/// Npgsql's retrying strategy, plus one thing a restart needs: after <c>pg_ctl restart</c> every idle connection in the
/// pool is dead, and each retry could draw another one and fail again (57P01, a broken socket) until the retries run
/// out. The first failure that says the server went away empties the pool, so the retry opens a fresh connection.
/// </summary>
internal sealed class PostgresRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies, int maxRetryCount, TimeSpan maxRetryDelay)
    : NpgsqlRetryingExecutionStrategy(dependencies, maxRetryCount, maxRetryDelay, errorCodesToAdd: null)
{
    protected override bool ShouldRetryOn(Exception? exception)
    {
        var retry = base.ShouldRetryOn(exception);
        if (retry && ServerWentAway(exception))
        {
            NpgsqlConnection.ClearAllPools();
        }

        return retry;
    }

    // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up), 08xxx connection exceptions,
    // or no server answer at all (the socket closed or refused).
    private static bool ServerWentAway(Exception? exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("57P", StringComparison.Ordinal) || postgres.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.InnerException is IOException or System.Net.Sockets.SocketException || npgsql.IsTransient,
        _ => false,
    };
}
