using System.ComponentModel.DataAnnotations;

namespace Podium.Platform.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions
{
    public const string SectionName = "Podium:Database";
    public const string ConnectionStringName = "Podium";

    /// <summary>SQLite is the embedded default so a single process needs nothing else installed.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Apply pending migrations when the web app starts. Unset means: only in Development, because a
    /// production schema change is a deliberate step (<c>podium db migrate</c>) run once, not by every instance.
    /// </summary>
    public bool? MigrateOnStart { get; set; }

    /// <summary>Write demo data at start (after migrating). Unset means: only in Development.</summary>
    public bool? SeedOnStart { get; set; }

    /// <summary>How long a SQLite writer waits for the single write lock before failing.</summary>
    [Range(1, 600)]
    public int SqliteBusyTimeoutSeconds { get; set; } = 30;
}
