using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Podium.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddApiAccess : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_service_account",
                table: "platform_users",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "platform_api_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    scopes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    allowed_networks = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    requires_signature = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_used_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_used_ip = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_api_keys", x => x.id);
                    table.ForeignKey(
                        name: "fk_platform_api_keys_asp_net_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "platform_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "platform_jwt_signing_keys",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    activates_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    retires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    protected_key = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_jwt_signing_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_refresh_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    family_id = table.Column<Guid>(type: "uuid", nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    scopes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    second_factor = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    used_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_refresh_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_platform_refresh_tokens_platform_users_user_id",
                        column: x => x.user_id,
                        principalTable: "platform_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "platform_api_key_secrets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    api_key_id = table.Column<Guid>(type: "uuid", nullable: false),
                    prefix = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_api_key_secrets", x => x.id);
                    table.ForeignKey(
                        name: "fk_platform_api_key_secrets_platform_api_keys_api_key_id",
                        column: x => x.api_key_id,
                        principalTable: "platform_api_keys",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_platform_api_key_secrets_api_key_id",
                table: "platform_api_key_secrets",
                column: "api_key_id");

            migrationBuilder.CreateIndex(
                name: "ix_platform_api_key_secrets_prefix",
                table: "platform_api_key_secrets",
                column: "prefix",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_platform_api_keys_owner_id",
                table: "platform_api_keys",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_platform_refresh_tokens_family_id",
                table: "platform_refresh_tokens",
                column: "family_id");

            migrationBuilder.CreateIndex(
                name: "ix_platform_refresh_tokens_token_hash",
                table: "platform_refresh_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_platform_refresh_tokens_user_id_revoked_at",
                table: "platform_refresh_tokens",
                columns: new[] { "user_id", "revoked_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_api_key_secrets");

            migrationBuilder.DropTable(
                name: "platform_jwt_signing_keys");

            migrationBuilder.DropTable(
                name: "platform_refresh_tokens");

            migrationBuilder.DropTable(
                name: "platform_api_keys");

            migrationBuilder.DropColumn(
                name: "is_service_account",
                table: "platform_users");
        }
    }
}
