using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Podium.Migrations.Sqlite.Migrations
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    source_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    provenance = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    records_read = table.Column<int>(type: "INTEGER", nullable: false),
                    records_inserted = table.Column<int>(type: "INTEGER", nullable: false),
                    records_updated = table.Column<int>(type: "INTEGER", nullable: false),
                    records_rejected = table.Column<int>(type: "INTEGER", nullable: false),
                    duration_milliseconds = table.Column<long>(type: "INTEGER", nullable: true),
                    error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_feed_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_feed_snapshots",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    request_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    source_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    provenance = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    fetched_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_feed_snapshots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_feed_sources",
                columns: table => new
                {
                    source_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    base_url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    protected_api_key = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: true),
                    schedule = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    update_requested_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
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
