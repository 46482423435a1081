using Podium.Modules.Fights.Domain;

namespace Podium.Rules.Tests.Fights;

public sealed class EventQualityTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);

    private static string[] Fields(IReadOnlyList<QualityIssue> issues) => [.. issues.Select(i => i.Field)];

    [Fact]
    public void CheckEvent_WhenNamedAndDatedPlausibly_HasNoIssues() =>
        DataQuality.CheckEvent(new EventFacts("UFC 320: Vellek vs. Korvath", Now.AddDays(30)), Now).ShouldBeEmpty();

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void CheckEvent_WithoutAName_SaysItNeedsOne(string name) =>
        DataQuality.CheckEvent(new EventFacts(name, Now), Now).ShouldBe([new QualityIssue("name", "An event needs a name.")]);

    [Fact]
    public void CheckEvent_OnTheFirstEventsDay_AndExactlyTwoYearsAhead_IsPlausible()
    {
        DataQuality.CheckEvent(new EventFacts("UFC 1", new DateTime(1993, 11, 12, 0, 0, 0, DateTimeKind.Utc)), Now).ShouldBeEmpty();
        DataQuality.CheckEvent(new EventFacts("Far ahead", Now.AddDays(730)), Now).ShouldBeEmpty();
    }

    [Fact]
    public void CheckEvent_BeforeTheFirstEvent_SaysTheDateIsNotPlausible() =>
        DataQuality.CheckEvent(new EventFacts("Too old", new DateTime(1993, 11, 11, 23, 59, 59, DateTimeKind.Utc)), Now)
            .ShouldBe([new QualityIssue("startsAt", "A start on 1993-11-11 is not plausible (from 1993-11-12 to two years ahead).")]);

    [Fact]
    public void CheckEvent_MoreThanTwoYearsAhead_SaysTheDateIsNotPlausible() =>
        Fields(DataQuality.CheckEvent(new EventFacts("Typo", Now.AddDays(730).AddSeconds(1)), Now)).ShouldBe(["startsAt"]);

    [Fact]
    public void CheckEvent_WithNeitherNameNorPlausibleDate_ListsBoth() =>
        Fields(DataQuality.CheckEvent(new EventFacts("", new DateTime(2099, 1, 1, 0, 0, 0, DateTimeKind.Utc)), Now)).ShouldBe(["name", "startsAt"]);
}
