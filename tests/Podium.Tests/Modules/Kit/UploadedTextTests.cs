using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Podium.Platform.Modules.Formats;

namespace Podium.Tests.Modules.Kit;

public sealed class UploadedTextTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static FormFile File(string name, byte[] bytes) => new(new MemoryStream(bytes), 0, bytes.Length, "Upload", name);

    [Fact]
    public async Task ReadAsync_ReadsUtf8_HonouringAByteOrderMark()
    {
        var state = new ModelStateDictionary();
        var text = await UploadedText.ReadAsync(File("a.csv", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("zé,1")]), state, "Upload", "Choose a file.", _ct);

        text.ShouldBe("zé,1");
        state.IsValid.ShouldBeTrue();
    }

    [Fact]
    public async Task ReadAsync_WithNoFileOrAnEmptyOne_SaysWhatToChoose()
    {
        var state = new ModelStateDictionary();
        (await UploadedText.ReadAsync(null, state, "Upload", "Choose a file.", _ct)).ShouldBeNull();
        (await UploadedText.ReadAsync(File("a.csv", []), state, "Other", "Choose another.", _ct)).ShouldBeNull();

        state["Upload"]!.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("Choose a file.");
        state["Other"]!.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("Choose another.");
    }

    [Fact]
    public async Task ReadAsync_RefusesAFileOverTheLimit_NamingIt_AndTakesOneAtIt()
    {
        var state = new ModelStateDictionary();
        (await UploadedText.ReadAsync(File("big.csv", new byte[11]), state, "Upload", "Choose a file.", _ct, maxBytes: 10)).ShouldBeNull();
        (await UploadedText.ReadAsync(File("huge.csv", new byte[2 * 1024 * 1024 + 1]), state, "Other", "Choose a file.", _ct)).ShouldBeNull();

        state["Upload"]!.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("big.csv is larger than 10 bytes.");
        state["Other"]!.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("huge.csv is larger than 1 MB.");
        (await UploadedText.ReadAsync(File("ok.csv", "0123456789"u8.ToArray()), state, "Third", "Choose a file.", _ct, maxBytes: 10)).ShouldBe("0123456789");
    }

    [Theory]
    [InlineData("prices.csv", "prices.csv")]
    [InlineData("C:\\Users\\me\\prices.csv", "prices.csv")]
    [InlineData("/home/me/prices.csv", "prices.csv")]
    [InlineData("", "fallback")]
    [InlineData("a\u0001b.csv", "fallback")]
    public void NameOf_IsTheFilesOwnNameWithoutAPath_OrTheFallback(string given, string expected) =>
        UploadedText.NameOf(File(given, [1]), "fallback").ShouldBe(expected);
}
