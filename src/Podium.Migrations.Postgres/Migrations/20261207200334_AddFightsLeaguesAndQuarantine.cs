using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Podium.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddFightsLeaguesAndQuarantine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "fights_leagues",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    group_id = table.Column<Guid>(type: "uuid", nullable: false),
                    winner = table.Column<int>(type: "integer", nullable: false),
                    underdog_bonus_per_unit = table.Column<int>(type: "integer", nullable: false),
                    underdog_bonus_cap = table.Column<int>(type: "integer", nullable: false),
                    method = table.Column<int>(type: "integer", nullable: false),
                    round = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fights_leagues", x => x.id);
                    table.CheckConstraint("ck_fights_leagues_rules", "winner BETWEEN 0 AND 100 AND underdog_bonus_per_unit BETWEEN 0 AND 100 AND underdog_bonus_cap BETWEEN 0 AND 100 AND method BETWEEN 0 AND 50 AND round BETWEEN 0 AND 50");
                });

            migrationBuilder.CreateTable(
                name: "fights_quarantine",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    external_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    issues = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    first_seen_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fights_quarantine", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_fights_leagues_group_id",
                table: "fights_leagues",
                column: "group_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fights_quarantine_last_seen_at",
                table: "fights_quarantine",
                column: "last_seen_at");

            migrationBuilder.CreateIndex(
                name: "ix_fights_quarantine_source_kind_external_id",
                table: "fights_quarantine",
                columns: new[] { "source", "kind", "external_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fights_leagues");

            migrationBuilder.DropTable(
                name: "fights_quarantine");
        }
    }
}
