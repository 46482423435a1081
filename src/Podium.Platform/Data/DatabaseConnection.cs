namespace Podium.Platform.Data;

/// <summary>The provider and resolved connection string this process talks to.</summary>
public sealed record DatabaseConnection(DatabaseProvider Provider, string ConnectionString)
{
    public string Redacted => DatabaseSetup.Redact(Provider, ConnectionString);
}
