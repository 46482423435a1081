using System.Text;
using Podium.Platform.Modules.Formats;

namespace Podium.Tests.Modules.Kit;

public sealed class CsvTableTests
{
    private static readonly string[] Columns = ["name", "email"];

    private static IReadOnlyList<CsvRow> Rows(string text)
    {
        CsvTable.TryParse(text, Columns, out var rows, out var error).ShouldBeTrue(error.Reason);
        return rows;
    }

    private static (int Line, string Reason) Error(string text)
    {
        CsvTable.TryParse(text, Columns, out var rows, out var error).ShouldBeFalse();
        rows.ShouldBeEmpty();
        return error;
    }

    [Fact]
    public void TryParse_ReadsRowsByColumnNameWithTheirLines()
    {
        var rows = Rows("name,email\nAda,ada@example.org\nBo,bo@example.org\n");

        rows.Select(r => (r.Line, r["name"], r["email"])).ShouldBe([(2, "Ada", "ada@example.org"), (3, "Bo", "bo@example.org")]);
    }

    [Fact]
    public void TryParse_TakesColumnsInAnyOrderAndAnyCase()
    {
        var row = Rows("EMAIL,Name\nada@example.org,Ada").ShouldHaveSingleItem();

        (row["name"], row["Email"]).ShouldBe(("Ada", "ada@example.org"));
    }

    [Fact]
    public void TryParse_TrimsFieldsAndHeaderNames() =>
        Rows(" name , email \n  Ada  , ada@example.org ").ShouldHaveSingleItem()["name"].ShouldBe("Ada");

    [Fact]
    public void TryParse_ToleratesAByteOrderMarkAndCrLfOrLoneCr()
    {
        Rows("\uFEFFname,email\r\nAda,a@x.org\r\n").ShouldHaveSingleItem()["name"].ShouldBe("Ada");
        Rows("name,email\rAda,a@x.org\rBo,b@x.org").Select(r => r.Line).ShouldBe([2, 3]);
    }

    [Fact]
    public void TryParse_SkipsBlankLinesButCountsThem() =>
        Rows("name,email\n\nAda,a@x.org\n\n\nBo,b@x.org\n").Select(r => (r.Line, r["name"])).ShouldBe([(3, "Ada"), (6, "Bo")]);

    [Fact]
    public void TryParse_WhenTheLastLineHasNoNewline_StillReadsIt() =>
        Rows("name,email\nAda,a@x.org").ShouldHaveSingleItem()["email"].ShouldBe("a@x.org");

    [Fact]
    public void TryParse_QuotedFields_CarryCommasDoubledQuotesAndLineBreaks()
    {
        var rows = Rows("name,email\n\"Alvarez, Ada \"\"Bass\"\"\",a@x.org\n\"Two\nLines\",b@x.org\nCy,c@x.org\n");

        rows[0]["name"].ShouldBe("Alvarez, Ada \"Bass\"");
        rows[1]["name"].ShouldBe("Two\nLines");
        // A line break inside quotes still moves the line count on: the next record starts on line 5.
        rows.Select(r => r.Line).ShouldBe([2, 3, 5]);
    }

    [Fact]
    public void TryParse_EmptyQuotedFieldAndSpacesAfterTheClosingQuote_AreFine() =>
        Rows("name,email\n\"\"  ,a@x.org").ShouldHaveSingleItem()["name"].ShouldBe("");

    [Fact]
    public void TryParse_WhenTheFileIsEmpty_AsksForTheHeader()
    {
        Error("").ShouldBe((1, "the file is empty; its first line must be the header name,email"));
        Error("\n\n").Line.ShouldBe(1);
    }

    [Fact]
    public void TryParse_UnknownColumn_IsAnErrorOnTheHeaderLine() =>
        Error("\nname,email,phone\nAda,a@x.org,1").ShouldBe((2, "unknown column 'phone' (expected name,email)"));

    [Fact]
    public void TryParse_ColumnTwice_IsAnError() =>
        Error("name,email,Name\nAda,a@x.org,Ada").ShouldBe((1, "column 'Name' appears twice"));

