using Podium.Platform.Api;

namespace Podium.Tests.Api;

public sealed class ApiEnumsTests
{
    public enum Method
    {
        KoTko,
        Submission,
        UnanimousDecision,
    }

    public enum Side
    {
        A,
        B,
    }

    public enum Aliased
    {
        First = 1,
        Primary = 1,
        Second = 2,
    }

    public enum Clashing
    {
        Ok,
#pragma warning disable CA1069 // the clash is the point of this enum
        OK,
#pragma warning restore CA1069
    }

    public enum Lonely
    {
        Only,
    }

    public enum Empty
    {
    }

    [Flags]
    public enum Options
    {
        None = 0,
        Red = 1,
        Blue = 2,
    }

    [Theory]
    [InlineData(Method.KoTko, "koTko")]
    [InlineData(Method.Submission, "submission")]
    [InlineData(Method.UnanimousDecision, "unanimousDecision")]
    public void ToApiName_WritesTheMemberNameInCamelCase(Method method, string name) => method.ToApiName().ShouldBe(name);

    [Fact]
    public void ToApiName_ForOneLetterNames_WritesTheLetterInLowerCase()
    {
        Side.A.ToApiName().ShouldBe("a");
        Side.B.ToApiName().ShouldBe("b");
    }

    [Fact]
    public void ToApiName_ForAnAlias_WritesTheFirstNameOfTheValue() => Aliased.Primary.ToApiName().ShouldBe("first");

    [Fact]
    public void ToApiName_ForAnUndefinedValue_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ((Method)42).ToApiName());
        Should.Throw<ArgumentOutOfRangeException>(() => (Options.Red | Options.Blue).ToApiName());
    }

    [Theory]
    [InlineData("koTko", Method.KoTko)]
    [InlineData("KoTko", Method.KoTko)]
    [InlineData("KOTKO", Method.KoTko)]
    [InlineData("kotko", Method.KoTko)]
    [InlineData("unanimousdecision", Method.UnanimousDecision)]
    [InlineData("Submission", Method.Submission)]
    public void TryParse_TakesTheNameInAnyCase(string text, Method expected)
    {
        ApiEnums.TryParse<Method>(text, out var method).ShouldBeTrue();
        method.ShouldBe(expected);
    }

    [Fact]
    public void TryParse_EveryWrittenName_ReadsBackAsItsValue()
    {
        foreach (var method in Enum.GetValues<Method>())
        {
            ApiEnums.TryParse<Method>(method.ToApiName(), out var read).ShouldBeTrue();
            read.ShouldBe(method);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" koTko")]
    [InlineData("ko-tko")]
    [InlineData("ko tko")]
    [InlineData("knockout")]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("42")]
    [InlineData("-1")]
    [InlineData("koTko,submission")]
    public void TryParse_ForAnythingButAName_IsFalseWithTheDefault(string? text)
    {
        ApiEnums.TryParse<Method>(text, out var method).ShouldBeFalse();
        method.ShouldBe(default);
    }

    [Fact]
    public void TryParse_ForAFlagsCombinationOrItsNumber_IsFalse()
    {
        ApiEnums.TryParse<Options>("red, blue", out _).ShouldBeFalse();
        ApiEnums.TryParse<Options>("3", out _).ShouldBeFalse();
        ApiEnums.TryParse<Options>("blue", out var blue).ShouldBeTrue();
        blue.ShouldBe(Options.Blue);
    }

    [Fact]
    public void TryParse_ForAnAlias_ReadsEitherName()
    {
        ApiEnums.TryParse<Aliased>("primary", out var primary).ShouldBeTrue();
        primary.ShouldBe(Aliased.First);
        ApiEnums.TryParse<Aliased>("FIRST", out var first).ShouldBeTrue();
        first.ShouldBe(Aliased.First);
    }

    [Fact]
    public void Choices_ListsTheWrittenNamesInOrder()
    {
        ApiEnums.Choices<Method>().ShouldBe("koTko, submission or unanimousDecision");
        ApiEnums.Choices<Side>().ShouldBe("a or b");
        ApiEnums.Choices<Aliased>().ShouldBe("first or second");
        ApiEnums.Choices<Lonely>().ShouldBe("only");
        ApiEnums.Choices<Empty>().ShouldBe("");
    }

    [Fact]
    public void AnEnumWhoseNamesDifferOnlyByCase_IsRefusedRatherThanReadAsOneValue()
    {
        var thrown = Should.Throw<TypeInitializationException>(() => Clashing.Ok.ToApiName());
        thrown.InnerException.ShouldBeOfType<InvalidOperationException>().Message.ShouldContain("differ only by case");
        Should.Throw<TypeInitializationException>(() => ApiEnums.TryParse<Clashing>("ok", out _));
    }
}
