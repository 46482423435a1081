#!/usr/bin/env bash
# Adds one EF Core migration, with the same name, to both providers' migration projects. The app itself is the
# design-time host (src/Podium.Web), so the migration is generated from exactly the model the app builds,
# modules included; the provider is switched by configuration, as in production.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh MigrationName}
if [[ ! $name =~ ^[A-Z][A-Za-z0-9]+$ ]]; then
  echo "error: name the migration in PascalCase, e.g. AddClubTournaments" >&2
  exit 2
fi
dotnet tool restore >/dev/null
dotnet build src/Podium.Web -v q -nologo >/dev/null

add() { # provider project connection-string
  Podium__Database__Provider=$1 ConnectionStrings__Podium=$3 ASPNETCORE_ENVIRONMENT=Development \
    dotnet ef migrations add "$name" --no-build \
      --project "src/$2" --startup-project src/Podium.Web \
      --context PodiumDbContext --output-dir Migrations
}
# Neither command connects to a database: the strings only select and configure the provider.
add Sqlite Podium.Migrations.Sqlite "Data Source=:memory:"
add Postgres Podium.Migrations.Postgres "Host=localhost;Database=podium_design;Username=podium"
echo "Added migration $name for Sqlite and Postgres. Review both, then run the tests (they check the model has no pending changes on either)."
