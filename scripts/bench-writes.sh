#!/usr/bin/env bash
# Write latency while Redis fails: one Podium instance in Production on PostgreSQL + Redis (scripts/services.sh),
# driven by wrk with result PUTs (PUT /api/v1/club/tournaments/{t}/results/{a}, an officer's API key) at a fixed
# concurrency, in four phases on the same running instance:
#   up       Redis answering
#   stopped  Redis shut down (connections refused)
#   frozen   Redis SIGSTOPped: connections open, nothing answers (the client sees only silence)
#   back     Redis started again
# Prints requests/s, p50 and p99 (ms) and non-2xx per phase, and the p99 of each outage minus the p99 with Redis up
# (issue 16's acceptance: at most 50 ms).
#   scripts/bench-writes.sh [seconds-per-phase=15] [connections=8]
#   BENCH_APP_DIR=dir scripts/bench-writes.sh …   use an already published app (e.g. another commit's) instead of
#                                                 publishing this checkout
# Uses the worktree's own services (started if needed; the Redis it stops and freezes is that one, always resumed).
# Client and server share this machine's cores: compare the phases of one run, not runs of different machines.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
seconds=${1:-15}
connections=${2:-8}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
say() { echo "bench-writes: $*" >&2; }
source scripts/lib.sh
command -v wrk >/dev/null || apt_install wrk || exit 1
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

services=${PODIUM_SERVICES_DIR:-${TMPDIR:-/tmp}/podium-services-$(printf '%s' "$repo" | md5sum | cut -c1-10)}
redis_pid_file=$services/redis/redis.pid
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

