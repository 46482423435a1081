using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Podium.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddIpRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "platform_ip_rules",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    scope = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    network = table.Column<string>(type: "TEXT", maxLength: 49, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_ip_rules", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_platform_ip_rules_scope_kind_network",
                table: "platform_ip_rules",
                columns: new[] { "scope", "kind", "network" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_ip_rules");
        }
    }
}
