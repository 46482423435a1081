namespace Podium.Platform.Data;

/// <summary>Raised at start when the schema is behind the code and this environment must not migrate by itself.</summary>
public sealed class PendingMigrationsException(DatabaseProvider provider, IReadOnlyList<string> pending)
    : Exception(
        $"The {provider} database has {pending.Count} pending migration(s): {string.Join(", ", pending)}. " +
        "Podium does not change the schema by itself outside Development. " +
        "Run `podium db migrate` (for example `dotnet Podium.Web.dll db migrate`) with the same configuration, then start again.")
{
    public DatabaseProvider Provider { get; } = provider;

    public IReadOnlyList<string> Pending { get; } = pending;
}
