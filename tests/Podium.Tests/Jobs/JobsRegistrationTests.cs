using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Podium.Platform;
using Podium.Platform.Jobs;

namespace Podium.Tests.Jobs;

public sealed class JobsRegistrationTests
{
    [Theory]
    [InlineData(PodiumRunMode.Command, "true", false)]
    [InlineData(PodiumRunMode.Server, "false", false)]
    [InlineData(PodiumRunMode.Server, "true", true)]
    public void AddPodiumJobs_StartsTheSchedulerOnlyWhenServingWithJobsEnabled(PodiumRunMode mode, string enabled, bool starts)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Podium:Jobs:Enabled"] = enabled;

        builder.AddPodiumJobs(mode);

        var hosted = builder.Services.Where(d => d.ServiceType == typeof(IHostedService)).Select(d => d.ImplementationType?.Name ?? "factory").ToList();
        hosted.Contains(nameof(JobScheduleSync)).ShouldBe(starts);
        hosted.Any(name => name.StartsWith("Quartz", StringComparison.Ordinal)).ShouldBe(starts, string.Join(", ", hosted));
        builder.Services.ShouldContain(d => d.ServiceType == typeof(PodiumJobRegistration));
    }

    [Theory]
    [InlineData("every day")]
    [InlineData("0 0 25 * * ?")]
    [InlineData("-00:05:00")]
    [InlineData("")]
    public void Options_WhenAScheduleIsGarbage_FailValidationNamingTheJob(string schedule)
    {
        var options = new JobsOptions { Schedules = { ["purge-expired-data"] = schedule } };

        var result = new JobsOptionsValidator().Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("Podium:Jobs:Schedules:purge-expired-data");
    }

    [Theory]
    [InlineData("00:15:00", "every 15 minutes")]
    [InlineData("1.00:00:00", "every day")]
    [InlineData("0 30 3 * * ?", "daily at 03:30 UTC")]
    [InlineData("0 */5 * * * ?", "cron 0 */5 * * * ? (UTC)")]
    public void Describe_SaysTheScheduleInWords(string schedule, string expected)
    {
        JobSchedule.TryParse(schedule, out var parsed).ShouldBeTrue();

        parsed.Describe().ShouldBe(expected);
    }

    [Theory]
    [InlineData("Purge")]
    [InlineData("has space")]
    [InlineData("")]
    public void AddPodiumJob_WhenTheKeyIsNotLowerCaseDashed_Refuses(string key) =>
        Should.Throw<ArgumentException>(() => new ServiceCollection().AddPodiumJob<ScriptedJob>(key, JobTestSupport.Never, "x"));

    [Fact]
    public void AddPodiumJob_WhenTheKeyIsTaken_Refuses()
    {
        var services = new ServiceCollection().AddPodiumJob<ScriptedJob>("taken", JobTestSupport.Never, "x");

        Should.Throw<InvalidOperationException>(() => services.AddPodiumJob<ScriptedJob>("taken", JobTestSupport.Never, "y"));
    }
}
