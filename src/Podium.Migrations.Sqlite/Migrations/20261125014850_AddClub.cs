using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Podium.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddClub : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "club_anglers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    phone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    dues_paid_through = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    news_emails = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_club_anglers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "club_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    starts_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ends_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_club_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "club_lakes",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    slug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    latitude = table.Column<double>(type: "REAL", nullable: true),
                    longitude = table.Column<double>(type: "REAL", nullable: true),
                    notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_club_lakes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "club_news_posts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    markdown = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    html = table.Column<string>(type: "TEXT", maxLength: 60000, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    pinned = table.Column<bool>(type: "INTEGER", nullable: false),
                    author_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    author_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    published_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    emailed_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_club_news_posts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "club_officer_positions",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    sort_order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_club_officer_positions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "club_profile",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    fish_limit = table.Column<int>(type: "INTEGER", nullable: false),
                    size_rules = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    dues_cents = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_club_profile", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "club_ramps",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    lake_id = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    latitude = table.Column<double>(type: "REAL", nullable: true),
                    longitude = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_club_ramps", x => x.id);
                    table.ForeignKey(
                        name: "fk_club_ramps_club_lakes_lake_id",
                        column: x => x.lake_id,
                        principalTable: "club_lakes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "club_officer_terms",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    season = table.Column<int>(type: "INTEGER", nullable: false),
                    position_id = table.Column<int>(type: "INTEGER", nullable: false),
                    angler_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_club_officer_terms", x => x.id);
                    table.ForeignKey(
                        name: "fk_club_officer_terms_club_anglers_angler_id",
                        column: x => x.angler_id,
                        principalTable: "club_anglers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_club_officer_terms_club_officer_positions_position_id",
                        column: x => x.position_id,
                        principalTable: "club_officer_positions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "club_tournaments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    season = table.Column<int>(type: "INTEGER", nullable: false),
                    lake_id = table.Column<int>(type: "INTEGER", nullable: true),
                    ramp_id = table.Column<int>(type: "INTEGER", nullable: true),
                    entry_fee_cents = table.Column<int>(type: "INTEGER", nullable: false),
                    big_bass_pot_cents = table.Column<int>(type: "INTEGER", nullable: false),
                    payout_percents = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    fish_limit = table.Column<int>(type: "INTEGER", nullable: false),
                    counts_for_angler_of_the_year = table.Column<bool>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    import_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_club_tournaments", x => x.id);
                    table.ForeignKey(
                        name: "fk_club_tournaments_club_events_id",
                        column: x => x.id,
                        principalTable: "club_events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_club_tournaments_club_lakes_lake_id",
                        column: x => x.lake_id,
                        principalTable: "club_lakes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_club_tournaments_club_ramps_ramp_id",
                        column: x => x.ramp_id,
                        principalTable: "club_ramps",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "club_polls",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    tournament_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    opens_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    closes_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    allow_other = table.Column<bool>(type: "INTEGER", nullable: false),
                    closed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    winning_option_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_club_polls", x => x.id);
                    table.ForeignKey(
                        name: "fk_club_polls_tournament_tournament_id",
                        column: x => x.tournament_id,
                        principalTable: "club_tournaments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "club_results",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tournament_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    angler_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    fish = table.Column<int>(type: "INTEGER", nullable: false),
                    total_weight = table.Column<int>(type: "INTEGER", nullable: false),
                    big_bass = table.Column<int>(type: "INTEGER", nullable: false),
                    dead_fish_penalty = table.Column<int>(type: "INTEGER", nullable: false),
                    disqualified = table.Column<bool>(type: "INTEGER", nullable: false),
                    buy_in = table.Column<bool>(type: "INTEGER", nullable: false),
                    member = table.Column<bool>(type: "INTEGER", nullable: false),
                    place = table.Column<int>(type: "INTEGER", nullable: true),
                    points = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_club_results", x => x.id);
                    table.CheckConstraint("ck_club_results_weights", "fish >= 0 AND total_weight >= 0 AND big_bass >= 0 AND dead_fish_penalty >= 0");
                    table.ForeignKey(
                        name: "fk_club_results_club_anglers_angler_id",
                        column: x => x.angler_id,
                        principalTable: "club_anglers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_club_results_club_tournaments_tournament_id",
                        column: x => x.tournament_id,
                        principalTable: "club_tournaments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "club_team_results",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tournament_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    angler1id = table.Column<Guid>(type: "TEXT", nullable: false),
                    angler2id = table.Column<Guid>(type: "TEXT", nullable: true),
                    total_weight = table.Column<int>(type: "INTEGER", nullable: false),
                    place = table.Column<int>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_club_team_results", x => x.id);
                    table.ForeignKey(
                        name: "fk_club_team_results_club_anglers_angler1id",
                        column: x => x.angler1id,
                        principalTable: "club_anglers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_club_team_results_club_anglers_angler2id",
                        column: x => x.angler2id,
                        principalTable: "club_anglers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_club_team_results_tournament_tournament_id",
                        column: x => x.tournament_id,
                        principalTable: "club_tournaments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "club_poll_options",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    poll_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sort_order = table.Column<int>(type: "INTEGER", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    lake_id = table.Column<int>(type: "INTEGER", nullable: true),
                    ramp_id = table.Column<int>(type: "INTEGER", nullable: true),
                    starts_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ends_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_club_poll_options", x => x.id);
                    table.ForeignKey(
                        name: "fk_club_poll_options_club_lakes_lake_id",
                        column: x => x.lake_id,
                        principalTable: "club_lakes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_club_poll_options_club_polls_poll_id",
                        column: x => x.poll_id,
                        principalTable: "club_polls",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_club_poll_options_ramp_ramp_id",
                        column: x => x.ramp_id,
                        principalTable: "club_ramps",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "club_poll_votes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    poll_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    angler_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    option_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    other_text = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    cast_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_club_poll_votes", x => x.id);
                    table.ForeignKey(
                        name: "fk_club_poll_votes_club_anglers_angler_id",
                        column: x => x.angler_id,
                        principalTable: "club_anglers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_club_poll_votes_club_poll_options_option_id",
                        column: x => x.option_id,
                        principalTable: "club_poll_options",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_club_poll_votes_club_polls_poll_id",
                        column: x => x.poll_id,
                        principalTable: "club_polls",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "club_officer_positions",
                columns: new[] { "id", "name", "sort_order" },
                values: new object[,]
                {
                    { 1, "President", 10 },
                    { 2, "Vice President", 20 },
                    { 3, "Secretary", 30 },
                    { 4, "Treasurer", 40 },
                    { 5, "Tournament Director", 50 },
                    { 6, "Assistant Tournament Director", 60 },
                    { 7, "Technology Director", 70 }
                });

            migrationBuilder.CreateIndex(
                name: "ix_club_anglers_email",
                table: "club_anglers",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_club_anglers_name",
                table: "club_anglers",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_club_anglers_user_id",
                table: "club_anglers",
                column: "user_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_club_events_starts_at",
                table: "club_events",
                column: "starts_at");

            migrationBuilder.CreateIndex(
                name: "ix_club_lakes_name",
                table: "club_lakes",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_club_lakes_slug",
                table: "club_lakes",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_club_news_posts_status_pinned_published_at",
                table: "club_news_posts",
                columns: new[] { "status", "pinned", "published_at" });

            migrationBuilder.CreateIndex(
                name: "ix_club_officer_positions_name",
                table: "club_officer_positions",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_club_officer_terms_angler_id_season",
                table: "club_officer_terms",
                columns: new[] { "angler_id", "season" });

            migrationBuilder.CreateIndex(
                name: "ix_club_officer_terms_position_id",
                table: "club_officer_terms",
                column: "position_id");

            migrationBuilder.CreateIndex(
                name: "ix_club_officer_terms_season_position_id_angler_id",
                table: "club_officer_terms",
                columns: new[] { "season", "position_id", "angler_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_club_poll_options_lake_id",
                table: "club_poll_options",
                column: "lake_id");

            migrationBuilder.CreateIndex(
                name: "ix_club_poll_options_poll_id",
                table: "club_poll_options",
                column: "poll_id");

            migrationBuilder.CreateIndex(
                name: "ix_club_poll_options_ramp_id",
                table: "club_poll_options",
                column: "ramp_id");

            migrationBuilder.CreateIndex(
                name: "ix_club_poll_votes_angler_id",
                table: "club_poll_votes",
                column: "angler_id");

            migrationBuilder.CreateIndex(
                name: "ix_club_poll_votes_option_id",
                table: "club_poll_votes",
                column: "option_id");

            migrationBuilder.CreateIndex(
                name: "ix_club_poll_votes_poll_id_angler_id",
                table: "club_poll_votes",
                columns: new[] { "poll_id", "angler_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_club_polls_closed_at_closes_at",
                table: "club_polls",
                columns: new[] { "closed_at", "closes_at" });

            migrationBuilder.CreateIndex(
                name: "ix_club_polls_tournament_id",
                table: "club_polls",
                column: "tournament_id");

            migrationBuilder.CreateIndex(
                name: "ix_club_ramps_lake_id_name",
                table: "club_ramps",
                columns: new[] { "lake_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_club_results_angler_id",
                table: "club_results",
                column: "angler_id");

            migrationBuilder.CreateIndex(
                name: "ix_club_results_tournament_id_angler_id",
                table: "club_results",
                columns: new[] { "tournament_id", "angler_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_club_team_results_angler1id",
                table: "club_team_results",
                column: "angler1id");

            migrationBuilder.CreateIndex(
                name: "ix_club_team_results_angler2id",
                table: "club_team_results",
                column: "angler2id");

            migrationBuilder.CreateIndex(
                name: "ix_club_team_results_tournament_id_angler1id",
                table: "club_team_results",
                columns: new[] { "tournament_id", "angler1id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_club_tournaments_import_id",
                table: "club_tournaments",
                column: "import_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_club_tournaments_lake_id",
                table: "club_tournaments",
                column: "lake_id");

            migrationBuilder.CreateIndex(
                name: "ix_club_tournaments_ramp_id",
                table: "club_tournaments",
                column: "ramp_id");

            migrationBuilder.CreateIndex(
                name: "ix_club_tournaments_season_status",
                table: "club_tournaments",
                columns: new[] { "season", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "club_news_posts");

            migrationBuilder.DropTable(
                name: "club_officer_terms");

            migrationBuilder.DropTable(
                name: "club_poll_votes");

            migrationBuilder.DropTable(
                name: "club_profile");

            migrationBuilder.DropTable(
                name: "club_results");

            migrationBuilder.DropTable(
                name: "club_team_results");

            migrationBuilder.DropTable(
                name: "club_officer_positions");

            migrationBuilder.DropTable(
                name: "club_poll_options");

            migrationBuilder.DropTable(
                name: "club_anglers");

            migrationBuilder.DropTable(
                name: "club_polls");

            migrationBuilder.DropTable(
                name: "club_tournaments");

            migrationBuilder.DropTable(
                name: "club_events");

            migrationBuilder.DropTable(
                name: "club_ramps");

            migrationBuilder.DropTable(
                name: "club_lakes");
        }
    }
}
