#!/usr/bin/env bash
# Fights at load: the suggest endpoint (the search box's dropdown) on 10,000 fighters, and the global leaderboard's page
# and /me rank on a board of 1,000,000 members, measured with wrk on loopback; first on SQLite alone, then on
# PostgreSQL + Redis from scripts/services.sh. Prints requests/s, p50 and p99 per row. Figures: bench/README.md, "Fights".
#   bench/fights.sh [seconds-per-endpoint=10] [connections=32] [fighters=10000] [members=1000000]
# Seeding is the app's own commands: `podium fights seed-bench --fighters N`, `podium leaderboard seed fights:global
# --members N`. The leaderboard rows run only when the app serves them (the board family, the page and /me exist);
# otherwise the script says so and measures the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
connections=${2:-32}
fighters=${3:-10000}
members=${4:-1000000}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
say() { echo "bench: $*" >&2; }
source scripts/lib.sh
command -v wrk >/dev/null || apt_install wrk || exit 1

work=$(mktemp -d)
app_pid=
pg_db=
cleanup() {
  [[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  if [[ -n $pg_db ]]; then
    pg -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true
    redis-cli -h "${PODIUM_TEST_REDIS%:*}" -p "${PODIUM_TEST_REDIS##*:}" --scan --pattern "bench$$:*" 2>/dev/null \
      | xargs -r redis-cli -h "${PODIUM_TEST_REDIS%:*}" -p "${PODIUM_TEST_REDIS##*:}" DEL >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
# psql on the throwaway server's maintenance database (the services print a .NET connection string).
pg() { psql "host=$(sed -E 's/.*Host=([^;]+).*/\1/' <<<"$PODIUM_TEST_POSTGRES") port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$PODIUM_TEST_POSTGRES") user=podium dbname=postgres" "$@"; }
publish_release "$work/app"
run() { (cd "$work/app" && dotnet Podium.Web.dll "$@"); }

export ASPNETCORE_ENVIRONMENT=Production
export Podium__Email__From="Podium bench <bench@podium.test>" Podium__Email__PickupDirectory="$work/mail"
export Serilog__MinimumLevel__Default=Warning
# One client address sends everything: keep the limiters in the path (their cost is part of every request) but out of reach.
export Podium__RateLimits__Anonymous__PermitLimit=1000000 Podium__RateLimits__Anonymous__WindowSeconds=1
export Podium__RateLimits__ApiKey__PermitLimit=1000000 Podium__RateLimits__ApiKey__WindowSeconds=1
export Podium__RateLimits__User__PermitLimit=1000000 Podium__RateLimits__User__WindowSeconds=1
export Podium__ForwardedHeaders__KnownProxies__0=127.0.0.1

measure() { # label url [header] [lua-script]
  local label=$1 url=$2 header=${3:-} script=${4:-}
  local extra=(-H "X-Forwarded-Proto: https")
  [[ -n $header ]] && extra+=(-H "$header")
  [[ -n $script ]] && extra+=(-s "$script")
  wrk -t2 -c"$connections" -d2s "${extra[@]}" "$url" >/dev/null   # warm-up: JIT, pools, caches
  local out
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "${extra[@]}" "$url")
  printf '%-44s %12s %10s %10s%s\n' "$label" "$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")" \
    "$(awk '$1 == "50%" { print $2 }' <<<"$out")" "$(awk '$1 == "99%" { print $2 }' <<<"$out")" \
    "$(awk '/Non-2xx or 3xx responses:/ { print "   (" $NF " non-2xx)" }' <<<"$out")"
}

bench_store() { # label
  local port=$(( 20000 + RANDOM % 20000 ))
  export Podium__PublicUrl="http://127.0.0.1:$port"
  run db migrate >/dev/null
  run fights seed-bench --fighters "$fighters"
  local board_rows=0 api_key=
  if run leaderboard seed fights:global --members "$members" 2>"$work/board.err"; then
    board_rows=1
    echo "copper walrus fjord meadow" | run users create-admin --email bench@podium.test >/dev/null
    api_key=$(run api-keys create --owner bench@podium.test --name bench --scope fights:read)
    # The bench user has no scored prediction, so /me answers "not on the board" (a look-up, no rank count); a
    # member's rank with neighbours is timed here, server-side, through ILeaderboards on the same seeded board.
    run leaderboard measure fights:global --reads 2000 | sed 's/^/measure: /'
  else
    say "no fights:global board on this build ($(head -1 "$work/board.err")): the leaderboard rows are not run"
  fi
  (cd "$work/app" && exec dotnet Podium.Web.dll --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1) &
  app_pid=$!
  wait_until_live "http://127.0.0.1:$port" "$work/app.log" 30 || exit 1
  local base="http://127.0.0.1:$port"
  curl -s -o /dev/null -w "cold /api/v1/fights/suggest?q=ma: %{http_code} in %{time_total}s\n" -H "X-Forwarded-Proto: https" "$base/api/v1/fights/suggest?q=ma"

  echo "== $1 (load average: $(cut -d' ' -f1-3 /proc/loadavg)) =="
  printf '%-44s %12s %10s %10s\n' endpoint "requests/s" p50 p99
  measure "/health/live (yardstick)" "$base/health/live"
  measure "/api/v1/fights/suggest (varied prefixes)" "$base/api/v1/fights/suggest" "" bench/fights-suggest.lua
  measure "/api/v1/fights/search?q=ma&status=active" "$base/api/v1/fights/search?q=ma&status=active"
  if [[ $board_rows == 1 ]]; then
    local page=/fights/leaderboards?board=global
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Forwarded-Proto: https" "$base$page")
    if [[ $code == 200 ]]; then measure "$page" "$base$page"; else say "$page answers $code: not run"; fi
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Forwarded-Proto: https" -H "X-Api-Key: $api_key" "$base/api/v1/fights/leaderboards/global/me")
    if [[ $code == 200 ]]; then
      measure "/api/v1/fights/leaderboards/global/me" "$base/api/v1/fights/leaderboards/global/me" "X-Api-Key: $api_key"
    else
      say "/api/v1/fights/leaderboards/global/me answers $code for the bench user: not run"
    fi
  fi
  echo "(load average after: $(cut -d' ' -f1-3 /proc/loadavg); $connections connections, 2 threads, ${seconds}s per row, $(nproc) cores shared by client and server)"
  kill "$app_pid" && wait "$app_pid" 2>/dev/null || true
  app_pid=
}

say "SQLite alone: $fighters fighters"
export Podium__Database__Provider=Sqlite ConnectionStrings__Podium="Data Source=$work/podium.db"
bench_store "SQLite, no Redis"

say "PostgreSQL + Redis: $fighters fighters"
eval "$(scripts/services.sh start)"
pg_db="podium_bench_$$"
pg -q -c "CREATE DATABASE $pg_db"
export Podium__Database__Provider=Postgres ConnectionStrings__Podium="${PODIUM_TEST_POSTGRES/Database=podium/Database=$pg_db}"
export ConnectionStrings__Redis="$PODIUM_TEST_REDIS" Podium__Redis__KeyPrefix="bench$$:"
bench_store "PostgreSQL + Redis"
