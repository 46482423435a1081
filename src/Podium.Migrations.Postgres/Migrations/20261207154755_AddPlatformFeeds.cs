using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Podium.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddPlatformFeeds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "platform_feed_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    provenance = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    records_read = table.Column<int>(type: "integer", nullable: false),
                    records_inserted = table.Column<int>(type: "integer", nullable: false),
                    records_updated = table.Column<int>(type: "integer", nullable: false),
                    records_rejected = table.Column<int>(type: "integer", nullable: false),
                    duration_milliseconds = table.Column<long>(type: "bigint", nullable: true),
                    error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_feed_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_feed_snapshots",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    request_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    source_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    provenance = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    fetched_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_feed_snapshots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_feed_sources",
                columns: table => new
                {
                    source_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    base_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    protected_api_key = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    enabled = table.Column<bool>(type: "boolean", nullable: true),
                    schedule = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    update_requested_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_feed_sources", x => x.source_key);
                });

            migrationBuilder.CreateIndex(
                name: "ix_platform_feed_runs_source_key_started_at",
                table: "platform_feed_runs",
                columns: new[] { "source_key", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_platform_feed_runs_started_at",
                table: "platform_feed_runs",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "ix_platform_feed_snapshots_kind_request_key",
                table: "platform_feed_snapshots",
                columns: new[] { "kind", "request_key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_feed_runs");

            migrationBuilder.DropTable(
                name: "platform_feed_snapshots");

            migrationBuilder.DropTable(
                name: "platform_feed_sources");
        }
    }
}
