using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Podium.Modules.Fights.Model;
using Podium.Platform.Api;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Platform.Feeds;

namespace Podium.Modules.Fights.Features.Search;

/// <summary>One fighter in search results: what the results table and the API show.</summary>
internal sealed record FighterSearchHit(
    Guid Id, string Name, string? Nickname, string Slug, WeightClass WeightClass, string? Country, Stance? Stance,
    string? Style, int Wins, int Losses, int Draws, int NoContests, bool Active, FeedProvenance Provenance);

/// <summary>One line of the search box's dropdown.</summary>
internal sealed record FighterSuggestion(string Name, string? Nickname, string Slug, WeightClass WeightClass, bool Active);

/// <summary>
/// Fighter search over the full-text indexes the AddFightsSearch migration builds (PostgreSQL: a weighted tsvector of
/// the folded name and nickname plus pg_trgm; SQLite: FTS5 word and trigram tables kept by triggers). Words match
/// as prefixes ("jon" finds Jones) on both. Results are ranked in tiers: every word in the name, then words found
/// across name and nickname, then names that only look alike (typos); within a tier a name that starts with the
/// query comes first. Filters apply to the ranked matches, capped at <see cref="MaxMatches"/>.
/// </summary>
internal sealed class FighterSearch(PodiumDbContext db, IPodiumCache cache)
{
    public const int MaxSuggestions = 10;

    /// <summary>Queries this short (folded: 1–2 letters or digits) are answered from the cache; see <see cref="SuggestAsync"/>.</summary>
    public const int CachedPrefixLength = 2;

    /// <summary>How long a short prefix's answer is kept at most, should a change to fighters not drop the tag.</summary>
    internal static readonly TimeSpan CachedPrefixLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Ranked matches considered per search: far more than anyone pages through, few enough to filter in one query.</summary>
    public const int MaxMatches = 1000;

    /// <summary>How alike (shared three-letter pieces, 0–1) a mistyped word must be to a name's word to count on SQLite.</summary>
    public const double TypoSimilarity = 0.5;

    /// <summary>pg_trgm's word similarity a look-alike name needs on PostgreSQL.</summary>
    public const double TypoWordSimilarity = 0.45;

    private const double NameTier = 2000, AnyTier = 1000, StartsBonus = 100;

    public async Task<PagedList<FighterSearchHit>> SearchAsync(FighterSearchQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        var fighters = Filtered(query);
        if (!query.HasText)
        {
            var total = await fighters.CountAsync(cancellationToken);
            var items = await Project(fighters.OrderBy(f => f.Name).ThenBy(f => f.Id).Skip(page.Skip).Take(page.PageSize)).ToListAsync(cancellationToken);
            return page.Of(items, total);
        }

        var scores = await MatchAsync(query, cancellationToken);
        if (scores.Count == 0)
        {
            return page.Of<FighterSearchHit>([], 0);
        }

        var ids = scores.Keys.ToList();
        var hits = await Project(fighters.Where(f => ids.Contains(f.Id))).ToListAsync(cancellationToken);
        var ranked = hits
            .OrderByDescending(h => scores[h.Id])
            .ThenByDescending(h => h.Active)
            .ThenBy(h => h.Name, StringComparer.Ordinal)
            .ThenBy(h => h.Id)
            .ToList();
        return page.Of(ranked.Skip(page.Skip).Take(page.PageSize).ToList(), ranked.Count);
    }

    /// <summary>
    /// Up to 10 fighters with a word of the name or nickname starting with each typed word: those whose whole name
    /// starts with the query first, then active before retired, then by name. Prefixes only (no typos): it answers
    /// every keystroke, so it stays on the word index.
    /// </summary>
    /// <remarks>
    /// The first keystrokes are the costly ones: a letter's prefix matches a large share of all fighters (on SQLite each
    /// is joined back by id and the whole match set sorted: measured at 10–15× a four-letter prefix, bench/README.md,
    /// "Fights"), and they are the same few hundred prefixes for everyone. So queries of up to
    /// <see cref="CachedPrefixLength"/> folded characters are answered from the shared cache, dropped with the
    /// <see cref="FightsCacheTags.Events"/> tag that every import, merge and seed of fighters drops.
    /// </remarks>
    public async Task<IReadOnlyList<FighterSuggestion>> SuggestAsync(FighterSearchQuery query, CancellationToken cancellationToken)
    {
        if (!query.HasText)
        {
            return [];
        }

        if (query.Text.Length <= CachedPrefixLength)
        {
            return await cache.GetOrCreateAsync(
                $"fights:suggest:{query.Text}", async ct => await ReadSuggestionsAsync(query, ct), [FightsCacheTags.Events], CachedPrefixLifetime,
                cancellationToken: cancellationToken);
        }

        return await ReadSuggestionsAsync(query, cancellationToken);
    }

