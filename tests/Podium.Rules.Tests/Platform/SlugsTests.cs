using Podium.Platform.Modules;

namespace Podium.Rules.Tests.Platform;

public sealed class SlugsTests
{
    [Theory]
    [InlineData("Lake Travis", "lake-travis")]
    [InlineData("  José Aldo Júnior  ", "jose-aldo-junior")]
    [InlineData("Kai 'The Anvil' Renner", "kai-the-anvil-renner")]
    [InlineData("Apex 301: Renner vs. Stanek", "apex-301-renner-vs-stanek")]
    [InlineData("--Already--Hyphened--", "already-hyphened")]
    [InlineData("Łukasz Søndergaard", "lukasz-sondergaard")]
    [InlineData("李小龙", "")]
    [InlineData("", "")]
    public void Of_WhenGivenAName_IsALowerCaseUrlSegment(string text, string slug) => Slugs.Of(text).ShouldBe(slug);

    [Fact]
    public void Of_WhenGivenNoText_Throws() => Should.Throw<ArgumentNullException>(() => Slugs.Of(null!)).ParamName.ShouldBe("text");

    [Fact]
    public void Of_WhenExactlyTheLongestAllowed_KeepsItWhole()
    {
        var text = new string('a', 40) + " " + new string('b', 39);

        Slugs.Of(text).ShouldBe(new string('a', 40) + "-" + new string('b', 39));
    }

    [Fact]
    public void Of_WhenTooLong_CutsAtTheLastWordBreakThatFits()
    {
        var text = new string('a', 40) + " " + new string('b', 39) + " cc";

        Slugs.Of(text).ShouldBe(new string('a', 40) + "-" + new string('b', 39));
    }

    [Fact]
    public void Of_WhenTooLongAndTheBreakIsJustPastTheLimit_CutsAtAnEarlierOne()
    {
        var text = new string('a', 40) + " " + new string('b', 40) + " cc";

        Slugs.Of(text).ShouldBe(new string('a', 40));
    }

    [Fact]
    public void Of_WhenOneLongWord_CutsAtTheLimit() => Slugs.Of(new string('x', 100)).ShouldBe(new string('x', Slugs.MaxLength));

    [Fact]
    public void Unique_WhenFree_IsTheSlugItself() => Slugs.Unique("kai-renner", _ => false).ShouldBe("kai-renner");

    [Fact]
    public void Unique_WhenTaken_TriesTwoThenThree()
    {
        var taken = new HashSet<string> { "kai-renner", "kai-renner-2" };

        Slugs.Unique("kai-renner", taken.Contains).ShouldBe("kai-renner-3");
    }

    [Fact]
    public void Unique_WhenGivenNoSlug_Throws()
    {
        Should.Throw<ArgumentException>(() => Slugs.Unique("", _ => false)).ParamName.ShouldBe("slug");
        Should.Throw<ArgumentNullException>(() => Slugs.Unique("a", null!)).ParamName.ShouldBe("isTaken");
    }

    [Theory]
    [InlineData("Zoë", "zoe")]
    [InlineData("Straße", "strasse")]
    [InlineData("Æsir Œuvre", "aesir oeuvre")]
    [InlineData("Đorđe Łukasz Øster ıştar", "dorde lukasz oster istar")]
    [InlineData("O'Neil-Smith", "o'neil-smith")]
    public void Fold_WhenGivenAccentsAndSpecialLetters_SpellsThemPlain(string text, string folded) => Slugs.Fold(text).ShouldBe(folded);

    [Fact]
    public void Fold_WhenGivenNoText_Throws() => Should.Throw<ArgumentNullException>(() => Slugs.Fold(null!)).ParamName.ShouldBe("text");
}
