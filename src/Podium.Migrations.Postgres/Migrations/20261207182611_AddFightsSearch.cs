using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Podium.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Fighter search on PostgreSQL (hand-written SQL only, kept out of the model's migrations so they can be regenerated):
    /// generated columns of the name and nickname folded as Platform's Slugs.Fold folds them (lower case, accents off,
    /// punctuation to spaces), a weighted tsvector (name A, nickname B) under a GIN index for words and prefixes, and a
    /// pg_trgm GIN index for typos. The model does not map these columns; FighterSearch reads them in SQL.
    /// </summary>
    public partial class AddFightsSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");
            // unaccent() is only STABLE (its dictionary could be edited), so a generated column may not call it; naming
            // the dictionary pins it, which is what makes declaring the wrapper IMMUTABLE safe.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION fights_fold(text) RETURNS text
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                RETURN btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, $1)), '[^[:alnum:]]+', ' ', 'g'));
                """);
            migrationBuilder.Sql("ALTER TABLE fights_fighters ADD COLUMN search_name text GENERATED ALWAYS AS (fights_fold(name)) STORED;");
            migrationBuilder.Sql("ALTER TABLE fights_fighters ADD COLUMN search_text text GENERATED ALWAYS AS (fights_fold(name || ' ' || coalesce(nickname, ''))) STORED;");
            migrationBuilder.Sql("""
                ALTER TABLE fights_fighters ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('simple'::regconfig, fights_fold(name)), 'A') ||
                    setweight(to_tsvector('simple'::regconfig, coalesce(fights_fold(nickname), '')), 'B')) STORED;
                """);
            migrationBuilder.Sql("CREATE INDEX ix_fights_fighters_search_vector ON fights_fighters USING gin (search_vector);");
            migrationBuilder.Sql("CREATE INDEX ix_fights_fighters_search_text_trgm ON fights_fighters USING gin (search_text gin_trgm_ops);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_fights_fighters_search_text_trgm;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_fights_fighters_search_vector;");
            migrationBuilder.Sql("ALTER TABLE fights_fighters DROP COLUMN IF EXISTS search_vector, DROP COLUMN IF EXISTS search_text, DROP COLUMN IF EXISTS search_name;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS fights_fold(text);");
            // The extensions stay: other tables may come to use them, and dropping one in use would fail.
        }
    }
}
