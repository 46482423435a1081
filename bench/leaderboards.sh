#!/usr/bin/env bash
# Leaderboards at scale: seeds one board of N members in bulk (default 1,000,000), then times a random member's rank
# with 3 neighbours each side and a random page of 50 (p50/p99 over many reads, through ILeaderboards and through the
# database store alone), and a few write batches; first on SQLite alone, then on PostgreSQL + Redis from
# scripts/services.sh. Figures: bench/README.md, "Leaderboards".
#   bench/leaderboards.sh [members=1000000] [reads=10000]
# The seeding is the app's own command, so a module's board is seeded the same way for wrk runs against its endpoints:
#   podium leaderboard seed <module>:global --members 1000000   (then `podium leaderboard rebuild …` for Redis)
set -euo pipefail
cd "$(dirname "$0")/.."
members=${1:-1000000}
reads=${2:-10000}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
say() { echo "bench: $*" >&2; }

work=$(mktemp -d)
board="bench:global-$$"
prefix="bench$$:"
cleanup() {
  if [[ -n ${PODIUM_TEST_POSTGRES:-} && -d $work/app ]]; then
    # The seeded rows live in the shared throwaway database: take them out again (0 members), and the Redis copy.
    run leaderboard seed "$board" --members 0 >/dev/null 2>&1 || true
    redis-cli -h "${PODIUM_TEST_REDIS%:*}" -p "${PODIUM_TEST_REDIS##*:}" --scan --pattern "$prefix*" 2>/dev/null \
      | xargs -r redis-cli -h "${PODIUM_TEST_REDIS%:*}" -p "${PODIUM_TEST_REDIS##*:}" DEL >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
run() { (cd "$work/app" && dotnet Podium.Leaderboards.Bench.dll "$@"); }

say "publishing bench/Podium.Leaderboards.Bench (Release)"
dotnet publish bench/Podium.Leaderboards.Bench -c Release -o "$work/app" -v q -nologo >/dev/null
export ASPNETCORE_ENVIRONMENT=Production
export Podium__PublicUrl="http://127.0.0.1" Podium__Email__From="Podium bench <bench@podium.test>" Podium__Email__PickupDirectory="$work/mail"
export Serilog__MinimumLevel__Default=Warning

say "SQLite alone: $members members"
export Podium__Database__Provider=Sqlite ConnectionStrings__Podium="Data Source=$work/podium.db"
run db migrate >/dev/null
run leaderboard seed "$board" --members "$members"
run leaderboard measure "$board" --reads "$reads"

say "PostgreSQL + Redis: $members members"
eval "$(scripts/services.sh start)"
export Podium__Database__Provider=Postgres ConnectionStrings__Podium="$PODIUM_TEST_POSTGRES"
export ConnectionStrings__Redis="$PODIUM_TEST_REDIS" Podium__Redis__KeyPrefix="$prefix" Podium__Redis__RequestTimeoutMs=1000
run db migrate >/dev/null
run leaderboard seed "$board" --members "$members"
run leaderboard measure "$board" --reads "$reads"
