using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Club;
using Podium.Modules.Club.Domain;
using Podium.Modules.Club.Features.Members;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Platform.Modules.Commands;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Club;

/// <summary>Officer terms, the list of offices, and the cached club viewer that office feeds, on both databases.</summary>
public abstract class ClubOfficersTests(AppFixture fixture)
{
    private static readonly OfficerActor Officer = new(null, IsAdmin: false);
    private static readonly OfficerActor Admin = new(null, IsAdmin: true);
    private static int _pastSeasons;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddTerm_WhenValid_AddsIt_AndOneMemberMayHoldTwoOffices_AndRemoveTakesItAway()
    {
        var season = await PastSeasonAsync();
        var angler = await ClubPagesKit.AddAnglerAsync(fixture, "Tess Treasurer");
        await using var scope = fixture.CreateScope();
        var editor = scope.ServiceProvider.GetRequiredService<OfficerEditor>();

        var treasurer = await editor.AddTermAsync(season, PositionId("Treasurer"), angler.Id, Officer, _ct);
        var secretary = await editor.AddTermAsync(season, PositionId("Secretary"), angler.Id, Officer, _ct);

        treasurer.Succeeded.ShouldBeTrue();
        secretary.Succeeded.ShouldBeTrue();
        (await TermsAsync(season)).ShouldBe([("Secretary", "Tess Treasurer"), ("Treasurer", "Tess Treasurer")], ignoreOrder: true);
        var audit = await AuditAsync("club.officer-term.added", $"club-officer-term:{treasurer.Value!.Id}");
        audit.RootElement.GetProperty("after").GetProperty("position").GetString().ShouldBe("Treasurer");
        audit.RootElement.GetProperty("before").ValueKind.ShouldBe(JsonValueKind.Null);

        (await editor.RemoveTermAsync(treasurer.Value.Id, Officer, _ct)).Succeeded.ShouldBeTrue();

        (await TermsAsync(season)).ShouldBe([("Secretary", "Tess Treasurer")]);
        (await AuditAsync("club.officer-term.removed", $"club-officer-term:{treasurer.Value.Id}"))
            .RootElement.GetProperty("before").GetProperty("angler").GetString().ShouldBe("Tess Treasurer");
    }

