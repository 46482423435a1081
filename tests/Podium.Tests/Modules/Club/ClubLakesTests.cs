using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Club.Domain;
using Podium.Modules.Club.Features.Lakes;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Club;

/// <summary>Lakes and ramps: officers keep them, everyone reads them, garbage changes nothing, on both databases.</summary>
public abstract class ClubLakesTests(AppFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Officer_AddsALakeAndARamp_AndVisitorsSeeThemWithAGeoLink()
    {
        var officer = await ClubPagesKit.OfficerAsync(fixture);
        var name = $"Lake Travis {Guid.NewGuid():N}"[..24];

        var added = await officer.SubmitAsync("/club/manage/lakes", new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.Latitude"] = "30.3919", ["Input.Longitude"] = "-97.9073",
        });
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var edit = added.Headers.Location!.OriginalString;
        var ramp = await officer.SubmitAsync(edit + "?handler=Ramp", new Dictionary<string, string> { ["Input.Name"] = "Mansfield Dam" }, edit);
        ramp.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var page = await fixture.CreateClient().GetStringAsync($"/club/lakes/{Lake.SlugOf(name)}", _ct);
        page.ShouldContain("Mansfield Dam");
        page.ShouldContain("href=\"geo:30.3919,-97.9073\"");
        (await fixture.CreateClient().GetStringAsync("/club/lakes", _ct)).ShouldContain(name);
        (await fixture.CreateClient().GetAsync("/club/lakes/no-such-lake", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("", "1", "2", "Name", "Enter a name")]
    [InlineData("Somewhere", "91", "0", "Latitude", "between -90 and 90")]
    [InlineData("Somewhere", "30.1", "west", "Longitude", "between -180 and 180")]
    [InlineData("Somewhere", "NaN", "1", "Latitude", "between -90 and 90")]
    [InlineData("!!!", "", "", "Name", "letters or digits")]
    public async Task Editor_WithGarbage_RefusesWithAReason_AndChangesNothing(string name, string latitude, string longitude, string field, string reason)
    {
        await using var scope = fixture.CreateScope();
        var editor = scope.ServiceProvider.GetRequiredService<LakeEditor>();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var kept = (await editor.SaveLakeAsync(null, new PlaceInput { Name = $"Kept {Guid.NewGuid():N}" }, null, _ct)).Value!;
        var lakes = await db.Set<Lake>().CountAsync(_ct);
        var input = new PlaceInput { Name = name, Latitude = latitude, Longitude = longitude };

        (await editor.SaveLakeAsync(null, input, null, _ct)).Errors[field].ShouldHaveSingleItem().ShouldContain(reason);
        (await editor.SaveLakeAsync(kept.Id, input, null, _ct)).Errors[field].ShouldHaveSingleItem().ShouldContain(reason);
        // Ramps have no address of their own, so only a lake's name needs letters or digits.
        (await editor.SaveRampAsync(kept.Id, null, input, null, _ct)).Succeeded.ShouldBe(reason == "letters or digits");

        (await db.Set<Lake>().CountAsync(_ct)).ShouldBe(lakes);
        (await db.Set<Lake>().AsNoTracking().SingleAsync(l => l.Id == kept.Id, _ct)).Name.ShouldBe(kept.Name);
    }

    [Fact]
    public async Task Editor_RefusesDuplicateNames_AndKeepsALakeThatHasTournaments()
    {
        await using var scope = fixture.CreateScope();
        var editor = scope.ServiceProvider.GetRequiredService<LakeEditor>();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var name = $"Canyon {Guid.NewGuid():N}";
        var lake = (await editor.SaveLakeAsync(null, new PlaceInput { Name = name }, null, _ct)).Value!;
        (await editor.SaveRampAsync(lake.Id, null, new PlaceInput { Name = "Cranes Mill" }, null, _ct)).Succeeded.ShouldBeTrue();

        (await editor.SaveLakeAsync(null, new PlaceInput { Name = name.ToUpperInvariant() + " " }, null, _ct)).Errors["Name"].ShouldHaveSingleItem().ShouldContain("already");
        (await editor.SaveRampAsync(lake.Id, null, new PlaceInput { Name = "Cranes Mill" }, null, _ct)).Errors["Name"].ShouldHaveSingleItem().ShouldContain("already");

        var start = new DateTime(2027, 4, 10, 11, 0, 0, DateTimeKind.Utc);
        db.Add(new Tournament { Event = new ClubEvent { Kind = EventKind.Tournament, Title = "April", StartsAt = start, EndsAt = start.AddHours(8) }, Season = 2027, LakeId = lake.Id });
        await db.SaveChangesAsync(_ct);
        (await editor.DeleteLakeAsync(lake.Id, null, _ct)).ShouldNotBeNull().ShouldContain("stays");
        (await db.Set<Lake>().AnyAsync(l => l.Id == lake.Id, _ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task ManagePages_AreForOfficersOnly()
    {
        await ClubPagesKit.ShouldBeOfficerOnlyAsync(fixture, "/club/manage/lakes");
    }

    [Fact]
    public async Task ManagePage_WhenAnOfficerPostsGarbage_ShowsTheReason()
    {
        var officer = await ClubPagesKit.OfficerAsync(fixture);

        var response = await officer.SubmitAsync("/club/manage/lakes", new Dictionary<string, string> { ["Input.Name"] = "<b>", ["Input.Latitude"] = "1e999" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(_ct)).ShouldContain("between -90 and 90");
    }
}

public sealed class SqliteClubLakesTests(SqliteAppFixture fixture) : ClubLakesTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresClubLakesTests(PostgresAppFixture fixture) : ClubLakesTests(fixture), IClassFixture<PostgresAppFixture>;
