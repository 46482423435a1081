using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Podium.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddFightLeagues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "fights_leagues",
                columns: table => new
                {
                    group_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    winner = table.Column<int>(type: "INTEGER", nullable: false),
                    underdog_bonus_per_unit = table.Column<int>(type: "INTEGER", nullable: false),
                    underdog_bonus_cap = table.Column<int>(type: "INTEGER", nullable: false),
                    method = table.Column<int>(type: "INTEGER", nullable: false),
                    round = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fights_leagues", x => x.group_id);
                    table.CheckConstraint("ck_fights_leagues_rules", "winner BETWEEN 0 AND 100 AND underdog_bonus_per_unit BETWEEN 0 AND 100 AND underdog_bonus_cap BETWEEN 0 AND 100 AND method BETWEEN 0 AND 50 AND round BETWEEN 0 AND 50");
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fights_leagues");
        }
    }
}
