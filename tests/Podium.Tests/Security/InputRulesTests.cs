using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Podium.Modules.Club.Domain;
using Podium.Platform.Input;
using Podium.Platform.Modules.LocalTime;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Podium.Tests.Security;

/// <summary>The input rules themselves, and the JSON reading every API body goes through.</summary>
public sealed class InputRulesTests
{
    public sealed record Sample(string? Name, List<string>? Tags, DateOnly? Day, DateTime? At, DateTimeOffset? Offset);

    [Theory]
    [InlineData("plain text", -1)]
    [InlineData("tab\tand\r\nbreaks", -1)]
    [InlineData("nul\0", 3)]
    [InlineData("\u001b[31m", 0)]
    [InlineData("bell\u0007", 4)]
    public void IndexOfRefused_FindsControlCharacters(string text, int expected) =>
        TextRules.IndexOfRefused(text).ShouldBe(expected);

    [Fact]
    public void IndexOfRefused_FindsHalvesOfSurrogatePairs()
    {
        // Built here rather than passed as theory data, which would not keep a lone surrogate intact.
        var (high, low) = ('\ud83c', '\udfa3');

        TextRules.IndexOfRefused($"pair {high}{low} fine").ShouldBe(-1);
        TextRules.IndexOfRefused($"lone {high} high").ShouldBe(5);
        TextRules.IndexOfRefused($"lone {low} low").ShouldBe(5);
        TextRules.IndexOfRefused($"reversed {low}{high}").ShouldBe(9);
        TextRules.IndexOfRefused($"ends high {high}").ShouldBe(10);
        TextRules.Problem($"x{low}").ShouldNotBeNull().ShouldContain("U+DFA3");
    }

    [Fact]
    public void Problem_WhenTextHoldsANul_NamesItByCodeWithoutEchoingIt()
    {
        var problem = TextRules.Problem("a\0b").ShouldNotBeNull();

        problem.ShouldContain("U+0000");
        problem.ShouldNotContain("\0");
        TextRules.Problem("fine").ShouldBeNull();
    }

    [Theory]
    [InlineData(1899, false)]
    [InlineData(1900, true)]
    [InlineData(2200, true)]
    [InlineData(2201, false)]
    [InlineData(9999, false)]
    public void IsSane_AcceptsTheYears1900To2200(int year, bool sane)
    {
        DateRules.IsSane(new DateOnly(year, 12, 31)).ShouldBe(sane);
        DateRules.IsSaneValue(new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified)).ShouldBe(sane);
        DateRules.IsSaneValue(new DateTimeOffset(year, 6, 1, 0, 0, 0, TimeSpan.Zero)).ShouldBe(sane);
    }

    [Theory]
    [InlineData("""{"name":"a\u0000b"}""", "name", "U+0000")]
    [InlineData("""{"tags":["ok","bad\u001f"]}""", "tags", "U+001F")]
    [InlineData("""{"day":"9999-12-31"}""", "day", "1900 and 2200")]
    [InlineData("""{"at":"1066-10-14T09:00:00"}""", "at", "1900 and 2200")]
    [InlineData("""{"offset":"2500-01-01T00:00:00+00:00"}""", "offset", "1900 and 2200")]
    public void ApiJson_WhenAValueBreaksARule_RefusesItNamingTheProperty(string json, string field, string reason)
    {
        var refused = Should.Throw<InputRefusedException>(() => JsonSerializer.Deserialize<Sample>(json, ApiJson()));

        refused.Refusal.Field.ShouldBe(field);
        refused.Refusal.Reason.ShouldContain(reason);
    }

    [Fact]
    public void ApiJson_WhenValuesAreFine_ReadsThem()
    {
        var sample = JsonSerializer.Deserialize<Sample>("""{"name":"Lake\tTravis\r\n","tags":["a"],"day":"2026-03-15","at":"2200-12-31T23:59:00"}""", ApiJson());

        sample.ShouldNotBeNull().Name.ShouldBe("Lake\tTravis\r\n");
        sample.Day.ShouldBe(new DateOnly(2026, 3, 15));
    }

    [Fact]
    public void TryToUtc_WhenTheInstantIsPastWhatDateTimeHolds_IsFalseInsteadOfThrowing()
    {
        var chicago = LocalZone.Find("America/Chicago");

        chicago.TryToUtc(new DateTime(9999, 12, 31, 23, 59, 0, DateTimeKind.Unspecified), out _).ShouldBeFalse();
        chicago.TryToUtc(new DateTime(2200, 12, 31, 23, 59, 0, DateTimeKind.Unspecified), out var utc).ShouldBeTrue();
        utc.ShouldBe(new DateTime(2201, 1, 1, 5, 59, 0, DateTimeKind.Utc));
    }

    /// <summary>The serializer options the API reads bodies with, as the platform configures them.</summary>
    private static JsonSerializerOptions ApiJson() =>
        new ServiceCollection().AddPodiumInput().BuildServiceProvider().GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
}
