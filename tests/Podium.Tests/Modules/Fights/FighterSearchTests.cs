using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Fights.Domain;
using Podium.Modules.Fights.Model;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Fights;

/// <summary>
/// Fighter search on both databases through the full-text indexes of the AddFightsSearch migration: ranking, prefixes,
/// typos, accents, filters, pages, refusals, and the index following inserts, renames and deletes. Each test invents
/// its own made-up word so the class's shared database holds no other match.
/// </summary>
public abstract class FighterSearchTests(AppFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Search_RanksANameMatchAboveANicknameMatchAboveALookAlikeName()
    {
        var word = Word();
        // Added in the opposite order of the expected ranking, so insertion order cannot pass the test.
        var typo = await AddAsync($"Lev {word[..^1]}x");
        var nickname = await AddAsync($"Dan Other{Word()[..4]}", nickname: word);
        var name = await AddAsync($"Ivo {word}");

        var found = await SearchAsync($"q={word}");

        Names(found).ShouldBe([name.Name, nickname.Name, typo.Name]);
    }

    [Fact]
    public async Task Search_TheExactFullName_ComesBeforeOtherNamesWithTheSameWord()
    {
        var word = Word();
        var longer = await AddAsync($"Ivo {word} Junior");
        var exact = await AddAsync($"Ivo {word}");

        var found = await SearchAsync($"q=ivo+{word}");

        Names(found)[0].ShouldBe(exact.Name);
        Names(found).ShouldContain(longer.Name);
    }

    [Fact]
    public async Task Search_WithAMistypedName_StillFindsTheFighter()
    {
        var word = Word();
        var fighter = await AddAsync($"Conor {word}");

        // One letter swapped for another in the middle.
        var typo = word[..4] + (word[4] == 'a' ? 'e' : 'a') + word[5..];
        Names(await SearchAsync($"q={typo}")).ShouldBe([fighter.Name]);
    }

    [Fact]
    public async Task Suggest_OnATwoLetterPrefix_AnswersFromTheCache_UntilFightersChangeDropsItsTag()
    {
        // A digit leads the prefix, so no other test's made-up name starts with it.
        var word = Word();
        var alpha = await AddAsync($"7q{word} Alpha");
        (await SuggestAsync("7Q")).Select(s => s.GetProperty("name").GetString()).ShouldBe([alpha.Name]);

        var aaron = await AddAsync($"7q{word} Aaron");
        // Longer prefixes are read each time; the two-letter one is the cached answer until the fighters' tag is dropped.
        (await SuggestAsync($"7q{word}")).Select(s => s.GetProperty("name").GetString()).ShouldBe([aaron.Name, alpha.Name]);
        (await SuggestAsync("7q")).Select(s => s.GetProperty("name").GetString()).ShouldBe([alpha.Name]);
        await using (var scope = fixture.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<Podium.Platform.Caching.IPodiumCache>().InvalidateTagAsync(Podium.Modules.Fights.FightsCacheTags.Events, _ct);
        }

        (await SuggestAsync("7q")).Select(s => s.GetProperty("name").GetString()).ShouldBe([aaron.Name, alpha.Name]);
    }

    [Fact]
    public async Task Suggest_FromTheFirstLetters_PutsNamesStartingWithThemFirst_ThenActive_ThenByName()
    {
        var word = Word();
        var inside = await AddAsync($"Aaron {word}zed");
        var retired = await AddAsync($"{word}ton Alpha", active: false);
        var active = await AddAsync($"{word}ton Beta");
        var byNickname = await AddAsync($"Bob Nick{Word()[..4]}", nickname: $"{word}ster");

        var suggestions = await SuggestAsync(word[..5]);

        suggestions.Select(s => s.GetProperty("name").GetString()).ShouldBe([active.Name, retired.Name, inside.Name, byNickname.Name]);
        suggestions[0].GetProperty("url").GetString().ShouldBe($"/fights/fighters/{active.Slug}");
        suggestions[1].GetProperty("active").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Suggest_NeverAnswersMoreThanTen_AndEveryWordMustMatch()
    {
        var word = Word();
        for (var i = 0; i < 12; i++)
        {
            await AddAsync($"{word} Number{(char)('a' + i)}");
        }

        var other = Word();
        await AddAsync($"{other} Numberq");

        (await SuggestAsync(word[..4])).Count.ShouldBe(10);
        (await SuggestAsync($"{word} numberc")).Select(s => s.GetProperty("name").GetString()).ShouldBe([$"{Cap(word)} Numberc"]);
        (await SuggestAsync($"{word} numberq")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Search_IgnoresAccentsAndCase_InTheQueryAndInTheName()
    {
        var word = Word();
        var fighter = await AddAsync($"Jiří Procházka{word}");

        Names(await SearchAsync($"q=jiri+PROCHAZKA{word}")).ShouldBe([fighter.Name]);
        Names(await SearchAsync($"q={Uri.EscapeDataString($"Jíří procházka{word}")}")).ShouldBe([fighter.Name]);
        (await SuggestAsync($"prochaz{word}")).ShouldBeEmpty(); // a prefix is of a word's start, not its middle
        (await SuggestAsync($"prochazka{word[..3]}")).Single().GetProperty("name").GetString().ShouldBe(fighter.Name);

        // Letters that are not a base letter plus an accent: PostgreSQL's unaccent folds them; SQLite's tokenizer keeps
        // them, so there the name is found by its look-alike pieces (folded as the query is) rather than by its words.
        var nordic = await AddAsync($"Søren Łukasz{word}");
        Names(await SearchAsync($"q=soren+lukasz{word}")).ShouldBe([nordic.Name]);
    }

    [Fact]
    public async Task Search_Filters_NarrowTheMatches()
    {
        var word = Word();
        var heavy = await AddAsync($"Ana {word}", weightClass: WeightClass.Heavyweight, wins: 20, losses: 2, country: "Brazil", style: "Judo", stance: Stance.Southpaw);
        var light = await AddAsync($"Bea {word}", weightClass: WeightClass.Lightweight, wins: 5, losses: 9, country: "Japan", style: "Boxing", stance: Stance.Orthodox);
        var retired = await AddAsync($"Cy {word}", weightClass: WeightClass.Heavyweight, wins: 30, losses: 10, country: "Brazil", style: "Judo", active: false);

        Names(await SearchAsync($"q={word}&weightClass=heavyweight")).ShouldBe([heavy.Name, retired.Name]);
        Names(await SearchAsync($"q={word}&weightClass=lightHeavyweight")).ShouldBeEmpty();
        Names(await SearchAsync($"q={word}&weightClass=HEAVYWEIGHT&stance=Southpaw")).ShouldBe([heavy.Name]);
        Names(await SearchAsync($"q={word}&minWins=10&status=active")).ShouldBe([heavy.Name]);
        Names(await SearchAsync($"q={word}&status=retired")).ShouldBe([retired.Name]);
        Names(await SearchAsync($"q={word}&maxWins=10&minLosses=5")).ShouldBe([light.Name]);
        Names(await SearchAsync($"q={word}&country=Brazil&maxLosses=5")).ShouldBe([heavy.Name]);
        Names(await SearchAsync($"q={word}&style=Boxing&stance=orthodox")).ShouldBe([light.Name]);
    }

    [Fact]
    public async Task Search_PagesThroughTheMatches_WithoutRepeatsOrGaps()
    {
        var word = Word();
        for (var i = 0; i < 25; i++)
        {
            await AddAsync($"{word} Page{(char)('a' + i)}");
        }

        var pages = new List<JsonElement>();
        for (var page = 1; page <= 3; page++)
        {
            pages.Add(await SearchAsync($"q={word}&page={page}&pageSize=10"));
        }

        pages.Select(p => p.GetProperty("items").GetArrayLength()).ShouldBe([10, 10, 5]);
        pages.ShouldAllBe(p => p.GetProperty("totalCount").GetInt32() == 25);
        pages.SelectMany(Names).Distinct().Count().ShouldBe(25);
        (await SearchAsync($"q={word}&page=4&pageSize=10")).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("/api/v1/fights/suggest", "q")]
    [InlineData("/api/v1/fights/suggest?q=", "q")]
    [InlineData("/api/v1/fights/suggest?q=%20%20", "q")]
    [InlineData("/api/v1/fights/suggest?q=%22*%3A%26!", "q")]
    [InlineData("/api/v1/fights/search?q=%22%29%20%7C%20%28", "q")]
    [InlineData("/api/v1/fights/search?weightClass=Superheavy", "weightClass")]
    [InlineData("/api/v1/fights/search?weightClass=3", "weightClass")]
    [InlineData("/api/v1/fights/search?stance=crab", "stance")]
    [InlineData("/api/v1/fights/search?status=sometimes", "status")]
    [InlineData("/api/v1/fights/search?minWins=-1", "minWins")]
    [InlineData("/api/v1/fights/search?minWins=ten", "minWins")]
    [InlineData("/api/v1/fights/search?minWins=9&maxWins=3", "maxWins")]
    [InlineData("/api/v1/fights/search?page=0", "page")]
    [InlineData("/api/v1/fights/search?pageSize=1000", "pageSize")]
    public async Task Api_BadInput_IsA400ProblemNamingTheField(string url, string field)
    {
        var response = await fixture.CreateClient().GetAsync(url, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("/api/v1/fights/suggest?q=")]
    [InlineData("/api/v1/fights/search?q=")]
    [InlineData("/api/v1/fights/search?page=abc")]
    public async Task Api_TooLongOrUnreadableInput_IsA400Problem(string url)
    {
        var response = await fixture.CreateClient().GetAsync(url.EndsWith("q=", StringComparison.Ordinal) ? url + new string('a', 101) : url, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [InlineData("weightClass=Superheavy", "Unknown weight class")]
    [InlineData("page=abc", "Page: a whole number")]
    [InlineData("minWins=9&maxWins=3", "The most wins is below the fewest")]
    [InlineData("q=%21%21%21", "Search with letters or digits")]
    public async Task Page_BadFilters_GetAMessageOnThePage_NotAnErrorPage(string query, string message)
    {
        var response = await fixture.CreateClient().GetAsync($"/fights/search?{query}", _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync(_ct);
        html.ShouldContain("This search could not be run");
        WebUtility.HtmlDecode(html).ShouldContain(message);
        html.ShouldContain("<form method=\"get\" action=\"/fights/search\"");
    }

    [Fact]
    public async Task Page_ShowsRankedResults_WithTheFiltersKeptInThePageLinks()
    {
        var word = Word();
        for (var i = 0; i < 22; i++)
        {
            await AddAsync($"{word} Row{(char)('a' + i)}", weightClass: WeightClass.Flyweight);
        }

        var response = await fixture.CreateClient().GetAsync($"/fights/search?q={word}&weightClass=Flyweight", _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(_ct));
        html.ShouldContain("22 fighters");
        html.ShouldContain($"{Cap(word)} Rowa");
        html.ShouldNotContain($"{Cap(word)} Rowv"); // the 22nd, on page 2
        html.ShouldContain($"/fights/search?q={word}&weightClass=Flyweight&page=2");
        html.ShouldContain("data-suggest=\"/api/v1/fights/suggest\"");
    }

    [Fact]
    public async Task Index_FollowsInsertsRenamesAndDeletes()
    {
        var word = Word();
        var renamed = Word();
        var fighter = await AddAsync($"Tom {word}", nickname: "The Original");
        Names(await SearchAsync($"q={word}")).ShouldBe([fighter.Name]);

        await using (var scope = fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            var saved = await db.Set<Fighter>().SingleAsync(f => f.Id == fighter.Id, _ct);
            saved.Name = $"Tom {renamed}";
            saved.Nickname = null;
            await db.SaveChangesAsync(_ct);
        }

        Names(await SearchAsync($"q={word}")).ShouldBeEmpty();
        Names(await SearchAsync("q=the+original")).ShouldNotContain($"Tom {renamed}");
        Names(await SearchAsync($"q={renamed}")).ShouldBe([$"Tom {renamed}"]);
        (await SuggestAsync(renamed[..5])).Single().GetProperty("name").GetString().ShouldBe($"Tom {renamed}");

        await using (var scope = fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            await db.Set<Fighter>().Where(f => f.Id == fighter.Id).ExecuteDeleteAsync(_ct);
        }

        Names(await SearchAsync($"q={renamed}")).ShouldBeEmpty();
        (await SuggestAsync(renamed[..5])).ShouldBeEmpty();
    }

    /// <summary>A made-up lower-case word of 9 letters no other test (or the sample data) uses.</summary>
    private static string Word()
    {
        const string letters = "bcdfghklmnprstvz";
        const string vowels = "aeiou";
        return string.Concat(Enumerable.Range(0, 9).Select(i => i % 2 == 0 ? letters[Random.Shared.Next(letters.Length)] : vowels[Random.Shared.Next(vowels.Length)]));
    }

    private static string Cap(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private async Task<Fighter> AddAsync(
        string name, string? nickname = null, bool active = true, WeightClass weightClass = WeightClass.Welterweight,
        int wins = 10, int losses = 3, string? country = null, string? style = null, Stance? stance = null)
    {
        name = string.Join(' ', name.Split(' ').Select(Cap));
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var fighter = new Fighter
        {
            Name = name,
            Nickname = nickname,
            Slug = $"t-{Guid.NewGuid():N}",
            WeightClass = weightClass,
            Wins = wins,
            Losses = losses,
            Country = country,
            Style = style,
            Stance = stance,
            Active = active,
            Source = "test",
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        };
        db.Add(fighter);
        await db.SaveChangesAsync(_ct);
        return fighter;
    }

    private async Task<JsonElement> SearchAsync(string query)
    {
        var response = await fixture.CreateClient().GetAsync($"/api/v1/fights/search?{query}", _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(_ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
    }

    private async Task<List<JsonElement>> SuggestAsync(string q)
    {
        var response = await fixture.CreateClient().GetAsync($"/api/v1/fights/suggest?q={Uri.EscapeDataString(q)}", _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(_ct));
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(_ct)).EnumerateArray()];
    }

    private static List<string> Names(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!)];
}

public sealed class SqliteFighterSearchTests(SqliteAppFixture fixture) : FighterSearchTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresFighterSearchTests(PostgresAppFixture fixture) : FighterSearchTests(fixture), IClassFixture<PostgresAppFixture>;
