using System.Text.Json;
using Podium.Platform.Feeds;

namespace Podium.Tests.Feeds;

public sealed class FeedProvenanceTests
{
    [Theory]
    [InlineData(FeedProvenance.Real, "real")]
    [InlineData(FeedProvenance.Cached, "cached")]
    [InlineData(FeedProvenance.Sample, "sample")]
    public void Provenance_IsStoredAndSerialisedAsItsWord(FeedProvenance provenance, string word)
    {
        provenance.ToValue().ShouldBe(word);
        FeedProvenances.Parse(word).ShouldBe(provenance);
        new FeedProvenanceConverter().ConvertToProvider(provenance).ShouldBe(word);
        JsonSerializer.Serialize(new { provenance }).ShouldBe($$"""{"provenance":"{{word}}"}""");
        JsonSerializer.Deserialize<FeedProvenance>($"\"{word}\"").ShouldBe(provenance);
    }

    [Theory]
    [InlineData("Real")]
    [InlineData("live")]
    [InlineData("")]
    public void Provenance_WhenTheWordIsUnknown_IsRefused(string word)
    {
        Should.Throw<FormatException>(() => FeedProvenances.Parse(word));
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<FeedProvenance>($"\"{word}\""));
    }
}
