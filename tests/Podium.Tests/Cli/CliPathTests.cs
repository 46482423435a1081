using Podium.Platform.Cli;

namespace Podium.Tests.Cli;

/// <summary>Where a relative path typed on the command line points (see <see cref="PodiumCli.FullPath"/>).</summary>
public sealed class CliPathTests : IDisposable
{
    private readonly string _project = Directory.CreateTempSubdirectory("podium-project-").FullName;
    private readonly string _shell = Directory.CreateTempSubdirectory("podium-shell-").FullName;

    public CliPathTests() => File.WriteAllText(Path.Combine(_project, "Podium.Web.csproj"), "<Project />");

    [Fact]
    public void InvocationDirectory_WhenDotnetRunStartedItInTheProjectFolder_IsTheShellsDirectory() =>
        PodiumCli.InvocationDirectory(_project, _shell).ShouldBe(_shell);

    [Fact]
    public void InvocationDirectory_WhenStartedOutsideAProjectFolder_IsTheWorkingDirectoryWhateverPwdSays() =>
        PodiumCli.InvocationDirectory(_shell, _project).ShouldBe(_shell);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("relative/dir")]
    [InlineData("/no/such/directory/anywhere")]
    public void InvocationDirectory_WhenPwdIsMissingOrUnusable_IsTheWorkingDirectory(string? pwd) =>
        PodiumCli.InvocationDirectory(_project, pwd).ShouldBe(_project);

    public void Dispose()
    {
        Directory.Delete(_project, recursive: true);
        Directory.Delete(_shell, recursive: true);
    }
}
