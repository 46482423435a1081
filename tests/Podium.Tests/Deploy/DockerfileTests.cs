namespace Podium.Tests.Deploy;

public sealed class DockerfileTests
{
    private readonly Dockerfile _dockerfile = Dockerfile.Load();

    [Fact]
    public void Stages_BuildOnTheSdkAndRunOnTheAspNetRuntime()
    {
        var froms = _dockerfile.All("FROM").ToList();

        froms.Count.ShouldBe(2);
        froms[0].ShouldStartWith("mcr.microsoft.com/dotnet/sdk:10.0 ");
        froms[1].ShouldStartWith("mcr.microsoft.com/dotnet/aspnet:10.0 ");
        _dockerfile.All("RUN").ShouldContain(r => r.StartsWith("dotnet publish src/Podium.Web -c Release -r linux-x64 --self-contained false", StringComparison.Ordinal));
    }

    [Fact]
    public void Container_RunsTheBinaryAndChecksItsHealthWithIt()
    {
        var runtime = _dockerfile.RuntimeStage.ToList();

        Dockerfile.ExecForm(runtime.Single(i => i.Keyword == "ENTRYPOINT").Arguments).ShouldBe(["dotnet", "Podium.Web.dll"]);
        var healthcheck = runtime.Single(i => i.Keyword == "HEALTHCHECK").Arguments;
        healthcheck.ShouldContain(" CMD [");
        Dockerfile.ExecForm(healthcheck[healthcheck.IndexOf(" CMD [", StringComparison.Ordinal)..]).ShouldBe(["dotnet", "Podium.Web.dll", "health"]);
        runtime.Single(i => i.Keyword == "WORKDIR").Arguments.ShouldBe("/app");
    }

    [Fact]
    public void Container_RunsAsTheImagesNonRootUserWithItsDataInAVolume()
    {
        var runtime = _dockerfile.RuntimeStage.ToList();

        runtime.Last(i => i.Keyword == "USER").Arguments.ShouldBe("$APP_UID");
        runtime.Single(i => i.Keyword == "VOLUME").Arguments.ShouldBe("[\"/app/data\"]");
        runtime.ShouldContain(i => i.Keyword == "RUN" && i.Arguments.Contains("chown \"$APP_UID:$APP_UID\" /app/data", StringComparison.Ordinal));
        var environment = _dockerfile.RuntimeEnvironment();
        environment["ASPNETCORE_HTTP_PORTS"].ShouldBe("8080");
        environment["ASPNETCORE_ENVIRONMENT"].ShouldBe("Production");
        runtime.Single(i => i.Keyword == "EXPOSE").Arguments.ShouldBe("8080");
    }

    [Fact]
    public void RestoreLayer_CopiesEveryProjectAndTheBuildSettingsBeforeTheSources()
    {
        var copies = _dockerfile.All("COPY").ToList();
        var sources = copies.IndexOf("src/ src/");
        sources.ShouldBeGreaterThan(0);
        var restoreLayer = string.Join(' ', copies.Take(sources));

        foreach (var file in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props", ".config/dotnet-tools.json" })
        {
            restoreLayer.ShouldContain(file);
        }

        foreach (var project in Directory.GetFiles(Path.Combine(DeployFiles.RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(DeployFiles.RepositoryRoot, project).Replace('\\', '/');
            restoreLayer.ShouldContain(relative, customMessage: $"{relative} is not copied before `dotnet restore` in deploy/Dockerfile");
        }
    }

    [Fact]
    public void CopiedFiles_ExistAndAreNotExcludedFromTheBuildContext()
    {
        var ignored = DeployFiles.Read(".dockerignore").Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        ignored.ShouldContain("**/bin");
        ignored.ShouldContain("**/obj");
        ignored.ShouldContain(".git");
        ignored.ShouldContain("deploy");

        var copied = _dockerfile.All("COPY").Where(c => !c.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1)).ToList();
        foreach (var source in copied)
        {
            Path.Exists(Path.Combine(DeployFiles.RepositoryRoot, source)).ShouldBeTrue($"COPY {source}: no such file");
            var topLevel = source.TrimEnd('/').Split('/')[0];
            ignored.ShouldNotContain(topLevel, $".dockerignore excludes {source}");
            ignored.ShouldNotContain("/" + topLevel, $".dockerignore excludes {source}");
        }
    }
}
