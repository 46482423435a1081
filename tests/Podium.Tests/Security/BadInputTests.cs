using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Club.Domain;
using Podium.Modules.Club.Features.Import;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Tests.Infrastructure;
using Podium.Tests.Modules.Club;

namespace Podium.Tests.Security;

/// <summary>
/// Input no browser form sends — a checkbox that is not a bool, a handler the page lacks, a NUL, the year 9999 — meets
/// a 4xx or a field message on every page and endpoint, never a 500, and never reaches the database.
/// </summary>
public abstract class BadInputTests(AppFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignIn_WhenRememberMeIsNotABool_RedrawsTheFormWithoutSigningIn()
    {
        var email = $"bool-{Guid.NewGuid():N}@example.org";
        await TestUsers.CreateAsync(fixture.App, email);
        var visitor = new FormSession(fixture.App);

        var response = await visitor.SubmitAsync("/account/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = TestUsers.Password,
            ["Input.RememberMe"] = "notabool",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(_ct)).ShouldContain("name=\"Input.RememberMe\"");
        (await visitor.Client.GetAsync("/account/manage", _ct)).Headers.Location!.AbsolutePath.ShouldBe("/account/sign-in");
    }

    [Fact]
    public async Task CheckboxForms_WhenACheckboxIsNotABool_RedrawTheFormAndSaveNothing()
    {
        var officer = await ClubPagesKit.OfficerAsync(fixture);
        var angler = await ClubPagesKit.AddAnglerAsync(fixture, "Cal Checkbox");
        var tournament = await TournamentAsync("Checkbox Classic", new DateTime(2026, 5, 2, 12, 0, 0, DateTimeKind.Utc));
        var (pollsBefore, keysBefore) = (await CountAsync<Poll>(), await CountAsync<ApiKey>());

        var key = await officer.SubmitAsync("/account/manage/api-keys?handler=Create", new Dictionary<string, string>
        {
            ["Input.Name"] = "checkbox",
            ["Input.ExpiresInDays"] = "90",
            ["Input.RequiresSignature"] = "notabool",
        }, "/account/manage/api-keys");
        var poll = await officer.SubmitAsync("/club/manage/polls/edit", new Dictionary<string, string>
        {
            ["Input.Kind"] = "General",
            ["Input.Title"] = "Checkbox poll",
            ["Input.OpensLocal"] = "2026-06-01T08:00",
            ["Input.ClosesLocal"] = "2026-06-08T20:00",
            ["Input.AllowOther"] = "notabool",
            ["Input.Options[0].Text"] = "Yes",
            ["Input.Options[1].Text"] = "No",
        });
        var bag = await officer.SubmitAsync($"/club/manage/tournaments/{tournament.Id}/weigh-in", new Dictionary<string, string>
        {
            ["Input.AnglerId"] = angler.Id.ToString(),
            ["Input.Fish"] = "3",
            ["Input.TotalWeight"] = "8.50",
            ["Input.BuyIn"] = "notabool",
        });

        key.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await key.Content.ReadAsStringAsync(_ct)).ShouldNotContain("Copy the key now");
        foreach (var response in new[] { poll, bag })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK, response.RequestMessage!.RequestUri!.AbsolutePath);
            WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(_ct)).ShouldContain("The value 'notabool' is not valid");
        }

        (await CountAsync<ApiKey>()).ShouldBe(keysBefore);
        (await CountAsync<Poll>()).ShouldBe(pollsBefore);
        await using var scope = fixture.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<TournamentResult>().CountAsync(r => r.TournamentId == tournament.Id, _ct)).ShouldBe(0);
    }

    [Fact]
    public async Task GetOnlyPages_WhenPostedWithoutAHandler_Answer405AllowingGet()
    {
        var (officer, admin) = await FormSession.SignedInAdminAsync(fixture.App, $"handler-{Guid.NewGuid():N}@example.org");
        string[] pages = ["/club", "/club/news", "/club/standings", "/club/awards", "/club/calendar", "/club/roster", "/club/lakes",
            "/club/tournaments", "/club/polls", "/club/manage", "/admin/users", "/admin/audit", $"/admin/users/{admin.Id}"];

        foreach (var page in pages)
        {
            var response = await officer.SubmitAsync(page, new Dictionary<string, string>());

            response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed, page);
            response.Content.Headers.Allow.ShouldContain("GET", page);
            WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(_ct)).ShouldContain("That action is not available here");
        }
    }

    [Fact]
    public async Task Pages_WhenAHandlerIsAskedForWithAMethodItDoesNotTake_Answer405AllowingTheOthers()
    {
        var (officer, admin) = await FormSession.SignedInAdminAsync(fixture.App, $"bogus-{Guid.NewGuid():N}@example.org");

        foreach (var page in new[] { "/club", "/club/standings", "/admin/audit", $"/admin/users/{admin.Id}", "/account/manage/api-keys" })
        {
            var bogus = await officer.SubmitAsync($"{page}?handler=Bogus", new Dictionary<string, string>(), page);

            bogus.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed, page);
            bogus.Content.Headers.Allow.ShouldBe(["GET", "HEAD"], ignoreOrder: true, page);
        }

        // A handler the page has, asked for with a method none of its handlers takes.
        var token = FormSession.TokenOf(await officer.GetPageAsync("/account/manage/api-keys"));
        var delete = await officer.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/account/manage/api-keys?handler=Rotate")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        }, _ct);
        delete.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        delete.Content.Headers.Allow.ShouldBe(["GET", "POST", "HEAD"], ignoreOrder: true);
    }

    [Fact]
    public async Task TokenApi_WhenTheEmailHoldsANul_Answers400NamingTheField()
    {
        var response = await fixture.CreateClient().PostAsync("/api/v1/auth/token",
            new StringContent("""{"email":"nul\u0000@example.org","password":"whatever it is"}""", Encoding.UTF8, "application/json"), _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        problem.GetProperty("errors").GetProperty("email")[0].GetString()!.ShouldContain("U+0000");
    }

    [Theory]
    [InlineData("Lake\\u0000Travis", "U+0000")]
    [InlineData("Lake\\u0007Travis", "U+0007")]
    [InlineData("Lake\\ud800Travis", null)]
    public async Task Vote_WhenTheWrittenInAnswerHoldsAControlCharacter_Answers400AndStoresNothing(string escaped, string? named)
    {
        var poll = await OpenPollAsync();
        var (member, _) = await ClubPagesKit.MemberAsync(fixture);

        var response = await member.Client.PostAsync($"/api/v1/club/polls/{poll.Id}/votes",
            new StringContent($$"""{"other":"{{escaped}}"}""", Encoding.UTF8, "application/json"), _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        problem.GetProperty("errors").GetProperty("other")[0].GetString()!.ShouldContain(named ?? "");
        await using var scope = fixture.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<PollVote>().CountAsync(v => v.PollId == poll.Id, _ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Vote_WhenTheWrittenInAnswerHasLineBreaksAndTabs_IsRecorded()
    {
        var poll = await OpenPollAsync();
        var (member, _) = await ClubPagesKit.MemberAsync(fixture);

        var response = await member.Client.PostAsJsonAsync($"/api/v1/club/polls/{poll.Id}/votes", new { other = "Lake\tTravis\r\nnorth end" }, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("/club/manage/members?q=%00")]
    [InlineData("/club/manage/members?q=bass%1B")]
    [InlineData("/club/lakes/lake%01travis")]
    public async Task Pages_WhenTheAddressHoldsAControlCharacter_Answer400SayingWhy(string path)
    {
        var officer = await ClubPagesKit.OfficerAsync(fixture);

        var response = await officer.Client.GetAsync(path, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, path);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(_ct)).ShouldContain("control character U+00");
    }

    [Fact]
    public async Task Api_WhenAQueryValueHoldsANul_Answers400NamingTheParameter()
    {
        var response = await fixture.CreateClient().GetAsync("/api/v1/club/polls?page=1&status=open%00", _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        problem.GetProperty("errors").GetProperty("status")[0].GetString()!.ShouldContain("U+0000");
    }

    [Theory]
    [InlineData("\b", "U+0008")]
    [InlineData("\u001F", "U+001F")]
    public async Task PageForm_WhenAFieldHoldsAControlCharacter_Answers400SayingWhichAndSavesNothing(string control, string named)
    {
        var officer = await ClubPagesKit.OfficerAsync(fixture);
        var title = $"Control news {Guid.NewGuid():N}";

        var response = await officer.SubmitAsync("/club/manage/news/edit", new Dictionary<string, string>
        {
            ["Input.Title"] = title + control,
            ["Input.Markdown"] = "Body",
            ["action"] = "draft",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(_ct));
        html.ShouldContain($"“Input.Title” was refused. It contains the control character {named}");
        await using var scope = fixture.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<NewsPost>().CountAsync(p => p.Title.StartsWith(title), _ct)).ShouldBe(0);
    }

    [Fact]
    public async Task PageForm_WhenAFieldHoldsANul_Answers400AndSavesNothing()
    {
        // The framework's form reader refuses NUL itself (antiforgery then finds no token): the same 400, without the detail.
        var officer = await ClubPagesKit.OfficerAsync(fixture);
        var title = $"Nul news {Guid.NewGuid():N}";

        var response = await officer.SubmitAsync("/club/manage/news/edit", new Dictionary<string, string>
        {
            ["Input.Title"] = title + "\0",
            ["Input.Markdown"] = "Body",
            ["action"] = "draft",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await using var scope = fixture.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<NewsPost>().CountAsync(p => p.Title.StartsWith(title), _ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Import_WhenACellHoldsANul_NamesTheLineAndColumnAndWritesNothing()
    {
        var email = $"nul-{Guid.NewGuid():N}@example.org";

        var report = await ImportAsync(new Dictionary<string, string>
        {
            [ClubImport.AnglersFile] = $"name,email,member\r\nAl Fine,fine-{email},true\r\n\"Nul\0 Angler\",{email},true\r\n",
        });

        var error = report.Errors.ShouldHaveSingleItem();
        (error.File, error.Line).ShouldBe((ClubImport.AnglersFile, 3));
        error.Reason.ShouldContain("column 'name'");
        error.Reason.ShouldContain("U+0000");
        await using var scope = fixture.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<Angler>().CountAsync(a => a.Email.EndsWith(email), _ct)).ShouldBe(0);
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("1899-12-31")]
    public async Task TournamentEditor_WhenTheDateIsOutsideTheSaneYears_SaysSoAndSavesNothing(string date)
    {
        var officer = await ClubPagesKit.OfficerAsync(fixture);
        var title = $"Far off {Guid.NewGuid():N}"[..30];

        var response = await officer.SubmitAsync("/club/manage/tournaments/edit", new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Date"] = date,
            ["Input.StartTime"] = "06:30",
            ["Input.EndTime"] = "23:59",
            ["Input.EntryFee"] = "0.00",
            ["Input.BigBassPot"] = "0.00",
            ["Input.PayoutPercents"] = Tournament.DefaultPayoutPercents,
            ["Input.FishLimit"] = "5",
            ["Input.CountsForAnglerOfTheYear"] = "true",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(_ct);
        html.ShouldContain("Enter a date between the years 1900 and 2200.");
        html.ShouldContain($"value=\"{date}\"");
        await using var scope = fixture.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<ClubEvent>().CountAsync(e => e.Title == title, _ct)).ShouldBe(0);
    }

    [Fact]
    public async Task PollEditor_WhenVotingClosesInYear9999_SaysSoAndSavesNothing()
    {
        var officer = await ClubPagesKit.OfficerAsync(fixture);
        var before = await CountAsync<Poll>();

        var response = await officer.SubmitAsync("/club/manage/polls/edit", new Dictionary<string, string>
        {
            ["Input.Kind"] = "General",
            ["Input.Title"] = "Forever poll",
            ["Input.OpensLocal"] = "2026-06-01T08:00",
            ["Input.ClosesLocal"] = "9999-12-31T23:59",
            ["Input.Options[0].Text"] = "Yes",
            ["Input.Options[1].Text"] = "No",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(_ct)).ShouldContain("Enter a date between the years 1900 and 2200.");
        (await CountAsync<Poll>()).ShouldBe(before);
    }

    [Fact]
    public async Task Import_WhenATournamentIsInYear9999_RefusesTheRow()
    {
        var id = $"far-{Guid.NewGuid():N}";

        var report = await ImportAsync(new Dictionary<string, string>
        {
            [ClubImport.LakesFile] = "lake,ramp\r\nLake Faraway,\r\n",
            [ClubImport.TournamentsFile] = $"id,name,date,lake,ramp,aoy\r\n{id},Year's end,9999-12-31,Lake Faraway,,true\r\n",
        });

        var error = report.Errors.ShouldHaveSingleItem();
        (error.File, error.Line).ShouldBe((ClubImport.TournamentsFile, 2));
        error.Reason.ShouldContain("between the years 1900 and 2200");
    }

    [Fact]
    public async Task AuditPage_WhenFilteredToTheLastDayThereIs_AnswersWithoutAFault()
    {
        var (admin, _) = await FormSession.SignedInAdminAsync(fixture.App, $"audit-{Guid.NewGuid():N}@example.org");

        var response = await admin.Client.GetAsync("/admin/audit?from=0001-01-01&to=9999-12-31", _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<int> CountAsync<T>()
        where T : class
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<T>().CountAsync(_ct);
    }

    private async Task<ImportReport> ImportAsync(IReadOnlyDictionary<string, string> files)
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ClubImport>().ImportAsync(files, actorId: null, _ct);
    }

    private async Task<Tournament> TournamentAsync(string title, DateTime startsAt)
    {
        var tournament = new Tournament
        {
            Event = new ClubEvent { Kind = EventKind.Tournament, Title = title, StartsAt = startsAt, EndsAt = startsAt.AddHours(8) },
            Season = ClubProfile.DefaultZone.SeasonOf(startsAt),
        };
        tournament.Id = tournament.Event.Id;
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        db.Add(tournament);
        await db.SaveChangesAsync(_ct);
        return tournament;
    }

    private async Task<Poll> OpenPollAsync()
    {
        var now = DateTime.UtcNow;
        var poll = new Poll { Kind = PollKind.General, Title = "Where next?", OpensAt = now.AddHours(-1), ClosesAt = now.AddHours(12), AllowOther = true, CreatedAt = now };
        poll.Options.Add(new PollOption { Text = "Lake Travis", SortOrder = 0 });
        poll.Options.Add(new PollOption { Text = "Lake LBJ", SortOrder = 1 });
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        db.Add(poll);
        await db.SaveChangesAsync(_ct);
        return poll;
    }
}

public sealed class SqliteBadInputTests(SqliteAppFixture fixture) : BadInputTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresBadInputTests(PostgresAppFixture fixture) : BadInputTests(fixture), IClassFixture<PostgresAppFixture>;
