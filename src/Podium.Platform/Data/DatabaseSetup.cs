using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Podium.Platform.Data;

/// <summary>Builds context options for the configured provider; shared by the app, the CLI and tests.</summary>
public static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "Podium.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Podium.Migrations.Postgres";
    public const string DefaultSqliteFile = "data/podium.db";

    /// <summary>
    /// Transient failures (a restarted or failed-over PostgreSQL, a busy SQLite) are retried, the whole unit of work each
    /// time (<see cref="Transactions.InTransactionAsync{T}(Microsoft.EntityFrameworkCore.DbContext, Func{CancellationToken, Task{T}}, System.Data.IsolationLevel?, CancellationToken)"/>).
    /// EF's delays grow 0, ~1, 2, 2, 2, 2, 2, 2 s: about 13 s ridden out, longer than a <c>pg_ctl restart -m fast</c>
    /// takes (1–3 s here, several on a loaded machine, seen in scripts/chaos.sh), yet short enough that a database really down fails the request inside a client's timeout.
    /// </summary>
    public const int MaxRetries = 8;

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(2);

    public static DbContextOptionsBuilder UsePodiumDatabase(
        this DbContextOptionsBuilder builder,
        DatabaseProvider provider,
        string connectionString,
        IReadOnlyList<Assembly> moduleAssemblies,
        int sqliteBusyTimeoutSeconds = 30)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                builder
                    .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly)
                        .ExecutionStrategy(dependencies => new SqliteRetryingExecutionStrategy(dependencies, MaxRetries, MaxRetryDelay)))
                    .AddInterceptors(new SqlitePragmaInterceptor(sqliteBusyTimeoutSeconds));
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly)
                    .ExecutionStrategy(dependencies => new PostgresRetryingExecutionStrategy(dependencies, MaxRetries, MaxRetryDelay)));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }

        builder.UseSnakeCaseNamingConvention();
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new ModelAssembliesExtension(moduleAssemblies));
        return builder;
    }

    /// <summary>
    /// The connection string to use: the configured one, or for SQLite the default file under the content root.
    /// A relative SQLite path is made absolute against the content root (not the working directory) and its
    /// folder is created, so the app finds the same file however it was started.
    /// </summary>
    public static string ResolveConnectionString(DatabaseProvider provider, string? configured, string contentRoot)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(configured))
            {
                throw new InvalidOperationException(
                    "Podium:Database:Provider is Postgres but ConnectionStrings:Podium is not set " +
                    "(environment variable ConnectionStrings__Podium).");
            }

            return configured;
        }

        var sqlite = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? $"Data Source={DefaultSqliteFile}" : configured);
        var isFile = sqlite.Mode != SqliteOpenMode.Memory
            && !string.IsNullOrEmpty(sqlite.DataSource)
            && !sqlite.DataSource.Equals(":memory:", StringComparison.Ordinal);
        if (isFile)
        {
            sqlite.DataSource = Path.GetFullPath(sqlite.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(sqlite.DataSource)!);
        }

        return sqlite.ToString();
    }

    /// <summary>The connection string with its password removed, for messages and logs.</summary>
    public static string Redact(DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            var npgsql = new NpgsqlConnectionStringBuilder(connectionString);
            if (!string.IsNullOrEmpty(npgsql.Password))
            {
                npgsql.Password = "***";
            }

            return npgsql.ToString();
        }

        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(sqlite.Password))
        {
            sqlite.Password = "***";
        }

        return sqlite.ToString();
    }
}
