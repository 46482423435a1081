using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Podium.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Fighter search on SQLite (hand-written SQL only, kept out of the model's migrations so they can be regenerated):
    /// two FTS5 tables kept in step with fights_fighters by triggers. fights_fighters_fts holds words (unicode61, accents
    /// removed, prefix indexes for the first 1–3 letters) for word and prefix matches ranked by bm25; fights_fighters_trigrams
    /// holds three-letter pieces, which FighterSearch ORs together to find names that share most of a mistyped query's
    /// pieces. Rows are found by the fighter's id (UNINDEXED), not by rowid: fights_fighters has no INTEGER PRIMARY KEY,
    /// so its rowids may change on VACUUM.
    /// </summary>
    public partial class AddFightsSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE VIRTUAL TABLE fights_fighters_fts USING fts5(fighter_id UNINDEXED, name, nickname, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');");
            migrationBuilder.Sql("CREATE VIRTUAL TABLE fights_fighters_trigrams USING fts5(fighter_id UNINDEXED, text, tokenize = 'trigram remove_diacritics 1');");
            migrationBuilder.Sql("INSERT INTO fights_fighters_fts (fighter_id, name, nickname) SELECT id, name, coalesce(nickname, '') FROM fights_fighters;");
            migrationBuilder.Sql("INSERT INTO fights_fighters_trigrams (fighter_id, text) SELECT id, name || ' ' || coalesce(nickname, '') FROM fights_fighters;");
            migrationBuilder.Sql("""
                CREATE TRIGGER fights_fighters_search_insert AFTER INSERT ON fights_fighters BEGIN
                    INSERT INTO fights_fighters_fts (fighter_id, name, nickname) VALUES (new.id, new.name, coalesce(new.nickname, ''));
                    INSERT INTO fights_fighters_trigrams (fighter_id, text) VALUES (new.id, new.name || ' ' || coalesce(new.nickname, ''));
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER fights_fighters_search_update AFTER UPDATE OF id, name, nickname ON fights_fighters BEGIN
                    DELETE FROM fights_fighters_fts WHERE fighter_id = old.id;
                    DELETE FROM fights_fighters_trigrams WHERE fighter_id = old.id;
                    INSERT INTO fights_fighters_fts (fighter_id, name, nickname) VALUES (new.id, new.name, coalesce(new.nickname, ''));
                    INSERT INTO fights_fighters_trigrams (fighter_id, text) VALUES (new.id, new.name || ' ' || coalesce(new.nickname, ''));
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER fights_fighters_search_delete AFTER DELETE ON fights_fighters BEGIN
                    DELETE FROM fights_fighters_fts WHERE fighter_id = old.id;
                    DELETE FROM fights_fighters_trigrams WHERE fighter_id = old.id;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS fights_fighters_search_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS fights_fighters_search_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS fights_fighters_search_insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS fights_fighters_trigrams;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS fights_fighters_fts;");
        }
    }
}
