#!/usr/bin/env bash
# Fights at load: the suggest endpoint (the search box's dropdown) on 10,000 fighters, and the global leaderboard's page,
# its API page and a real member's /me (rank with neighbours) on a board of 1,000,000 members, measured with wrk on
# loopback; first on SQLite alone, then on PostgreSQL + Redis from scripts/services.sh. Prints requests/s, p50, p99 and
# the ratio to /health/live of the same run per row, then one table of both stores. Figures: bench/README.md, "Fights".
#   bench/fights.sh [seconds-per-endpoint=10] [connections=32] [fighters=10000] [members=1000000]
#   bench/fights.sh 3 16 1000 20000      # a quick end-to-end check of the script (a minute or two per store)
# Seeding is the app's own commands: `podium fights seed-bench --fighters N`, `podium leaderboard seed fights:global
# --members N --member bench@podium.test` (the bench account, placed mid-board, so /me reads a rank with neighbours).
# The leaderboard rows run only when the app serves them (the board family, the page and /me exist); otherwise the
# script says so and measures the rest.
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

summary="$work/summary.tsv"
measure() { # label url [header] [lua-script [lua-argument]]
  local label=$1 url=$2 header=${3:-} script=${4:-} script_arg=${5:-}
  local extra=(-H "X-Forwarded-Proto: https")
  [[ -n $header ]] && extra+=(-H "$header")
  [[ -n $script ]] && extra+=(-s "$script")
  local after=()
  [[ -n $script_arg ]] && after=(-- "$script_arg")
  wrk -t2 -c"$connections" -d2s "${extra[@]}" "$url" "${after[@]}" >/dev/null   # warm-up: JIT, pools, caches
  local out rps p50 p99 errors ratio
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "${extra[@]}" "$url" "${after[@]}")
  rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  errors=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")
  [[ -z ${yardstick:-} ]] && yardstick=$rps
  ratio=$(awk -v a="$rps" -v b="$yardstick" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "-" }')
  printf '%-66s %12s %10s %10s %8s%s\n' "$label" "$rps" "${p50:--}" "${p99:--}" "$ratio" "${errors:+   ($errors non-2xx)}"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$store" "$label" "$rps" "${p50:--}" "${p99:--}" "$ratio" "${errors:-0}" >>"$summary"
}

bench_store() { # label
  store=$1
  yardstick=
  local port=$(( 20000 + RANDOM % 20000 ))
  export Podium__PublicUrl="http://127.0.0.1:$port"
  run db migrate >/dev/null
  run fights seed-bench --fighters "$fighters"
  local board_rows=0 api_key=
  # The bench account first, so the board can be seeded with it on: /me then counts a real rank with neighbours.
  echo "copper walrus fjord meadow" | run users create-admin --email bench@podium.test >/dev/null
  api_key=$(run api-keys create --owner bench@podium.test --name bench --scope fights:read)
  if run leaderboard seed fights:global --members "$members" --member bench@podium.test 2>"$work/board.err"; then
    board_rows=1
  else
    say "no fights:global board on this build ($(head -1 "$work/board.err")): the leaderboard rows are not run"
  fi
  (cd "$work/app" && exec dotnet Podium.Web.dll --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1) &
  app_pid=$!
  wait_until_live "http://127.0.0.1:$port" "$work/app.log" 30 || exit 1
  local base="http://127.0.0.1:$port"
  curl -s -o /dev/null -w "cold /api/v1/fights/suggest?q=ma: %{http_code} in %{time_total}s\n" -H "X-Forwarded-Proto: https" "$base/api/v1/fights/suggest?q=ma"

  echo "== $1 (load average: $(cut -d' ' -f1-3 /proc/loadavg)) =="
  printf '%-66s %12s %10s %10s %8s\n' endpoint "requests/s" p50 p99 "÷ live"
  measure "/health/live (yardstick)" "$base/health/live"
  measure "/api/v1/fights/suggest (varied prefixes)" "$base/api/v1/fights/suggest" "" bench/fights-suggest.lua
  measure "/api/v1/fights/suggest (1 letter, varied)" "$base/api/v1/fights/suggest" "" bench/fights-suggest.lua 1
  measure "/api/v1/fights/suggest (2 letters, varied)" "$base/api/v1/fights/suggest" "" bench/fights-suggest.lua 2
  measure "/api/v1/fights/search?q=ma&status=active" "$base/api/v1/fights/search?q=ma&status=active"
  if [[ $board_rows == 1 ]]; then
    local page=/fights/leaderboards?board=global code
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Forwarded-Proto: https" "$base$page")
    if [[ $code == 200 ]]; then measure "$page" "$base$page"; else say "$page answers $code: not run"; fi
    measure "/api/v1/fights/leaderboards/global (page 1)" "$base/api/v1/fights/leaderboards/global?page=1&pageSize=25"
    local me=/api/v1/fights/leaderboards/global/me
    if curl -s -H "X-Forwarded-Proto: https" -H "X-Api-Key: $api_key" "$base$me" | grep -q '"rank"'; then
      measure "$me (API key, rank + neighbours)" "$base$me" "X-Api-Key: $api_key"
    else
      say "$me does not answer a rank for the bench account: not run"
    fi
  fi
  echo "(load average after: $(cut -d' ' -f1-3 /proc/loadavg); $connections connections, 2 threads, ${seconds}s per row, $(nproc) cores shared by client and server)"
  kill "$app_pid" && wait "$app_pid" 2>/dev/null || true
  app_pid=
  if [[ $board_rows == 1 ]]; then
    # Server-side timings of the same board through ILeaderboards, after the HTTP rows: its write batches at the end
    # move members (and make the Redis copy rebuild), which must not happen under the rows above.
    run leaderboard measure fights:global --reads 2000 | sed 's/^/measure: /'
  fi
}

say "SQLite alone: $fighters fighters, $members members"
export Podium__Database__Provider=Sqlite ConnectionStrings__Podium="Data Source=$work/podium.db"
bench_store "SQLite, no Redis"

say "PostgreSQL + Redis: $fighters fighters, $members members"
eval "$(scripts/services.sh start)"
pg_db="podium_bench_$$"
pg -q -c "CREATE DATABASE $pg_db"
export Podium__Database__Provider=Postgres ConnectionStrings__Podium="${PODIUM_TEST_POSTGRES/Database=podium/Database=$pg_db}"
export ConnectionStrings__Redis="$PODIUM_TEST_REDIS" Podium__Redis__KeyPrefix="bench$$:"
bench_store "PostgreSQL + Redis"

echo
echo "== summary: $fighters fighters, $members members; $connections connections, ${seconds}s per row; ÷ live = requests/s over /health/live of the same store's run =="
awk -F'\t' '
  { key = $2; if (!(key in seen)) { seen[key] = 1; order[++n] = key } cell[$1, key] = sprintf("%10s %9s %6s", $3, $5, $6); if ($7 != 0) cell[$1, key] = cell[$1, key] " (" $7 " non-2xx)"; stores[$1] = 1 }
  END {
    printf "%-66s | %-27s | %-27s\n", "endpoint", "SQLite: req/s  p99  ÷live", "PostgreSQL + Redis: req/s  p99  ÷live"
    for (i = 1; i <= n; i++) printf "%-66s | %-27s | %-27s\n", order[i], cell["SQLite, no Redis", order[i]], cell["PostgreSQL + Redis", order[i]]
  }' "$summary"
