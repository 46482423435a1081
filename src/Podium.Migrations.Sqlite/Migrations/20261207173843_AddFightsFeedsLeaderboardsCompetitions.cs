using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Podium.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddFightsFeedsLeaderboardsCompetitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "fights_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    slug = table.Column<string>(type: "TEXT", maxLength: 88, nullable: false),
                    organisation = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    starts_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    venue = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    city = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    country = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    provenance = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fights_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "fights_fighters",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    nickname = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    slug = table.Column<string>(type: "TEXT", maxLength: 88, nullable: false),
                    date_of_birth = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    country = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    weight_class = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    stance = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    height_cm = table.Column<int>(type: "INTEGER", nullable: true),
                    reach_cm = table.Column<int>(type: "INTEGER", nullable: true),
                    team = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    style = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    wins = table.Column<int>(type: "INTEGER", nullable: false),
                    losses = table.Column<int>(type: "INTEGER", nullable: false),
                    draws = table.Column<int>(type: "INTEGER", nullable: false),
                    no_contests = table.Column<int>(type: "INTEGER", nullable: false),
                    strikes_landed_per_minute = table.Column<double>(type: "REAL", nullable: true),
                    strikes_absorbed_per_minute = table.Column<double>(type: "REAL", nullable: true),
                    striking_accuracy = table.Column<double>(type: "REAL", nullable: true),
                    striking_defence = table.Column<double>(type: "REAL", nullable: true),
                    takedown_average = table.Column<double>(type: "REAL", nullable: true),
                    takedown_accuracy = table.Column<double>(type: "REAL", nullable: true),
                    takedown_defence = table.Column<double>(type: "REAL", nullable: true),
                    submission_average = table.Column<double>(type: "REAL", nullable: true),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    provenance = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fights_fighters", x => x.id);
                    table.CheckConstraint("ck_fights_fighters_record", "wins >= 0 AND losses >= 0 AND draws >= 0 AND no_contests >= 0");
                });

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

            migrationBuilder.CreateTable(
                name: "fights_bouts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    event_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order = table.Column<int>(type: "INTEGER", nullable: false),
                    weight_class = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    scheduled_rounds = table.Column<int>(type: "INTEGER", nullable: false),
                    title_fight = table.Column<bool>(type: "INTEGER", nullable: false),
                    fighter_a_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    fighter_b_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    starts_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    round = table.Column<int>(type: "INTEGER", nullable: true),
                    time_seconds = table.Column<int>(type: "INTEGER", nullable: true),
                    result_recorded_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    provenance = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fights_bouts", x => x.id);
                    table.CheckConstraint("ck_fights_bouts_fighters", "fighter_a_id <> fighter_b_id");
                    table.CheckConstraint("ck_fights_bouts_rounds", "scheduled_rounds BETWEEN 1 AND 5 AND (round IS NULL OR round BETWEEN 1 AND scheduled_rounds)");
                    table.ForeignKey(
                        name: "fk_fights_bouts_fight_event_event_id",
                        column: x => x.event_id,
                        principalTable: "fights_events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_fights_bouts_fighter_fighter_a_id",
                        column: x => x.fighter_a_id,
                        principalTable: "fights_fighters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_fights_bouts_fighter_fighter_b_id",
                        column: x => x.fighter_b_id,
                        principalTable: "fights_fighters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fights_favourites",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    fighter_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fights_favourites", x => new { x.user_id, x.fighter_id });
                    table.ForeignKey(
                        name: "fk_fights_favourites_fighter_fighter_id",
                        column: x => x.fighter_id,
                        principalTable: "fights_fighters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_fights_favourites_platform_users_user_id",
                        column: x => x.user_id,
                        principalTable: "platform_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "fights_fighter_external_ids",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    fighter_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fights_fighter_external_ids", x => x.id);
                    table.ForeignKey(
                        name: "fk_fights_fighter_external_ids_fights_fighters_fighter_id",
                        column: x => x.fighter_id,
                        principalTable: "fights_fighters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
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

            migrationBuilder.CreateTable(
                name: "fights_odds",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    bout_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    taken_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    moneyline_a = table.Column<int>(type: "INTEGER", nullable: false),
                    moneyline_b = table.Column<int>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    provenance = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fights_odds", x => x.id);
                    table.ForeignKey(
                        name: "fk_fights_odds_fights_bouts_bout_id",
                        column: x => x.bout_id,
                        principalTable: "fights_bouts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "fights_predictions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    bout_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    winner = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    round = table.Column<int>(type: "INTEGER", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    points = table.Column<int>(type: "INTEGER", nullable: true),
                    correct_winner = table.Column<bool>(type: "INTEGER", nullable: true),
                    scored_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fights_predictions", x => x.id);
                    table.CheckConstraint("ck_fights_predictions_round", "round IS NULL OR round BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "fk_fights_predictions_fights_bouts_bout_id",
                        column: x => x.bout_id,
                        principalTable: "fights_bouts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_fights_predictions_platform_users_user_id",
                        column: x => x.user_id,
                        principalTable: "platform_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_fights_bouts_event_id_order",
                table: "fights_bouts",
                columns: new[] { "event_id", "order" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fights_bouts_fighter_a_id",
                table: "fights_bouts",
                column: "fighter_a_id");

            migrationBuilder.CreateIndex(
                name: "ix_fights_bouts_fighter_b_id",
                table: "fights_bouts",
                column: "fighter_b_id");

            migrationBuilder.CreateIndex(
                name: "ix_fights_bouts_source_external_id",
                table: "fights_bouts",
                columns: new[] { "source", "external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fights_events_slug",
                table: "fights_events",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fights_events_source_external_id",
                table: "fights_events",
                columns: new[] { "source", "external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fights_events_starts_at",
                table: "fights_events",
                column: "starts_at");

            migrationBuilder.CreateIndex(
                name: "ix_fights_favourites_fighter_id",
                table: "fights_favourites",
                column: "fighter_id");

            migrationBuilder.CreateIndex(
                name: "ix_fights_fighter_external_ids_fighter_id",
                table: "fights_fighter_external_ids",
                column: "fighter_id");

            migrationBuilder.CreateIndex(
                name: "ix_fights_fighter_external_ids_source_external_id",
                table: "fights_fighter_external_ids",
                columns: new[] { "source", "external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fights_fighters_name",
                table: "fights_fighters",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_fights_fighters_slug",
                table: "fights_fighters",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fights_fighters_weight_class_name",
                table: "fights_fighters",
                columns: new[] { "weight_class", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_fights_odds_bout_id_taken_at",
                table: "fights_odds",
                columns: new[] { "bout_id", "taken_at" });

            migrationBuilder.CreateIndex(
                name: "ix_fights_predictions_bout_id_user_id",
                table: "fights_predictions",
                columns: new[] { "bout_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fights_predictions_user_id_created_at",
                table: "fights_predictions",
                columns: new[] { "user_id", "created_at" });

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
                name: "fights_favourites");

            migrationBuilder.DropTable(
                name: "fights_fighter_external_ids");

            migrationBuilder.DropTable(
                name: "fights_odds");

            migrationBuilder.DropTable(
                name: "fights_predictions");

            migrationBuilder.DropTable(
                name: "platform_competition_group_members");

            migrationBuilder.DropTable(
                name: "platform_competition_scores");

            migrationBuilder.DropTable(
                name: "platform_feed_runs");

            migrationBuilder.DropTable(
                name: "platform_feed_snapshots");

            migrationBuilder.DropTable(
                name: "platform_feed_sources");

            migrationBuilder.DropTable(
                name: "platform_leaderboard_buckets");

            migrationBuilder.DropTable(
                name: "platform_leaderboard_entries");

            migrationBuilder.DropTable(
                name: "platform_leaderboards");

            migrationBuilder.DropTable(
                name: "fights_bouts");

            migrationBuilder.DropTable(
                name: "platform_competition_groups");

            migrationBuilder.DropTable(
                name: "fights_events");

            migrationBuilder.DropTable(
                name: "fights_fighters");
        }
    }
}
