namespace Podium.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL and Redis started by scripts/services.sh, found through PODIUM_TEST_POSTGRES and
/// PODIUM_TEST_REDIS. Missing on a developer's machine: the tests that need them are skipped with the reason.
/// Missing in CI (CI=true): they fail, because a green run that never touched PostgreSQL proves nothing.
/// </summary>
public static class TestServices
{
    public const string PostgresVariable = "PODIUM_TEST_POSTGRES";
    public const string RedisVariable = "PODIUM_TEST_REDIS";

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Postgres => Value(PostgresVariable);

    public static string? Redis => Value(RedisVariable);

    /// <summary>The server's connection string, or a skip (locally) / failure (CI) naming how to get one.</summary>
    public static string RequirePostgres() => Require(PostgresVariable);

    public static string RequireRedis() => Require(RedisVariable);

    private static string Require(string variable) =>
        Value(variable) ?? throw Unavailable(variable);

    internal static Exception Unavailable(string variable)
    {
        var reason = $"{variable} is not set: start the services with `eval \"$(scripts/services.sh start)\"` or run scripts/test.sh.";
        if (InCi)
        {
            return new InvalidOperationException($"CI=true requires the real services. {reason}");
        }

        Assert.Skip(reason);
        return new System.Diagnostics.UnreachableException();
    }

    private static string? Value(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;
}