    [Fact]
    public async Task AddTerm_WhenInputIsGarbage_ExplainsWhy_AndChangesNothing()
    {
        var season = await PastSeasonAsync();
        var current = await CurrentSeasonAsync();
        var member = await ClubPagesKit.AddAnglerAsync(fixture, "Val Veep");
        var guest = await ClubPagesKit.AddAnglerAsync(fixture, "Gus Guest", kind: MembershipKind.Guest);
        await using var scope = fixture.CreateScope();
        var editor = scope.ServiceProvider.GetRequiredService<OfficerEditor>();
        var vicePresident = PositionId("Vice President");
        (await editor.AddTermAsync(season, vicePresident, member.Id, Officer, _ct)).Succeeded.ShouldBeTrue();
        var before = await AllTermsAsync();

        (string Case, CommandResult<OfficerTerm> Result, string Field, string Says)[] refusals =
        [
            ("unknown office", await editor.AddTermAsync(season, 987_654, member.Id, Officer, _ct), "PositionId", "Choose an office"),
            ("unknown angler", await editor.AddTermAsync(season, vicePresident, Guid.NewGuid(), Officer, _ct), "AnglerId", "Choose a member"),
            ("season 0", await editor.AddTermAsync(0, vicePresident, member.Id, Officer, _ct), "", $"season from 1900 to {current + 1}"),
            ("season 99999", await editor.AddTermAsync(99_999, vicePresident, member.Id, Officer, _ct), "", "Choose a season"),
            ("season after next", await editor.AddTermAsync(current + 2, vicePresident, member.Id, Officer, _ct), "", "Choose a season"),
            ("guest", await editor.AddTermAsync(season, vicePresident, guest.Id, Officer, _ct), "AnglerId", "guests hold no office"),
            ("duplicate", await editor.AddTermAsync(season, vicePresident, member.Id, Officer, _ct), "", $"Val Veep is already Vice President for {season}"),
        ];

        foreach (var (name, result, field, says) in refusals)
        {
            result.Succeeded.ShouldBeFalse(name);
            result.Errors[field].ShouldHaveSingleItem().ShouldContain(says, Case.Insensitive, name);
        }

        (await editor.RemoveTermAsync(-1, Officer, _ct)).Errors[""].ShouldHaveSingleItem().ShouldContain("no longer on the list");
        (await AllTermsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task RemoveTerm_WhenItIsTheCurrentSeasonsLastOfficer_IsRefusedForAnOfficer_ButAnAdminMayDoIt()
    {
        var current = await CurrentSeasonAsync();
        await ClearSeasonAsync(current);
        var (prez, veep) = (await ClubPagesKit.AddAnglerAsync(fixture, "Pat Prez"), await ClubPagesKit.AddAnglerAsync(fixture, "Vic Veep"));
        await using var scope = fixture.CreateScope();
        var editor = scope.ServiceProvider.GetRequiredService<OfficerEditor>();
        var first = (await editor.AddTermAsync(current, PositionId("President"), prez.Id, Officer, _ct)).Value!;
        var second = (await editor.AddTermAsync(current, PositionId("Vice President"), veep.Id, Officer, _ct)).Value!;

        (await editor.RemoveTermAsync(first.Id, Officer, _ct)).Succeeded.ShouldBeTrue("another officer remains");
        var refused = await editor.RemoveTermAsync(second.Id, Officer, _ct);

        refused.Succeeded.ShouldBeFalse();
        refused.Errors[""].ShouldHaveSingleItem().ShouldBe(OfficerEditor.LockOutMessage);
        (await TermsAsync(current)).ShouldBe([("Vice President", "Vic Veep")]);
        (await editor.RemoveTermAsync(second.Id, Admin, _ct)).Succeeded.ShouldBeTrue();
        (await TermsAsync(current)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CopyFromPreviousSeason_CarriesMembersOver_KeepsWhatIsThere_AndLeavesGuestsOut()
    {
        var season = await PastSeasonAsync();
        var (prez, treasurer, lapsed) = (await ClubPagesKit.AddAnglerAsync(fixture, "Cory Copy"), await ClubPagesKit.AddAnglerAsync(fixture, "Tia Till"), await ClubPagesKit.AddAnglerAsync(fixture, "Lou Lapsed"));
        await using var scope = fixture.CreateScope();
        var editor = scope.ServiceProvider.GetRequiredService<OfficerEditor>();
        (await editor.AddTermAsync(season - 1, PositionId("President"), prez.Id, Officer, _ct)).Succeeded.ShouldBeTrue();
        (await editor.AddTermAsync(season - 1, PositionId("Treasurer"), treasurer.Id, Officer, _ct)).Succeeded.ShouldBeTrue();
        (await editor.AddTermAsync(season - 1, PositionId("Secretary"), lapsed.Id, Officer, _ct)).Succeeded.ShouldBeTrue();
        (await editor.AddTermAsync(season, PositionId("Treasurer"), treasurer.Id, Officer, _ct)).Succeeded.ShouldBeTrue();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        await db.Set<Angler>().Where(a => a.Id == lapsed.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Kind, MembershipKind.Guest), _ct);

        var copy = await editor.CopyFromPreviousSeasonAsync(season, Officer, _ct);

        copy.Value.ShouldBe(new OfficerCopy(Added: 1, AlreadyThere: 1));
        (await TermsAsync(season)).ShouldBe([("President", "Cory Copy"), ("Treasurer", "Tia Till")], ignoreOrder: true);
        (await editor.CopyFromPreviousSeasonAsync(season, Officer, _ct)).Value.ShouldBe(new OfficerCopy(0, 2));
        (await editor.CopyFromPreviousSeasonAsync(1700, Officer, _ct)).Succeeded.ShouldBeFalse();
        (await editor.CopyFromPreviousSeasonAsync(1901, Officer, _ct)).Errors[""].ShouldHaveSingleItem().ShouldContain("nothing to copy");
    }

    [Fact]
    public async Task Positions_AddRenameMove_AndGarbageNamesAreRefused()
    {
        await using var scope = fixture.CreateScope();
        var editor = scope.ServiceProvider.GetRequiredService<OfficerEditor>();
        var tag = Guid.NewGuid().ToString("N")[..6];

        var added = await editor.AddPositionAsync($"  Conservation Director {tag} ", Officer, _ct);

        added.Succeeded.ShouldBeTrue();
        added.Value!.Name.ShouldBe($"Conservation Director {tag}");
        (await PositionNamesAsync())[^1].ShouldBe(added.Value.Name);
        (await editor.AddPositionAsync("", Officer, _ct)).Errors["Name"].ShouldHaveSingleItem().ShouldContain("1 to 60 characters");
        (await editor.AddPositionAsync(new string('x', 61), Officer, _ct)).Errors["Name"].ShouldHaveSingleItem().ShouldContain("1 to 60 characters");
        (await editor.AddPositionAsync(null, Officer, _ct)).Succeeded.ShouldBeFalse();
        (await editor.AddPositionAsync("tREASURER", Officer, _ct)).Errors["Name"].ShouldHaveSingleItem().ShouldBe("There is already an office called tREASURER.");
        (await editor.RenamePositionAsync(added.Value.Id, "secretary", Officer, _ct)).Errors["Name"].ShouldHaveSingleItem().ShouldContain("already an office");
        (await editor.RenamePositionAsync(987_654, "Anything", Officer, _ct)).Errors[""].ShouldHaveSingleItem().ShouldContain("no longer on the list");
        (await editor.MovePositionAsync(added.Value.Id, 5, Officer, _ct)).Succeeded.ShouldBeFalse();
        (await PositionNamesAsync()).Count(n => n.Contains(tag, StringComparison.Ordinal)).ShouldBe(1);

        (await editor.RenamePositionAsync(added.Value.Id, $"Conservation {tag}", Officer, _ct)).Succeeded.ShouldBeTrue();
        (await editor.MovePositionAsync(added.Value.Id, -1, Officer, _ct)).Succeeded.ShouldBeTrue();
        var names = await PositionNamesAsync();
        names[^2].ShouldBe($"Conservation {tag}");
        (await editor.MovePositionAsync(added.Value.Id, 1, Officer, _ct)).Succeeded.ShouldBeTrue();
        (await PositionNamesAsync())[^1].ShouldBe($"Conservation {tag}");
        (await AuditAsync("club.officer-position.renamed", $"club-officer-position:{added.Value.Id}"))
            .RootElement.GetProperty("before").GetProperty("name").GetString().ShouldBe($"Conservation Director {tag}");
    }

    [Fact]
    public async Task DeletePosition_WhenATermUsesIt_IsRefusedNamingTheSeasons_ElseItGoes()
    {
        var season = await PastSeasonAsync();
        var angler = await ClubPagesKit.AddAnglerAsync(fixture, "Hal Historian");
        await using var scope = fixture.CreateScope();
        var editor = scope.ServiceProvider.GetRequiredService<OfficerEditor>();
        var used = (await editor.AddPositionAsync($"Historian {Guid.NewGuid():N}"[..20], Officer, _ct)).Value!;
        var unused = (await editor.AddPositionAsync($"Webmaster {Guid.NewGuid():N}"[..20], Officer, _ct)).Value!;
        (await editor.AddTermAsync(season - 1, used.Id, angler.Id, Officer, _ct)).Succeeded.ShouldBeTrue();
        (await editor.AddTermAsync(season, used.Id, angler.Id, Officer, _ct)).Succeeded.ShouldBeTrue();

        var refused = await editor.DeletePositionAsync(used.Id, Officer, _ct);

        refused.Succeeded.ShouldBeFalse();
        refused.Errors[""].ShouldHaveSingleItem().ShouldContain($"was held in {season - 1}, {season}");
        (await PositionNamesAsync()).ShouldContain(used.Name);
        (await editor.DeletePositionAsync(unused.Id, Officer, _ct)).Succeeded.ShouldBeTrue();
        (await PositionNamesAsync()).ShouldNotContain(unused.Name);
        (await editor.DeletePositionAsync(unused.Id, Officer, _ct)).Errors[""].ShouldHaveSingleItem().ShouldContain("no longer on the list");
    }

    [Fact]
    public async Task Viewer_WhenATermIsAddedThenRemoved_OfficerRightsFollowOnTheNextRequest()
    {
        var current = await CurrentSeasonAsync();
        var (member, angler) = await ClubPagesKit.MemberAsync(fixture, "Ray Rights");
        var keeper = await ClubPagesKit.AddAnglerAsync(fixture, "Kim Keeper");
        (await member.Client.GetAsync("/club/manage/officers", _ct)).Headers.Location!.AbsolutePath.ShouldBe("/account/access-denied");

        await using var scope = fixture.CreateScope();
        var editor = scope.ServiceProvider.GetRequiredService<OfficerEditor>();
        (await editor.AddTermAsync(current, PositionId("Technology Director"), keeper.Id, Officer, _ct)).Succeeded.ShouldBeTrue();
        var term = (await editor.AddTermAsync(current, PositionId("Secretary"), angler.Id, Officer, _ct)).Value!;

        (await member.Client.GetAsync("/club/manage/officers", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await editor.RemoveTermAsync(term.Id, Officer, _ct)).Succeeded.ShouldBeTrue();

        // The security-relevant half: a removed officer must not keep the rights until a cache entry expires.
        (await member.Client.GetAsync("/club/manage/officers", _ct)).Headers.Location!.AbsolutePath.ShouldBe("/account/access-denied");
    }

    [Fact]
    public async Task Viewer_IsCachedUntilAnAnglerChanges_ThenTheNewKindCounts()
    {
        var email = $"kind-{Guid.NewGuid():N}@example.org";
        var user = (await TestUsers.CreateAsync(fixture.App, email)).User;
        var angler = await ClubPagesKit.AddAnglerAsync(fixture, "Kai Kind", email);
        (await ViewerAsync(user.Id)).IsMember.ShouldBeTrue(); // links the account, which drops cached viewers
        (await ViewerAsync(user.Id)).IsMember.ShouldBeTrue(); // cached from here on

        // Written behind the cache's back: still the cached answer, so the cache really is in the way …
        await using (var scope = fixture.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<Angler>()
                .Where(a => a.Id == angler.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Name, "Kai Renamed"), _ct);
        }

        (await ViewerAsync(user.Id)).Angler!.Name.ShouldBe("Kai Kind");

        // … and an officer's edit reaches the next request.
        await using (var scope = fixture.CreateScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<MemberEditor>().SaveAsync(
                angler.Id, new MemberInput { Name = "Kai Kind", Email = email, Kind = MembershipKind.Guest }, null, _ct);
            saved.Succeeded.ShouldBeTrue();
        }

        var viewer = await ViewerAsync(user.Id);
        viewer.IsMember.ShouldBeFalse();
        viewer.Angler!.Kind.ShouldBe(MembershipKind.Guest);
        viewer.InGoodStanding.ShouldBeFalse();
    }

    [Theory]
    [InlineData("/club/manage/officers")]
    [InlineData("/club/manage/officers/positions")]
    public async Task Pages_AreForOfficersOnly(string path)
    {
        await ClubPagesKit.ShouldBeOfficerOnlyAsync(fixture, path);

        var officer = await ClubPagesKit.OfficerAsync(fixture);
        var html = await officer.GetPageAsync(path);
        html.ShouldContain("Treasurer");
    }

    [Fact]
    public async Task OfficersPage_OfficerAddsATermWithTheForm_AndGarbageShowsReasons()
    {
        var season = await PastSeasonAsync();
        var officer = await ClubPagesKit.OfficerAsync(fixture);
        var angler = await ClubPagesKit.AddAnglerAsync(fixture, "Fay Formfill");
        var page = $"/club/manage/officers?season={season}";

        var garbage = await officer.SubmitAsync($"{page}&handler=Add", new Dictionary<string, string>
        {
            ["Input.PositionId"] = "banana", ["Input.AnglerId"] = Guid.NewGuid().ToString(),
        }, page);

        garbage.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await garbage.Content.ReadAsStringAsync(_ct);
        html.ShouldContain("Choose an office from the list.");
        html.ShouldContain("Choose a member from the list.");
        (await TermsAsync(season)).ShouldNotContain(t => t.Angler == "Fay Formfill");

        var added = await officer.SubmitAsync($"{page}&handler=Add", new Dictionary<string, string>
        {
            ["Input.PositionId"] = PositionId("Tournament Director").ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.AnglerId"] = angler.Id.ToString(),
        }, page);

        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        added.Headers.Location!.OriginalString.ShouldBe(page);
        (await TermsAsync(season)).ShouldContain(("Tournament Director", "Fay Formfill"));
        var shown = await officer.GetPageAsync(page);
        shown.ShouldContain("Officer added.");
        shown.ShouldContain("Fay Formfill");
        (await officer.Client.GetAsync("/club/manage/officers?season=0", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await officer.Client.GetAsync("/club/manage/officers?season=99999", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OfficersPage_WhenAnOfficerRemovesTheLastCurrentOffice_SaysWhyAndKeepsIt()
    {
        var current = await CurrentSeasonAsync();
        await ClearSeasonAsync(current);
        var (member, angler) = await ClubPagesKit.MemberAsync(fixture, "Solo Officer");
        int termId;
        await using (var scope = fixture.CreateScope())
        {
            termId = (await scope.ServiceProvider.GetRequiredService<OfficerEditor>().AddTermAsync(current, PositionId("President"), angler.Id, Admin, _ct)).Value!.Id;
        }

        var response = await member.SubmitAsync($"/club/manage/officers?season={current}&handler=Remove&id={termId}", new Dictionary<string, string>(), "/club/manage/officers");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(_ct)).ShouldContain("without any officer");
        (await TermsAsync(current)).ShouldBe([("President", "Solo Officer")]);
    }

    [Fact]
    public async Task PositionsPage_OfficerAddsAnOffice_AndADuplicateNameIsExplained()
    {
        var officer = await ClubPagesKit.OfficerAsync(fixture);
        var name = $"Raffle Chair {Guid.NewGuid():N}"[..24];

        var added = await officer.SubmitAsync("/club/manage/officers/positions", new Dictionary<string, string> { ["Name"] = name });
        var duplicate = await officer.SubmitAsync("/club/manage/officers/positions", new Dictionary<string, string> { ["Name"] = name.ToUpperInvariant() });

        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        duplicate.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await duplicate.Content.ReadAsStringAsync(_ct)).ShouldContain("There is already an office called");
        (await PositionNamesAsync()).Count(n => n.Equals(name, StringComparison.OrdinalIgnoreCase)).ShouldBe(1);
    }

    private int PositionId(string name)
    {
        using var scope = fixture.App.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<OfficerPosition>().Single(p => p.Name == name).Id;
    }

    private async Task<int> CurrentSeasonAsync()
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OfficerEditor>().CurrentSeasonAsync(_ct);
    }

    /// <summary>
    /// A past season of its own per test, with the season before it free too (the class shares one database), far from
    /// the current season and its lock-out rule.
    /// </summary>
    private async Task<int> PastSeasonAsync() => await CurrentSeasonAsync() - 30 - Interlocked.Add(ref _pastSeasons, 3);

    private async Task ClearSeasonAsync(int season)
    {
        await using var scope = fixture.CreateScope();
        await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<OfficerTerm>().Where(t => t.Season == season).ExecuteDeleteAsync(_ct);
        await scope.ServiceProvider.GetRequiredService<Podium.Platform.Caching.IPodiumCache>().InvalidateTagAsync(ClubCacheTags.Access, _ct);
    }

    private async Task<List<(string Position, string Angler)>> TermsAsync(int season)
    {
        await using var scope = fixture.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<OfficerTerm>().AsNoTracking()
                .Where(t => t.Season == season)
                .Select(t => new { Position = t.Position.Name, Angler = t.Angler.Name })
                .ToListAsync(_ct))
            .Select(t => (t.Position, t.Angler)).ToList();
    }

    private async Task<List<(int Season, int PositionId, Guid AnglerId)>> AllTermsAsync()
    {
        await using var scope = fixture.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<OfficerTerm>().AsNoTracking()
                .OrderBy(t => t.Id).Select(t => new { t.Season, t.PositionId, t.AnglerId }).ToListAsync(_ct))
            .Select(t => (t.Season, t.PositionId, t.AnglerId)).ToList();
    }

    private async Task<List<string>> PositionNamesAsync()
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<OfficerPosition>().AsNoTracking()
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Name).Select(p => p.Name).ToListAsync(_ct);
    }

    private async Task<JsonDocument> AuditAsync(string action, string target)
    {
        await using var scope = fixture.CreateScope();
        var audit = await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<AuditEvent>().AsNoTracking()
            .Where(e => e.Action == action && e.Target == target).SingleAsync(_ct);
        return JsonDocument.Parse(audit.Details!);
    }

    private async Task<ClubViewer> ViewerAsync(Guid userId)
    {
        // A fresh scope per call: a new request, past the per-request memo, so only the shared cache can answer twice.
        await using var scope = fixture.CreateScope();
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString())], "test"));
        return await scope.ServiceProvider.GetRequiredService<ClubAccess>().GetViewerAsync(principal, _ct);
    }
}

public sealed class SqliteClubOfficersTests(SqliteAppFixture fixture) : ClubOfficersTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresClubOfficersTests(PostgresAppFixture fixture) : ClubOfficersTests(fixture), IClassFixture<PostgresAppFixture>;