    [Fact]
    public void TryParse_MissingColumn_IsAnError() =>
        Error("name\nAda").ShouldBe((1, "missing column 'email' (expected name,email)"));

    [Fact]
    public void TryParse_RowWithTheWrongNumberOfFields_NamesItsLine()
    {
        Error("name,email\nAda,a@x.org\nBo\n").ShouldBe((3, "1 fields where the header has 2"));
        Error("name,email\nAda,a@x.org,extra\n").ShouldBe((2, "3 fields where the header has 2"));
    }

    [Fact]
    public void TryParse_QuoteInsideAnUnquotedField_IsAnError() =>
        Error("name,email\nAda \"Bass\",a@x.org").ShouldBe((2, "a quote inside a field that does not start with a quote (write the field in quotes and double the quote)"));

    [Fact]
    public void TryParse_TextAfterAClosingQuote_IsAnError() =>
        Error("name,email\n\"Ada\" Alvarez,a@x.org").ShouldBe((2, "text after a closing quote"));

    [Fact]
    public void TryParse_QuoteNeverClosed_NamesTheLineItOpenedOn() =>
        Error("name,email\nAda,a@x.org\n\"Bo,b@x.org\nCy,c@x.org\n").ShouldBe((3, "a quoted field is never closed"));

    [Fact]
    public void Write_EndsEveryRowWithCrLfAndQuotesOnlyWhatNeedsIt() =>
        CsvText.Write([["place", "angler"], ["1", "Alvarez, Ada \"Bass\""], ["2", "Two\nLines"], ["3", "Cy\r"]])
            .ShouldBe("place,angler\r\n1,\"Alvarez, Ada \"\"Bass\"\"\"\r\n2,\"Two\nLines\"\r\n3,\"Cy\r\"\r\n");

    [Theory]
    [InlineData("=SUM(A1:A9)", "'=SUM(A1:A9)")]
    [InlineData("+1 555 0100", "'+1 555 0100")]
    [InlineData("-cmd", "'-cmd")]
    [InlineData("@import", "'@import")]
    [InlineData("-5.25", "-5.25")]
    [InlineData("+3", "+3")]
    [InlineData("", "")]
    [InlineData("a=b", "a=b")]
    public void Write_KeepsFormulasFromRunningButNotNumbersFromBeingNumbers(string value, string written) =>
        CsvText.Write([[value]]).ShouldBe(written + "\r\n");

    [Fact]
    public void Write_WhatItWritesReadsBackTheSame()
    {
        string[][] rows = [["name", "email"], ["Alvarez, \"Ada\"", "a@x.org"], ["Two\r\nLines", ""]];

        var read = Rows(CsvText.Write(rows));

        read.Select(r => (r["name"], r["email"])).ShouldBe([("Alvarez, \"Ada\"", "a@x.org"), ("Two\r\nLines", "")]);
    }

    [Fact]
    public void File_IsUtf8WithAByteOrderMarkAndTheCsvType()
    {
        var file = CsvText.File([["name"], ["Zoë"]], "people.csv");

        (file.ContentType, file.FileDownloadName).ShouldBe(("text/csv; charset=utf-8", "people.csv"));
        file.FileContents.ToArray().ShouldBe([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("name\r\nZoë\r\n")]);
    }
    [Fact]
    public void TryParse_WhenToldTo_SkipsColumnsItDoesNotKnow_ButStillWantsItsOwn()
    {
        CsvTable.TryParse("note,email,name,note\nx,ada@example.org,Ada,y", Columns, ignoreOtherColumns: true, out var rows, out var error).ShouldBeTrue(error.Reason);
        var row = rows.ShouldHaveSingleItem();
        (row["name"], row["email"]).ShouldBe(("Ada", "ada@example.org"));

        CsvTable.TryParse("note,name\nx,Ada", Columns, ignoreOtherColumns: true, out _, out error).ShouldBeFalse();
        error.ShouldBe((1, "missing column 'email' (expected name,email)"));
        CsvTable.TryParse("name,email,NAME\nA,a@example.org,B", Columns, ignoreOtherColumns: true, out _, out error).ShouldBeFalse();
        error.Reason.ShouldBe("column 'NAME' appears twice");
    }
}
