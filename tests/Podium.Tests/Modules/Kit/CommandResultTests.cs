using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Modules.Commands;

namespace Podium.Tests.Modules.Kit;

public sealed class CommandResultTests
{
    private sealed class BagForm
    {
        public string? TotalWeight { get; set; }

        public int? Fish { get; set; }
    }

    private static CommandResult<string> FieldErrors() =>
        CommandResult<string>.Invalid(new Dictionary<string, string[]>
        {
            ["totalWeight"] = ["Too heavy.", "Check the scales."],
            ["tournament"] = ["Cancelled."],
            [""] = ["Someone else saved first."],
        });

    private static async Task<(int Status, JsonElement Body)> ExecuteAsync(IResult result)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        using var body = new MemoryStream();
        http.Response.Body = body;
        await result.ExecuteAsync(http);
        return (http.Response.StatusCode, JsonDocument.Parse(body.ToArray()).RootElement.Clone());
    }

    // The state is a prefix tree, which lists its keys in no promised order; a field's own messages keep theirs.
    private static string Keys(ModelStateDictionary state) =>
        string.Join(" | ", state.OrderBy(e => e.Key, StringComparer.Ordinal).SelectMany(e => e.Value!.Errors.Select(error => $"{e.Key}: {error.ErrorMessage}")));

    [Fact]
    public void Ok_WhenGivenAValue_SucceedsWithItAndNoErrors()
    {
        var result = CommandResult<string>.Ok("saved");

        result.Succeeded.ShouldBeTrue();
        result.Value.ShouldBe("saved");
        result.Errors.ShouldBeEmpty();
        result.Problem.ShouldBeNull();
    }

    [Fact]
    public void Invalid_WhenGivenOneField_FailsWithThatMessage()
    {
        var result = CommandResult<string>.Invalid("Name", "Enter a name.");

        result.Succeeded.ShouldBeFalse();
        result.Value.ShouldBeNull();
        result.Errors["Name"].ShouldBe(["Enter a name."]);
    }

    [Fact]
    public void Invalid_WhenGivenOneMessageAField_KeepsEachAsAList()
    {
        var errors = CommandResult<string>.Invalid(new Dictionary<string, string> { ["Name"] = "Enter a name.", [""] = "Gone." }).Errors;

        errors.Count.ShouldBe(2);
        errors["Name"].ShouldBe(["Enter a name."]);
        errors[""].ShouldBe(["Gone."]);
    }

    [Fact]
    public void Invalid_WhenGivenNoErrors_Throws() =>
        Should.Throw<ArgumentException>(() => CommandResult<string>.Invalid(new Dictionary<string, string[]>()));

    [Fact]
    public void NotFound_Fails_WithA404ProblemAndNoFieldErrors()
    {
        var result = CommandResult<string>.NotFound("Tournament not found", "No tournament has this id.");

        result.Succeeded.ShouldBeFalse();
        result.Errors.ShouldBeEmpty();
        result.Problem.ShouldBe(new CommandProblem(StatusCodes.Status404NotFound, "Tournament not found", "No tournament has this id."));
    }

    [Fact]
    public async Task ToProblem_WhenFieldsAreInvalid_IsA400ValidationProblemWithTheErrorsObject()
    {
        var problem = FieldErrors().ToProblem<Ok<string>>();

        problem.Result.ShouldBeOfType<ValidationProblem>();
        var (status, body) = await ExecuteAsync(problem);
        status.ShouldBe(StatusCodes.Status400BadRequest);
        body.GetProperty("status").GetInt32().ShouldBe(400);
        body.GetProperty("title").GetString().ShouldBe("One or more validation errors occurred.");
        body.GetProperty("type").GetString().ShouldBe("https://tools.ietf.org/html/rfc9110#section-15.5.1");
        body.GetProperty("errors").GetRawText().ShouldBe(
            """{"totalWeight":["Too heavy.","Check the scales."],"tournament":["Cancelled."],"":["Someone else saved first."]}""");
    }

    [Theory]
    [InlineData(StatusCodes.Status404NotFound)]
    [InlineData(StatusCodes.Status409Conflict)]
    public async Task ToProblem_WhenNotFoundOrInConflict_IsThatStatusWithTheTitleAndDetailAndNoErrors(int expected)
    {
        var result = expected == StatusCodes.Status404NotFound
            ? CommandResult<string>.NotFound("Refused", "Not now.")
            : CommandResult<string>.Conflict("Refused", "Not now.");

        var (status, body) = await ExecuteAsync(result.ToProblem<NoContent>());

        status.ShouldBe(expected);
        body.GetProperty("title").GetString().ShouldBe("Refused");
        body.GetProperty("detail").GetString().ShouldBe("Not now.");
        body.TryGetProperty("errors", out _).ShouldBeFalse();
    }

    [Fact]
    public void ToProblem_WhenSucceeded_Throws() =>
        Should.Throw<InvalidOperationException>(() => CommandResult<string>.Ok("saved").ToProblem<Ok<string>>());

    [Fact]
    public void AddTo_WithAPrefix_PutsEachMessageUnderThePrefixedFieldAndWholeFormErrorsInTheSummary()
    {
        var state = new ModelStateDictionary();

        FieldErrors().AddTo(state, "Input");

        Keys(state).ShouldBe(
            ": Someone else saved first. | Input.totalWeight: Too heavy. | Input.totalWeight: Check the scales. | Input.tournament: Cancelled.");
    }

    [Fact]
    public void AddTo_WithNoPrefix_UsesTheFieldNames()
    {
        var state = new ModelStateDictionary();

        CommandResult<string>.Invalid("Phone", "Digits only.").AddTo(state, "");

        Keys(state).ShouldBe("Phone: Digits only.");
    }

    [Fact]
    public void AddTo_ForAForm_PutsFieldsNextToItsPropertiesInAnyCaseAndOthersInTheSummary()
    {
        var state = new ModelStateDictionary();

        FieldErrors().AddTo<BagForm>(state, "Input");

        Keys(state).ShouldBe(
            ": Cancelled. | : Someone else saved first. | Input.TotalWeight: Too heavy. | Input.TotalWeight: Check the scales.");
    }

    [Fact]
    public void AddTo_WithAKeyMap_RenamesTheFieldsButKeepsWholeFormErrorsInTheSummary()
    {
        var state = new ModelStateDictionary();

        CommandResult<string>.Invalid(new Dictionary<string, string> { ["Name"] = "Taken.", [""] = "Gone." }).AddTo(state, _ => "NewName");

        Keys(state).ShouldBe(": Gone. | NewName: Taken.");
    }

    [Fact]
    public void AddTo_WhenTheFailureIsAProblem_AddsNothing()
    {
        var state = new ModelStateDictionary();

        CommandResult<string>.NotFound("Not found", "There is no such poll.").AddTo(state, "Input");

        state.ErrorCount.ShouldBe(0);
    }
}
