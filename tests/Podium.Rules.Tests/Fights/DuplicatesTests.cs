using Podium.Modules.Fights.Domain;

namespace Podium.Rules.Tests.Fights;

public sealed class DuplicatesTests
{
    private static readonly DateOnly Born = new(1994, 6, 2);

    private static FighterIdentity Fighter(string name, DateOnly? born = null, params ExternalId[] ids) => new(Guid.CreateVersion7(), name, born, ids);

    [Theory]
    [InlineData("José  O'Malley-Silva", "jose omalley silva")]
    [InlineData("Zoë Brândão", "ZOE BRANDAO")]
    [InlineData("Łukasz Søndergaard", "Lukasz Sondergaard")]
    [InlineData("Jr. Van  Der-Berg", "jr vanderberg")]
    public void NormaliseName_WhenNamesDifferByCaseAccentsPunctuationOrSpacing_IsTheSame(string one, string other) =>
        Duplicates.NormaliseName(one).ShouldBe(Duplicates.NormaliseName(other));

    [Fact]
    public void NormaliseName_WhenGivenAName_KeepsLettersAndDigitsOnly() => Duplicates.NormaliseName("Kai 'The Anvil' Renner II").ShouldBe("kaitheanvilrennerii");

    [Fact]
    public void Find_WhenTwoShareAnIdAtTheSameSource_PairsThem()
    {
        var first = Fighter("Kai Renner", null, new ExternalId("espn", "4012"));
        var second = Fighter("Kai Rennerr", null, new ExternalId("espn", "4012"));

        Duplicates.Find([first, second]).ShouldBe([new DuplicatePair(first.Id, second.Id, "Same espn id 4012.")]);
    }

    [Fact]
    public void Find_WhenTheSameIdIsAtDifferentSources_DoesNotPairThem() =>
        Duplicates.Find([Fighter("Kai Renner", null, new ExternalId("espn", "4012")), Fighter("Ivo Stanek", null, new ExternalId("sample", "4012"))]).ShouldBeEmpty();

    [Fact]
    public void Find_WhenNameAndDateOfBirthMatchAsPeopleReadThem_PairsThem()
    {
        var first = Fighter("Tomás Ferreira-Lund", Born);
        var second = Fighter("tomas ferreira lund", Born);

        Duplicates.Find([first, second]).ShouldBe([new DuplicatePair(first.Id, second.Id, "Same name and date of birth (1994-06-02).")]);
    }

    [Fact]
    public void Find_WhenNamesMatchButBirthDatesDiffer_DoesNotPairThem() =>
        Duplicates.Find([Fighter("Kai Renner", Born), Fighter("Kai Renner", Born.AddDays(1))]).ShouldBeEmpty();

    [Fact]
    public void Find_WhenNamesMatchAndABirthDateIsUnknown_DoesNotPairThem() =>
        Duplicates.Find([Fighter("Kai Renner", Born), Fighter("Kai Renner")]).ShouldBeEmpty();

    [Fact]
    public void Find_WhenNamesMatchAndNeitherBirthDateIsKnown_DoesNotPairThem() =>
        Duplicates.Find([Fighter("Kai Renner"), Fighter("Kai Renner")]).ShouldBeEmpty();

    [Fact]
    public void Find_WhenBirthDatesMatchButNamesDiffer_DoesNotPairThem() =>
        Duplicates.Find([Fighter("Kai Renner", Born), Fighter("Ivo Stanek", Born)]).ShouldBeEmpty();

    [Fact]
    public void Find_WhenAPairMatchesByIdAndByName_ListsItOnceByTheId()
    {
        var first = Fighter("Kai Renner", Born, new ExternalId("espn", "1"), new ExternalId("ufc", "kai-renner"));
        var second = Fighter("Kai Renner", Born, new ExternalId("espn", "1"), new ExternalId("ufc", "kai-renner"));

        Duplicates.Find([first, second]).ShouldBe([new DuplicatePair(first.Id, second.Id, "Same espn id 1.")]);
    }

    [Fact]
    public void Find_WhenThreeAreOnePerson_PairsEachLaterOneWithTheFirst()
    {
        var first = Fighter("Kai Renner", Born);
        var second = Fighter("Kai Renner", Born);
        var third = Fighter("KAI RENNER", Born);

        Duplicates.Find([first, second, third]).Select(p => (p.First, p.Second)).ShouldBe([(first.Id, second.Id), (first.Id, third.Id)]);
    }

    [Fact]
    public void Find_WhenAFighterListsTheSameIdTwice_DoesNotPairItWithItself()
    {
        var fighter = Fighter("Kai Renner", Born, new ExternalId("espn", "1"), new ExternalId("espn", "1"));

        Duplicates.Find([fighter]).ShouldBeEmpty();
    }

    [Fact]
    public void Find_WhenNobodyMatches_IsEmpty() =>
        Duplicates.Find([Fighter("Kai Renner", Born, new ExternalId("espn", "1")), Fighter("Ivo Stanek", Born.AddYears(1), new ExternalId("espn", "2"))]).ShouldBeEmpty();
}
