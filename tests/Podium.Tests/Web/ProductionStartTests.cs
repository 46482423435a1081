using Podium.Tests.Infrastructure;

namespace Podium.Tests.Web;

/// <summary>
/// The server started as an operator starts it, in Production with settings missing: it must not serve, and must say
/// what to set, one problem a line, with exit code 2 however many there are (not a crash with a stack trace).
/// </summary>
public sealed class ProductionStartTests
{
    private const string Refusal = "Podium will not start: ";

    [Theory]
    [InlineData("", "Podium:PublicUrl Podium:Email:SmtpHost Podium:Email:From")]
    [InlineData("Podium__PublicUrl=https://podium.example.org Podium__Email__SmtpHost=smtp.example.org", "Podium:Email:From")]
    public async Task Start_InProductionWithSettingsMissing_Exits2NamingEachOnALineOfItsOwn(string given, string missing)
    {
        var environment = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" };
        foreach (var setting in given.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = setting.Split('=', 2);
            environment[pair[0]] = pair[1];
        }

        var named = missing.Split(' ');
        var start = await PodiumProcess.RunAsync(environment, "--urls", "http://127.0.0.1:0");

        start.ExitCode.ShouldBe(2, start.ToString());
        start.Error.ShouldNotContain("Unhandled exception");
        var lines = start.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.ShouldAllBe(l => l.StartsWith(Refusal, StringComparison.Ordinal), start.ToString());
        lines.Length.ShouldBe(named.Length, start.ToString());
        foreach (var setting in named)
        {
            lines.Count(l => l.Contains(setting, StringComparison.Ordinal)).ShouldBe(1, $"{setting} in\n{start.Error}");
        }
    }
}
