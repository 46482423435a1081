using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Podium.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddLeaderboards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "platform_leaderboard_buckets",
                columns: table => new
                {
                    board_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    bucket = table.Column<long>(type: "INTEGER", nullable: false),
                    member_count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_leaderboard_buckets", x => new { x.board_key, x.bucket });
                });

            migrationBuilder.CreateTable(
                name: "platform_leaderboard_entries",
                columns: table => new
                {
                    board_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sort_key = table.Column<byte[]>(type: "BLOB", maxLength: 64, nullable: false),
                    bucket = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_leaderboard_entries", x => new { x.board_key, x.user_id });
                });

            migrationBuilder.CreateTable(
                name: "platform_leaderboards",
                columns: table => new
                {
                    board_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false),
                    member_count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_leaderboards", x => x.board_key);
                });

            migrationBuilder.CreateIndex(
                name: "ix_platform_leaderboard_entries_board_key_bucket_sort_key_user_id",
                table: "platform_leaderboard_entries",
                columns: new[] { "board_key", "bucket", "sort_key", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_platform_leaderboard_entries_user_id",
                table: "platform_leaderboard_entries",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_leaderboard_buckets");

            migrationBuilder.DropTable(
                name: "platform_leaderboard_entries");

            migrationBuilder.DropTable(
                name: "platform_leaderboards");
        }
    }
}
