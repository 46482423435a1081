using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Podium.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddPlatformCompetitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "platform_competition_groups",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    created_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    invite_code = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    max_members = table.Column<int>(type: "INTEGER", nullable: false),
                    member_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_competition_groups", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_competition_scores",
                columns: table => new
                {
                    competition = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    item = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    points = table.Column<int>(type: "INTEGER", nullable: false),
                    counted = table.Column<bool>(type: "INTEGER", nullable: false),
                    correct = table.Column<bool>(type: "INTEGER", nullable: false),
                    entered_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    scored_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_competition_scores", x => new { x.competition, x.item, x.member_id });
                });

            migrationBuilder.CreateTable(
                name: "platform_competition_group_members",
                columns: table => new
                {
                    group_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    role = table.Column<int>(type: "INTEGER", nullable: false),
                    joined_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_competition_group_members", x => new { x.group_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_platform_competition_group_members_platform_competition_groups_group_id",
                        column: x => x.group_id,
                        principalTable: "platform_competition_groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_platform_competition_group_members_group_id_joined_at",
                table: "platform_competition_group_members",
                columns: new[] { "group_id", "joined_at" });

            migrationBuilder.CreateIndex(
                name: "ix_platform_competition_group_members_user_id",
                table: "platform_competition_group_members",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_platform_competition_groups_invite_code",
                table: "platform_competition_groups",
                column: "invite_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_platform_competition_scores_competition_member_id",
                table: "platform_competition_scores",
                columns: new[] { "competition", "member_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_competition_group_members");

            migrationBuilder.DropTable(
                name: "platform_competition_scores");

            migrationBuilder.DropTable(
                name: "platform_competition_groups");
        }
    }
}