    private async Task<List<FighterSuggestion>> ReadSuggestionsAsync(FighterSearchQuery query, CancellationToken cancellationToken)
    {
        const string Columns = "f.name, f.nickname, f.slug, f.weight_class, f.active";
        string sql;
        object[] parameters;
        if (db.Database.IsNpgsql())
        {
            sql = $"""
                SELECT {Columns} FROM fights_fighters f
                WHERE f.search_vector @@ to_tsquery('simple', @all)
                ORDER BY f.search_name LIKE @starts DESC, f.active DESC, f.name
                LIMIT {MaxSuggestions}
                """;
            parameters = [PostgresPrefixes(query), query.Text + "%"];
        }
        else
        {
            sql = $"""
                SELECT {Columns} FROM fights_fighters f
                JOIN (SELECT fighter_id FROM fights_fighters_fts WHERE fights_fighters_fts MATCH @all) m ON m.fighter_id = f.id
                ORDER BY f.id IN (SELECT fighter_id FROM fights_fighters_fts WHERE fights_fighters_fts MATCH @starts) DESC, f.active DESC, f.name
                LIMIT {MaxSuggestions}
                """;
            parameters = [SqlitePrefixes(query), SqliteNameStarts(query)];
        }

        return await ReadAsync(sql, ["@all", "@starts"], parameters, r => new FighterSuggestion(
            r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), Enum.Parse<WeightClass>(r.GetString(3)), r.GetBoolean(4)), cancellationToken);
    }

    private IQueryable<Fighter> Filtered(FighterSearchQuery query)
    {
        var fighters = db.Set<Fighter>().AsNoTracking();
        if (query.WeightClass is { } weightClass)
        {
            fighters = fighters.Where(f => f.WeightClass == weightClass);
        }

        if (query.Stance is { } stance)
        {
            fighters = fighters.Where(f => f.Stance == stance);
        }

        if (query.Style is { } style)
        {
            fighters = fighters.Where(f => f.Style == style);
        }

        if (query.Country is { } country)
        {
            fighters = fighters.Where(f => f.Country == country);
        }

        if (query.Status is { } status)
        {
            var active = status == FighterStatus.Active;
            fighters = fighters.Where(f => f.Active == active);
        }

        if (query.MinWins is { } minWins)
        {
            fighters = fighters.Where(f => f.Wins >= minWins);
        }

        if (query.MaxWins is { } maxWins)
        {
            fighters = fighters.Where(f => f.Wins <= maxWins);
        }

        if (query.MinLosses is { } minLosses)
        {
            fighters = fighters.Where(f => f.Losses >= minLosses);
        }

        if (query.MaxLosses is { } maxLosses)
        {
            fighters = fighters.Where(f => f.Losses <= maxLosses);
        }

        return fighters;
    }

    private static IQueryable<FighterSearchHit> Project(IQueryable<Fighter> fighters) => fighters.Select(f => new FighterSearchHit(
        f.Id, f.Name, f.Nickname, f.Slug, f.WeightClass, f.Country, f.Stance, f.Style, f.Wins, f.Losses, f.Draws, f.NoContests, f.Active, f.Provenance));

    /// <summary>Each matching fighter's score: its tier plus a bonus when the whole name starts with the query.</summary>
    private async Task<Dictionary<Guid, double>> MatchAsync(FighterSearchQuery query, CancellationToken cancellationToken)
    {
        var scores = new Dictionary<Guid, double>();
        if (db.Database.IsNpgsql())
        {
            // ts_filter keeps the name's lexemes (weight A): a query all found there is a name match. The trigram
            // operator (<%, on the GIN index) finds the typos the words miss, at a threshold set for this statement
            // only (pg_trgm's default, 0.6, misses one wrong letter in a nine-letter name: 0.54).
            var sql = $$"""
                SELECT set_config('pg_trgm.word_similarity_threshold', '{{TypoWordSimilarity.ToString(CultureInfo.InvariantCulture)}}', true);
                SELECT f.id,
                       CASE WHEN ts_filter(f.search_vector, '{a}') @@ q THEN {{NameTier}}
                            WHEN f.search_vector @@ q THEN {{AnyTier}}
                            ELSE word_similarity(@text, f.search_text) * 100 END
                       + CASE WHEN f.search_name LIKE @starts THEN {{StartsBonus}} ELSE 0 END
                       + ts_rank('{0.1, 0.2, 0.4, 1.0}', f.search_vector, q)
                FROM fights_fighters f, to_tsquery('simple', @all) q
                WHERE f.search_vector @@ q OR @text <% f.search_text
                ORDER BY 2 DESC
                LIMIT {{MaxMatches}}
                """;
            foreach (var (id, score) in await ReadAsync(sql, ["@all", "@text", "@starts"], [PostgresPrefixes(query), query.Text, query.Text + "%"],
                r => (r.GetGuid(0), r.GetDouble(1)), cancellationToken, skipResults: 1))
            {
                scores[id] = score;
            }

            return scores;
        }

        // bm25 is negative, better the lower: name words weigh 10, nickname words 2 (the id column is not indexed).
        var words = $"""
            SELECT m.fighter_id,
                   CASE WHEN m.fighter_id IN (SELECT fighter_id FROM fights_fighters_fts WHERE fights_fighters_fts MATCH @name) THEN {NameTier} ELSE {AnyTier} END
                   + CASE WHEN m.fighter_id IN (SELECT fighter_id FROM fights_fighters_fts WHERE fights_fighters_fts MATCH @starts) THEN {StartsBonus} ELSE 0 END
                   - bm25(fights_fighters_fts, 0.0, 10.0, 2.0)
            FROM fights_fighters_fts m
            WHERE fights_fighters_fts MATCH @all
            ORDER BY 2 DESC
            LIMIT {MaxMatches}
            """;
        var prefixes = SqlitePrefixes(query);
        foreach (var (id, score) in await ReadAsync(words, ["@all", "@name", "@starts"], [prefixes, $"name : ({prefixes})", SqliteNameStarts(query)],
            r => (Guid.Parse(r.GetString(0)), r.GetDouble(1)), cancellationToken))
        {
            scores[id] = score;
        }

        // FTS5 has no edit distance. Its trigram table finds names sharing three-letter pieces with the query; the
        // best 200 by bm25 are kept when their words are alike enough (shared pieces over all pieces, as pg_trgm counts).
        var pieces = query.Words.Where(w => w.Length >= 3).SelectMany(w => Enumerable.Range(0, w.Length - 2).Select(i => w.Substring(i, 3))).Distinct().ToList();
        if (pieces.Count == 0)
        {
            return scores;
        }

        var typos = """
            SELECT fighter_id, text FROM fights_fighters_trigrams
            WHERE fights_fighters_trigrams MATCH @pieces
            ORDER BY rank
            LIMIT 200
            """;
        foreach (var (id, text) in await ReadAsync(typos, ["@pieces"], [string.Join(" OR ", pieces.Select(p => $"\"{p}\""))],
            r => (Guid.Parse(r.GetString(0)), r.GetString(1)), cancellationToken))
        {
            if (scores.ContainsKey(id))
            {
                continue;
            }

            var similarity = Trigrams.WordSimilarity(query.Words, FighterSearchQuery.WordsOf(text));
            if (similarity >= TypoSimilarity)
            {
                scores[id] = similarity * 100;
            }
        }

        return scores;
    }

    /// <summary><c>jon:* &amp; jo:*</c>: every word as a prefix. Words are letters and digits only, so nothing here is tsquery syntax.</summary>
    private static string PostgresPrefixes(FighterSearchQuery query) => string.Join(" & ", query.Words.Select(w => w + ":*"));

    /// <summary><c>"jon"* AND "jo"*</c>: every word as a prefix, in any indexed column (name, nickname).</summary>
    private static string SqlitePrefixes(FighterSearchQuery query) => string.Join(" AND ", query.Words.Select(w => $"\"{w}\"*"));

    /// <summary><c>name : ^ "jon jo"*</c>: the name's first words are the query, the last one as a prefix.</summary>
    private static string SqliteNameStarts(FighterSearchQuery query) => $"name : ^ \"{query.Text}\"*";

    /// <param name="skipResults">Result sets of leading statements to pass over (a setting for the statement's implicit transaction).</param>
    private async Task<List<T>> ReadAsync<T>(string sql, string[] names, object[] values, Func<DbDataReader, T> read, CancellationToken cancellationToken, int skipResults = 0)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            for (var i = 0; i < names.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = names[i];
                parameter.Value = values[i];
                command.Parameters.Add(parameter);
            }

            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            for (var i = 0; i < skipResults; i++)
            {
                await reader.NextResultAsync(cancellationToken);
            }

            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>pg_trgm's measure, for SQLite: how many of two words' three-letter pieces (padded with spaces) they share.</summary>
internal static class Trigrams
{
    public static double Similarity(string a, string b)
    {
        var x = Of(a);
        var y = Of(b);
        var union = x.Union(y).Count();
        return union == 0 ? 0 : (double)x.Intersect(y).Count() / union;
    }

    /// <summary>The least alike of the query's words to its best match among the name's words: every word must look like one of the name's.</summary>
    public static double WordSimilarity(IReadOnlyList<string> query, IReadOnlyList<string> name) =>
        query.Count == 0 || name.Count == 0 ? 0 : query.Min(q => name.Max(n => Similarity(q, n)));

    private static HashSet<string> Of(string word)
    {
        var padded = $"  {word} ";
        var pieces = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 3 <= padded.Length; i++)
        {
            pieces.Add(padded.Substring(i, 3));
        }

        return pieces;
    }
}
