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
    public void Display_AUsNumberHoweverTyped_ReadsOneWayAndDialsWithPlusOne(string typed, string shown, string tel)
    {
        PhoneNumber.Display(typed).ShouldBe(shown);
        PhoneNumber.TelUri(typed).ShouldBe(tel);
    }

    [Theory]
    [InlineData("+44 20 7946 0958", "tel:+442079460958")] // London: a + and a country code that is not 1
    [InlineData("07700 900123", "tel:07700900123")] // a UK mobile typed without its country code: 11 digits, no leading 1
    [InlineData("+7 495 123 4567", "tel:+74951234567")] // 11 digits after a +, but country code 7
    [InlineData("555-0142", "tel:5550142")] // seven digits: a local number, no area code to add
    [InlineData("012-555-0142", "tel:0125550142")] // no US area code starts with 0 (or 1)
    [InlineData("512-155-0142", "tel:5121550142")] // nor does an exchange
    [InlineData("512+555-0142", "tel:5125550142")] // a + in the middle is not a country code
    public void Display_ANumberThatIsNotPlainlyUs_StaysAsTyped(string typed, string tel)
    {
        PhoneNumber.Display(typed).ShouldBe(typed);
        PhoneNumber.TelUri(typed).ShouldBe(tel);
    }
}
