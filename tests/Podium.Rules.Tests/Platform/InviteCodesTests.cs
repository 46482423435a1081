using Podium.Platform.Competitions;

namespace Podium.Rules.Tests.Platform;

/// <summary>Invite codes: unguessable, and typed back however people type them.</summary>
public sealed class InviteCodesTests
{
    [Fact]
    public void Alphabet_HasNoLookAlikes()
    {
        InviteCodes.Alphabet.Length.ShouldBe(30);
        InviteCodes.Alphabet.ShouldBeUnique();
        foreach (var lookAlike in "01OILU")
        {
            InviteCodes.Alphabet.ShouldNotContain(lookAlike);
        }
    }

    [Fact]
    public void Generate_GivesTenCharactersOfTheAlphabet_DifferentEachTime()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => InviteCodes.Generate()).ToList();

        codes.ShouldAllBe(c => c.Length == InviteCodes.Length && c.All(InviteCodes.Alphabet.Contains));
        codes.ShouldBeUnique();
        string.Concat(codes).Distinct().Count().ShouldBe(InviteCodes.Alphabet.Length);
    }

    [Theory]
    [InlineData("ABCDE23456", "ABCDE23456")]
    [InlineData("abcde-23456", "ABCDE23456")]
    [InlineData("  aBcDe 2345 6 ", "ABCDE23456")]
    [InlineData("A-B-C-D-E-2-3-4-5-6", "ABCDE23456")]
    [InlineData("zyxwv98765", "ZYXWV98765")]
    public void Normalize_IgnoresCaseSpacesAndDashes(string entered, string expected) => InviteCodes.Normalize(entered).ShouldBe(expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ABCDE2345")]
    [InlineData("ABCDE234567")]
    [InlineData("ABCDE2345O")]
    [InlineData("ABCDE23451")]
    [InlineData("ABCDE2345\0")]
    [InlineData("ABCDE_2345")]
    [InlineData("ÀBCDE23456")]
    public void Normalize_OfWhatCannotBeACode_IsNull(string? entered) => InviteCodes.Normalize(entered).ShouldBeNull();

    [Fact]
    public void Normalize_OfHugeInput_IsNullWithoutReadingIt()
    {
        InviteCodes.Normalize(new string(' ', 40) + "").ShouldBeNull();
        InviteCodes.Normalize(new string('-', 30) + "ABCDE23456").ShouldBe("ABCDE23456");
        InviteCodes.Normalize(new string('-', 31) + "ABCDE23456").ShouldBeNull();
    }

    [Fact]
    public void Format_SplitsTheCodeInTwoGroupsOfFive() => InviteCodes.Format("ABCDE23456").ShouldBe("ABCDE-23456");

    [Fact]
    public void Format_OfSomethingElse_LeavesItBe() => InviteCodes.Format("ABC").ShouldBe("ABC");

    [Fact]
    public void Format_OfNull_Throws() => Should.Throw<ArgumentNullException>(() => InviteCodes.Format(null!));
}
