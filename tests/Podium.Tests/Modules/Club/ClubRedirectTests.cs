using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Club.Domain;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Club;

/// <summary>
/// Where officers land after each action, to the character: the page models build these from page names, and a
/// bookmark, a browser's history or a script following the redirect must see the same address as before.
/// </summary>
public abstract class ClubRedirectTests(AppFixture fixture)
{
    [Fact]
    public async Task ManageActions_RedirectToTheSameAddressesAsEver()
    {
        var officer = await ClubPagesKit.OfficerAsync(fixture);
        var id = await NewTournamentAsync();
        var weighIn = $"/club/manage/tournaments/{id}/weigh-in";
        const string list = "/club/manage/tournaments";

        (await LocationAsync(officer, $"{weighIn}?handler=Open", weighIn)).ShouldBe(weighIn);
        (await LocationAsync(officer, $"{weighIn}?handler=Delete&angler={Guid.NewGuid()}", weighIn)).ShouldBe(weighIn);
        (await LocationAsync(officer, $"{weighIn}?handler=DeleteTeam&team={Guid.NewGuid()}", weighIn)).ShouldBe($"{weighIn}#teams");
        (await LocationAsync(officer, $"{list}?handler=Cancel&id={id}", list)).ShouldBe($"{list}?message=cancelled");
        (await LocationAsync(officer, $"{list}?handler=Restore&id={id}", list)).ShouldBe($"{list}?message=restored");
        (await LocationAsync(officer, $"{weighIn}?handler=Restore", weighIn)).ShouldBe(weighIn);
        (await LocationAsync(officer, $"{weighIn}?handler=Complete", weighIn)).ShouldBe($"/club/tournaments/{id}");
        (await LocationAsync(officer, "/club/manage/members/edit", null, new Dictionary<string, string>
        {
            ["Input.Name"] = "Casey Redirect", ["Input.Email"] = $"{Guid.NewGuid():N}@example.org", ["Input.Kind"] = "Member",
        })).ShouldBe("/club/manage/members");
    }

    private static async Task<string> LocationAsync(FormSession officer, string path, string? formPage, Dictionary<string, string>? fields = null)
    {
        var response = await officer.SubmitAsync(path, fields ?? [], formPage);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, path);
        return response.Headers.Location!.OriginalString;
    }

    private async Task<Guid> NewTournamentAsync()
    {
        var start = new DateTime(2400 + Random.Shared.Next(0, 500), 6, 6, 11, 30, 0, DateTimeKind.Utc);
        var tournament = new Tournament
        {
            Event = new ClubEvent { Kind = EventKind.Tournament, Title = "Redirects", StartsAt = start, EndsAt = start.AddHours(8) },
            Season = start.Year,
        };
        tournament.Id = tournament.Event.Id;
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        db.Add(tournament);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return tournament.Id;
    }
}

public sealed class SqliteClubRedirectTests(SqliteAppFixture fixture) : ClubRedirectTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresClubRedirectTests(PostgresAppFixture fixture) : ClubRedirectTests(fixture), IClassFixture<PostgresAppFixture>;