work=$(mktemp -d)
app_pid=
database_made=no
cleanup() {
  local status=$?
  # Redis is left running and answering, whatever happened.
  if [[ -f $redis_pid_file ]] && kill -0 "$(cat "$redis_pid_file")" 2>/dev/null; then
    kill -CONT "$(cat "$redis_pid_file")" 2>/dev/null || true
  elif [[ -n ${PODIUM_TEST_REDIS:-} ]]; then
    start_redis || true
  fi
  if [[ -n $app_pid ]]; then kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true; fi
  # Kept for a look at the non-2xx of a run.
  [[ -f $work/app.log ]] && cp "$work/app.log" "${TMPDIR:-/tmp}/bench-writes-app.log" || true
  if [[ $database_made == yes ]]; then psql_bench podium "DROP DATABASE IF EXISTS podium_bench_writes WITH (FORCE)" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psql_bench() { # database sql
  local host port
  host=$(sed -E 's/.*Host=([^;]+).*/\1/' <<<"$PODIUM_TEST_POSTGRES"); port=$(sed -E 's/.*Port=([^;]+).*/\1/' <<<"$PODIUM_TEST_POSTGRES")
  "$pg_bin/psql" "host=$host port=$port user=podium dbname=$1" -qAt -v ON_ERROR_STOP=1 -c "$2"
}

start_redis() {
  local port=${PODIUM_TEST_REDIS##*:}
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$redis_pid_file" --logfile "$services/redis/redis.log" --dir "$services/redis" >/dev/null
  for _ in $(seq 50); do port_in_use "$port" && break; sleep 0.1; done
  port_in_use "$port" || { say "redis did not come back on $port"; return 1; }
  # Another process may have taken the port while Redis was down (a test's own Redis on a free port): then the app
  # would talk to that server, and the phases would measure nothing of ours.
  [[ -f $redis_pid_file ]] || { say "port $port was taken by another process while Redis was stopped; see $services/redis/redis.log"; return 1; }
}

stop_redis() {
  local pid; pid=$(cat "$redis_pid_file")
  kill "$pid"
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  say "redis did not stop"; return 1
}

eval "$(scripts/services.sh start 2>/dev/null)"
if [[ -n ${BENCH_APP_DIR:-} ]]; then
  app_dir=$BENCH_APP_DIR
else
  publish_release "$work/app"
  app_dir=$work/app
fi

psql_bench podium "DROP DATABASE IF EXISTS podium_bench_writes WITH (FORCE)" >/dev/null
psql_bench podium "CREATE DATABASE podium_bench_writes" >/dev/null
database_made=yes
port=$(( 20000 + RANDOM % 20000 ))
export ASPNETCORE_ENVIRONMENT=Production
export Podium__Database__Provider=Postgres
export ConnectionStrings__Podium="${PODIUM_TEST_POSTGRES/Database=podium/Database=podium_bench_writes}"
export ConnectionStrings__Redis="$PODIUM_TEST_REDIS" Podium__Redis__KeyPrefix="benchw$$:"
export Podium__PublicUrl="http://127.0.0.1:$port"
export Podium__Email__From="Podium bench <bench@podium.test>"
export Podium__Email__PickupDirectory="$work/mail"
export Podium__ForwardedHeaders__KnownProxies__0=127.0.0.1
# One key sends everything: its limit stays in the path (its Redis round trip is part of what is measured) but out of reach.
export Podium__RateLimits__ApiKey__PermitLimit=1000000 Podium__RateLimits__ApiKey__WindowSeconds=1
export Podium__RateLimits__Anonymous__PermitLimit=1000000 Podium__RateLimits__Anonymous__WindowSeconds=1
app() { (cd "$app_dir" && dotnet Podium.Web.dll "$@" 2>>"$work/cli.log") || { cat "$work/cli.log" >&2; return 1; }; }
app db migrate >/dev/null

# A club of 40 anglers and 8 tournaments of last season (imported, so completed: results may still be corrected), and an
# officer (this season's Tournament Director) whose key writes. Writes to one tournament serialize on its row, so the
# PUTs go round the tournaments.
season=$(( $(date -u +%Y) - 1 ))
csv=$work/csv
mkdir -p "$csv"
{
  echo "name,email,member"
  echo "Bench Officer,officer@bench.test,true"
  for k in $(seq 40); do echo "Angler $k,angler$k@bench.test,true"; done
} >"$csv/anglers.csv"
printf 'lake,ramp\nBench Lake,\n' >"$csv/lakes.csv"
{
  echo "id,name,date,lake,ramp,aoy"
  for j in $(seq 8); do echo "bench-t$j,Bench Open $j,$season-0$j-15,Bench Lake,,true"; done
} >"$csv/tournaments.csv"
app club import --dir "$csv" >/dev/null
echo "copper walrus fjord meadow" | app users create-admin --email officer@bench.test --name "Bench Officer" >/dev/null
psql_bench podium_bench_writes "INSERT INTO club_officer_terms (season, position_id, angler_id)
  SELECT y, p.id, a.id FROM generate_series($season, $season + 2) y, club_officer_positions p, club_anglers a
  WHERE p.name = 'Tournament Director' AND a.email = 'officer@bench.test'" >/dev/null
api_key=$(app api-keys create --owner officer@bench.test --name bench-writes --scope club:results:write | tail -n 1)

# wrk's script: every request a PUT of another (tournament, angler) bag, with a weight that changes, so each one is a
# real write (rescore, audit, outbox message, cache invalidation) and none is answered from a replay.
psql_bench podium_bench_writes "SELECT t.id || ' ' || a.id FROM club_tournaments t CROSS JOIN club_anglers a
  WHERE a.email LIKE 'angler%@bench.test' ORDER BY a.email, t.id" >"$work/pairs"
{
  echo 'local pairs = {}'
  while read -r t a; do echo "pairs[#pairs + 1] = { \"$t\", \"$a\" }"; done <"$work/pairs"
  cat <<'LUA'
local n = 0
wrk.method = "PUT"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Forwarded-Proto"] = "https"
request = function()
  n = n + 1
  local p = pairs[(n % #pairs) + 1]
  local body = string.format('{"fish":5,"totalWeight":%d,"bigBass":300}', 1000 + (n % 997))
  return wrk.format(nil, "/api/v1/club/tournaments/" .. p[1] .. "/results/" .. p[2], nil, body)
end
LUA
} >"$work/put.lua"

(cd "$app_dir" && exec dotnet Podium.Web.dll --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1) &
app_pid=$!
wait_until_live "http://127.0.0.1:$port" "$work/app.log" 60 || exit 1
url="http://127.0.0.1:$port"
read -r first_t first_a <"$work/pairs"
code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "X-Api-Key: $api_key" -H "X-Forwarded-Proto: https" -H 'Content-Type: application/json' \
  -d '{"fish":1,"totalWeight":100}' "$url/api/v1/club/tournaments/$first_t/results/$first_a")
[[ $code == 200 ]] || { say "a first PUT answered $code"; cat "$work/app.log" >&2; exit 1; }

# wrk's latency lines are like 1.23ms, 456.78us or 1.02s: in milliseconds.
ms() { awk -v v="$1" 'BEGIN { u = v; sub(/[0-9.]+/, "", u); x = v + 0; if (u == "us") x /= 1000; else if (u == "s") x *= 1000; else if (u == "m") x *= 60000; printf "%.1f", x }'; }
# Until the instance says Redis answers (its reconnect backs off up to 5 s): a freeze must find it connected, or the
# frozen phase would measure a client that had not reconnected yet, i.e. Redis stopped again.
redis_healthy() {
  for _ in $(seq 150); do
    curl -s "$url/health/ready" | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(0 if any(c["name"]=="redis" and c["status"]=="Healthy" for c in d["checks"]) else 1)' 2>/dev/null && return 0
    sleep 0.2
  done
  say "the instance did not reconnect to Redis within 30 s"; return 1
}

declare -A p99
run_phase() { # name
  local out rps p50 p99v errors
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/put.lua" -H "X-Api-Key: $api_key" "$url")
  rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  p50=$(ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
  p99v=$(ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
  errors=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")
  p99[$1]=$p99v
  printf '%-10s %12s %10s %10s %10s\n' "$1" "$rps" "$p50" "$p99v" "${errors:-0}"
}

redis_healthy
say "warming up (JIT, pools, caches)"
wrk -t2 -c"$connections" -d3s -s "$work/put.lua" -H "X-Api-Key: $api_key" "$url" >/dev/null
printf '%-10s %12s %10s %10s %10s\n' "Redis" "requests/s" "p50 ms" "p99 ms" "non-2xx"
run_phase up
stop_redis
run_phase stopped
start_redis
redis_healthy
kill -STOP "$(cat "$redis_pid_file")"
run_phase frozen
kill -CONT "$(cat "$redis_pid_file")"
redis_healthy
run_phase back
for phase in stopped frozen back; do
  awk -v p="$phase" -v a="${p99[$phase]}" -v b="${p99[up]}" 'BEGIN { printf "p99 %s - p99 up: %+.1f ms\n", p, a - b }'
done
echo "($connections connections, 2 threads, ${seconds}s per phase, Production, PostgreSQL + Redis, one instance, $(nproc) cores shared by client and server)"
