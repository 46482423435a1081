using Podium.Modules.Club.Domain;

namespace Podium.Rules.Tests.Club;

public sealed class ClubPhoneNumberTests
{
    [Theory]
    [InlineData("5125550142", "(512) 555-0142", "tel:+15125550142")]
    [InlineData("512-555-0142", "(512) 555-0142", "tel:+15125550142")]
    [InlineData("512.555.0142", "(512) 555-0142", "tel:+15125550142")]
    [InlineData(" (512) 555-0142 ", "(512) 555-0142", "tel:+15125550142")]
    [InlineData("1 512 555 0142", "(512) 555-0142", "tel:+15125550142")]
    [InlineData("+1 (512) 555-0142", "(512) 555-0142", "tel:+15125550142")]
    [InlineData("+15125550142", "(512) 555-0142", "tel:+15125550142")]
    [InlineData("212-255-0142", "(212) 255-0142", "tel:+12122550142")] // area code and exchange may start with 2 …
    [InlineData("989-955-0142", "(989) 955-0142", "tel:+19899550142")] // … or 9
    public void Display_AUsNumberHoweverTyped_ReadsOneWayAndDialsWithPlusOne(string typed, string shown, string tel)
    {
        PhoneNumber.Display(typed).ShouldBe(shown);
        PhoneNumber.TelUri(typed).ShouldBe(tel);
    }

    [Theory]
    [InlineData("+44 20 7946 0958", "tel:+442079460958")] // London: a + and a country code that is not 1
    [InlineData("07700 900123", "tel:07700900123")] // a UK mobile typed without its country code: 11 digits, no leading 1
    [InlineData("+7 495 123 4567", "tel:+74951234567")] // 11 digits after a +, but country code 7
    [InlineData("+7 495 234 5678", "tel:+74952345678")] // Moscow: would pass as a US number but for its country code
    [InlineData("7 495 234 5678", "tel:74952345678")] // the same without its +: 11 digits, not starting with 1
    [InlineData("555-0142", "tel:5550142")] // seven digits: a local number, no area code to add
    [InlineData("012-555-0142", "tel:0125550142")] // no US area code starts with 0 (or 1)
    [InlineData("512-155-0142", "tel:5121550142")] // nor does an exchange
    [InlineData("512+555-0142", "tel:5125550142")] // a + in the middle is not a country code
    public void Display_ANumberThatIsNotPlainlyUs_StaysAsTyped(string typed, string tel)
    {
        PhoneNumber.Display(typed).ShouldBe(typed);
        PhoneNumber.TelUri(typed).ShouldBe(tel);
    }

    [Theory]
    [InlineData("555-0142")] // seven digits, the fewest a number has
    [InlineData("+1 (512) 555-0142")]
    [InlineData("512.555.0142")]
    [InlineData("+44 20 7946 0958 00 00 00 00 000")] // 32 characters, the most stored
    public void IsPlausible_WhenDigitsAndTheUsualSeparators_IsTrue(string phone) => PhoneNumber.IsPlausible(phone).ShouldBeTrue();

    [Theory]
    [InlineData("555-014")] // six digits
    [InlineData("+44 20 7946 0958 00 00 00 00 0000")] // 33 characters
    [InlineData("512/555/0142")]
    [InlineData("512 555 0142 ext")]
    [InlineData("")]
    public void IsPlausible_WhenTooShortTooLongOrOtherCharacters_IsFalse(string phone) => PhoneNumber.IsPlausible(phone).ShouldBeFalse();

    [Fact]
    public void DisplayAndTelUri_WhenGivenNoNumber_Throw()
    {
        Should.Throw<ArgumentNullException>(() => PhoneNumber.Display(null!));
        Should.Throw<ArgumentNullException>(() => PhoneNumber.TelUri(null!));
    }
}
