using Podium.Tests.Deploy;

namespace Podium.Tests.Security;

public sealed class ClientAddressTests
{
    /// <summary>
    /// Rate limits, IP rules, /metrics, the audit trail and sessions must all see the same address: the client's, as a
    /// known proxy reported it. Code reading the connection's address itself would skip that rule (or the IPv4 form).
    /// </summary>
    [Fact]
    public void ConnectionAddress_IsReadOnlyThroughClientAddress()
    {
        var source = Path.Combine(DeployFiles.RepositoryRoot, "src");
        var readers = Directory.GetFiles(source, "*.cs*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("RemoteIpAddress", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(source, f))
            .ToList();

        readers.ShouldBe([Path.Combine("Podium.Platform", "Security", "ClientAddress.cs")]);
    }
}
