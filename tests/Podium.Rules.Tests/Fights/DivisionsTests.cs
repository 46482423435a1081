using Podium.Modules.Fights.Domain;

namespace Podium.Rules.Tests.Fights;

public sealed class DivisionsTests
{
    [Theory]
    [InlineData(nameof(WeightClass.Strawweight), 115)]
    [InlineData(nameof(WeightClass.WomensStrawweight), 115)]
    [InlineData(nameof(WeightClass.Flyweight), 125)]
    [InlineData(nameof(WeightClass.WomensFlyweight), 125)]
    [InlineData(nameof(WeightClass.Bantamweight), 135)]
    [InlineData(nameof(WeightClass.WomensBantamweight), 135)]
    [InlineData(nameof(WeightClass.Featherweight), 145)]
    [InlineData(nameof(WeightClass.WomensFeatherweight), 145)]
    [InlineData(nameof(WeightClass.Lightweight), 155)]
    [InlineData(nameof(WeightClass.Welterweight), 170)]
    [InlineData(nameof(WeightClass.Middleweight), 185)]
    [InlineData(nameof(WeightClass.LightHeavyweight), 205)]
    [InlineData(nameof(WeightClass.Heavyweight), 265)]
    public void LimitPounds_WhenAClass_IsTheCommissionsLimit(string weightClass, int pounds) => Enum.Parse<WeightClass>(weightClass).LimitPounds().ShouldBe(pounds);

    [Fact]
    public void LimitPounds_WhenCatchweight_IsAgreedPerBout() => WeightClass.Catchweight.LimitPounds().ShouldBeNull();

    [Theory]
    [InlineData(nameof(WeightClass.Heavyweight), false)]
    [InlineData(nameof(WeightClass.WomensStrawweight), true)]
    [InlineData(nameof(WeightClass.WomensFeatherweight), true)]
    [InlineData(nameof(WeightClass.Catchweight), false)]
    [InlineData(nameof(WeightClass.Strawweight), false)]
    public void IsWomens_WhenAClass_SaysWhoseItIs(string weightClass, bool womens) => Enum.Parse<WeightClass>(weightClass).IsWomens().ShouldBe(womens);

    [Theory]
    [InlineData(nameof(WeightClass.LightHeavyweight), "Light Heavyweight")]
    [InlineData(nameof(WeightClass.WomensStrawweight), "Women's Strawweight")]
    [InlineData(nameof(WeightClass.WomensFlyweight), "Women's Flyweight")]
    [InlineData(nameof(WeightClass.WomensBantamweight), "Women's Bantamweight")]
    [InlineData(nameof(WeightClass.WomensFeatherweight), "Women's Featherweight")]
    [InlineData(nameof(WeightClass.Welterweight), "Welterweight")]
    public void Title_WhenAClass_IsHowACardPrintsIt(string weightClass, string title) => Enum.Parse<WeightClass>(weightClass).Title().ShouldBe(title);

    [Fact]
    public void ForFighter_WhenTheNameIsFree_IsItsSlug() => FightSlugs.ForFighter("Zoë Brândão", _ => false).ShouldBe("zoe-brandao");

    [Fact]
    public void ForFighter_WhenTheSlugIsTaken_AddsASuffix() => FightSlugs.ForFighter("Kai Renner", s => s == "kai-renner").ShouldBe("kai-renner-2");

    [Fact]
    public void ForFighter_WhenTheNameHasNoLatinLetters_FallsBackToFighter() => FightSlugs.ForFighter("李小龙", s => s == "fighter").ShouldBe("fighter-2");

    [Fact]
    public void ForEvent_WhenTheNameIsTaken_AddsASuffix() => FightSlugs.ForEvent("Apex Night: Renner vs. Stanek", s => s == "apex-night-renner-vs-stanek").ShouldBe("apex-night-renner-vs-stanek-2");

    [Fact]
    public void ForEvent_WhenTheNameHasNoLatinLetters_FallsBackToEvent() => FightSlugs.ForEvent("!!!", _ => false).ShouldBe("event");
}
