using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Podium.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ClubProfileSampleData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_sample_data",
                table: "club_profile",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "is_sample_data",
                table: "club_profile");
        }
    }
}
