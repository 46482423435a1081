using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Podium.Modules.Club;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Club;

/// <summary>
/// The upload page takes files larger than the site's 1 MB request limit and checks their size itself. The in-memory
/// test server does not enforce Kestrel's limit, so these pin the page's own checks; the friendly page for a body over
/// Kestrel's limit is PlatformPipelineTests' (on a real socket).
/// </summary>
public abstract class ClubImportUploadLimitTests(AppFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_WhenAFileIsOverTheSiteLimitButUnderThePages_ReachesTheImportsChecks()
    {
        var response = await UploadAsync("anglers.csv", 1_200_000);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(_ct)).ShouldContain("data-testid=\"import-errors\"");
    }

    [Fact]
    public async Task Upload_WhenAFileIsOverThePagesLimit_SaysSoOnThePage()
    {
        var response = await UploadAsync("anglers.csv", (int)new ClubOptions().ImportMaxFileBytes + 500_000);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(_ct)).ShouldContain("anglers.csv is larger than 2 MB.");
    }

    /// <summary>A file of <paramref name="bytes"/> whose header is wrong, so a file that gets through is refused by the import with one message.</summary>
    private async Task<HttpResponseMessage> UploadAsync(string name, int bytes)
    {
        var (officer, _) = await FormSession.SignedInAdminAsync(fixture.App, $"officer-{Guid.NewGuid():N}@example.org");
        var token = FormSession.TokenOf(await officer.GetPageAsync("/club/manage/import"));
        var text = new StringBuilder("not,the,header\n").Append('x', bytes).Append('\n').ToString();
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Files", name);
        return await officer.Client.PostAsync("/club/manage/import", form, _ct);
    }
}

public sealed class SqliteClubImportUploadLimitTests(SqliteAppFixture fixture) : ClubImportUploadLimitTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresClubImportUploadLimitTests(PostgresAppFixture fixture) : ClubImportUploadLimitTests(fixture), IClassFixture<PostgresAppFixture>;
