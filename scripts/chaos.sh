#!/usr/bin/env bash
# The write path under faults (issue 16): two Podium instances on one PostgreSQL and one Redis (scripts/services.sh),
# a bounded stream of result writes through the API with client retries, and during it: instance A killed with
# `kill -9` and restarted, PostgreSQL restarted (`pg_ctl restart -m fast`), Redis stopped for a while.
#   scripts/chaos.sh [--writes N] [--redis-down SECONDS] [--parallel P] [--no-publish]   (defaults: 2000 writes, 30 s, 4)
# --no-publish runs src/Podium.Web and the driver as `dotnet build Podium.slnx` (Debug) left them, instead of publishing
# Release: what scripts/test.sh does in CI, right after building the solution, to stay within its time.
# Publishes Release once, makes a club of its own (database podium_chaos: enough anglers × tournaments for N distinct
# results, imported with `podium club import`) and an officer's API key, starts A and B on loopback ports and runs the
# driver (bench/Podium.Chaos), which sends the writes (a fresh Idempotency-Key each, retried with the same key on the
# other instance after a connection error, 5xx or 409 in progress) and reads (results, standings API and page), sets
# off the faults at 20 %, 40 % and 60 % of the stream, then checks the rows, audit trail and outbox and the instances'
# logs. Prints the report; exits non-zero on any lost or doubled write or side effect, any 5xx, any failure other than
# the killed instance's own connection failures. Stops everything it started, on Ctrl-C too.
# (`scripts/chaos.sh __fault NAME` is the driver's way back in to set off a fault; not for use by hand.)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
say() { echo "chaos: $*" >&2; }
source scripts/lib.sh
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p=$1; while port_in_use "$p"; do p=$((p + 1)); done; echo "$p"; }
running() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Where scripts/services.sh keeps its PostgreSQL and Redis (the same formula): the faults act on those very servers.
services=${PODIUM_SERVICES_DIR:-${TMPDIR:-/tmp}/podium-services-$(printf '%s' "$repo" | md5sum | cut -c1-10)}
pgdata=$services/pg/data
pglog=$services/pg/postgres.log
redis_pid=$services/redis/redis.pid
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_instance() { # name port
  local name=$1 port=$2
  (cd "$CHAOS_STATE/app" && exec env ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet Podium.Web.dll >>"$CHAOS_STATE/$name.log" 2>&1 </dev/null) &
  echo $! >"$CHAOS_STATE/$name.pid"
  disown $! 2>/dev/null || true # its kill -9 is the point, not news
  wait_until_live "http://127.0.0.1:$port" "$CHAOS_STATE/$name.log" 60
}

start_redis() {
  local port=${PODIUM_TEST_REDIS##*:}
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$redis_pid" --logfile "$services/redis/redis.log" --dir "$services/redis" >/dev/null
  for _ in $(seq 50); do port_in_use "$port" && break; sleep 0.1; done
  port_in_use "$port" || { say "redis did not come back on $port"; return 1; }
  rm -f "$CHAOS_STATE/redis-stopped"
}

# The faults, run by the driver at its chosen points of the stream (it times them; it sends A's kill -9 itself, to
# know its moment exactly).
fault() {
  case $1 in
    start-a) start_instance a "$CHAOS_PORT_A" ;;
    restart-postgres) as_pg "$pg_bin/pg_ctl" -D "$pgdata" -l "$pglog" -m fast -w -t 60 restart >/dev/null ;;
    stop-redis)
      local pid; pid=$(cat "$redis_pid")
      touch "$CHAOS_STATE/redis-stopped"
      kill "$pid"
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done ;;
    start-redis) start_redis ;;
    *) echo "unknown fault $1" >&2; return 2 ;;
  esac
}

if [[ ${1:-} == __fault ]]; then
  fault "$2"
  exit
fi

# All of it in one function, read whole before it runs: bash reads a script as it goes, and an edit of this file during
# a run would otherwise change the rest of that run.
main() {
writes=2000 redis_down=30 parallel=4 publish=yes
while (($#)); do
  case $1 in
    --no-publish) publish=no; shift ;;
    --writes) writes=$2; shift 2 ;;
    --redis-down) redis_down=$2; shift 2 ;;
    --parallel) parallel=$2; shift 2 ;;
    *) echo "usage: scripts/chaos.sh [--writes N] [--redis-down SECONDS] [--parallel P] [--no-publish]" >&2; exit 2 ;;
  esac
done
[[ $writes =~ ^[0-9]+$ && $writes -ge 10 && $redis_down =~ ^[0-9]+$ && $parallel =~ ^[0-9]+$ && $parallel -ge 1 ]] ||
  { say "--writes is a number ≥ 10, --redis-down and --parallel numbers"; exit 2; }

export CHAOS_STATE
CHAOS_STATE=$(mktemp -d "${TMPDIR:-/tmp}/podium-chaos.XXXXXX")
started_services=no
database_made=no
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for name in a b; do
    if running "$CHAOS_STATE/$name.pid"; then
      local pid; pid=$(cat "$CHAOS_STATE/$name.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  # Interrupted mid-outage: the services are left as they were found, Redis running.
  if [[ -f $CHAOS_STATE/redis-stopped ]] && ! running "$redis_pid"; then start_redis || true; fi
  if [[ $database_made == yes ]]; then
    for _ in $(seq 20); do psql_chaos postgres "DROP DATABASE IF EXISTS podium_chaos WITH (FORCE)" >/dev/null 2>&1 && break; sleep 0.5; done
  fi
  [[ $started_services == yes ]] && scripts/services.sh stop >/dev/null 2>&1
  rm -rf "$CHAOS_STATE"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psql_chaos() { # database sql
  local host port
  host=$(sed -E 's/.*Host=([^;]+).*/\1/' <<<"$PODIUM_TEST_POSTGRES"); port=$(sed -E 's/.*Port=([^;]+).*/\1/' <<<"$PODIUM_TEST_POSTGRES")
  PGOPTIONS='-c client_min_messages=warning' "$pg_bin/psql" "host=$host port=$port user=podium dbname=$1" -qAt -v ON_ERROR_STOP=1 -c "$2"
}

scripts/services.sh status >/dev/null 2>&1 || started_services=yes
eval "$(scripts/services.sh start 2>/dev/null)"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
running "$redis_pid" || { say "no Redis pid file at $redis_pid"; exit 1; }

if [[ $publish == yes ]]; then
  publish_release "$CHAOS_STATE/app"
  say "building the driver (bench/Podium.Chaos)"
  dotnet build bench/Podium.Chaos -c Release -o "$CHAOS_STATE/driver" -nologo -v q -clp:ErrorsOnly >/dev/null
else
  for built in src/Podium.Web/bin/Debug/net10.0/Podium.Web.dll bench/Podium.Chaos/bin/Debug/net10.0/Podium.Chaos.dll; do
    [[ -f $built ]] || { say "--no-publish: $built is missing; build first (dotnet build Podium.slnx)"; exit 1; }
  done
  ln -s "$repo/src/Podium.Web/bin/Debug/net10.0" "$CHAOS_STATE/app"
  ln -s "$repo/bench/Podium.Chaos/bin/Debug/net10.0" "$CHAOS_STATE/driver"
fi

psql_chaos podium "DROP DATABASE IF EXISTS podium_chaos WITH (FORCE)" >/dev/null
psql_chaos podium "CREATE DATABASE podium_chaos" >/dev/null
database_made=yes

CHAOS_PORT_A=$(free_port 18181); CHAOS_PORT_B=$(free_port $((CHAOS_PORT_A + 1)))
export CHAOS_PORT_A CHAOS_PORT_B
export ASPNETCORE_ENVIRONMENT=Production
export Podium__Database__Provider=Postgres
export ConnectionStrings__Podium="${PODIUM_TEST_POSTGRES/Database=podium/Database=podium_chaos}"
export ConnectionStrings__Redis="$PODIUM_TEST_REDIS"
export Podium__Redis__KeyPrefix="chaos$$:"
export Podium__PublicUrl="http://127.0.0.1:$CHAOS_PORT_A"
export Podium__Email__From="Podium chaos <chaos@podium.test>"
export Podium__Email__PickupDirectory="$CHAOS_STATE/mail"
export Podium__ForwardedHeaders__KnownProxies__0=127.0.0.1
# One client address and one key send everything: limits stay in the path (their cost is part of each request) but out of reach.
export Podium__RateLimits__Anonymous__PermitLimit=1000000 Podium__RateLimits__Anonymous__WindowSeconds=1
export Podium__RateLimits__ApiKey__PermitLimit=1000000 Podium__RateLimits__ApiKey__WindowSeconds=1
# A write killed in flight holds its Idempotency-Key for the lease; the retry takes it over after that. The default
# (2 min, above HttpClient's 100 s timeout) would stall the stream; the driver's attempts time out at 20 s.
export Podium__Idempotency__InFlightLease=00:00:30

# The CLI's own log lines (EF's first look for a migrations table that is not there yet) go to a file, shown on failure.
app() { (cd "$CHAOS_STATE/app" && dotnet Podium.Web.dll "$@" 2>>"$CHAOS_STATE/cli.log") || { cat "$CHAOS_STATE/cli.log" >&2; return 1; }; }
app db migrate >/dev/null

# The club: √N anglers × N/√N tournaments of last season (imported tournaments are completed; results may still be
# corrected), and an officer (this season's Tournament Director) whose key writes the results.
season=$(( $(date -u +%Y) - 1 ))
anglers=$(awk -v n="$writes" 'BEGIN { a = int(sqrt(n)); if (a * a < n) a++; print a }')
tournaments=$(( (writes + anglers - 1) / anglers ))
csv=$CHAOS_STATE/csv
mkdir -p "$csv"
{
  echo "name,email,member"
  echo "Chaos Officer,officer@chaos.test,true"
  for k in $(seq "$anglers"); do echo "Angler $k,angler$k@chaos.test,true"; done
} >"$csv/anglers.csv"
printf 'lake,ramp\nChaos Lake,\n' >"$csv/lakes.csv"
{
  echo "id,name,date,lake,ramp,aoy"
  echo "chaos-warmup,Chaos Warm-up,$season-12-31,Chaos Lake,,false"
  for j in $(seq "$tournaments"); do
    days=$(( j * 360 / tournaments - 360 / tournaments ))
    echo "chaos-t$j,Chaos Open $j,$(date -u -d "$season-01-01 + $days days" +%Y-%m-%d),Chaos Lake,,true"
  done
} >"$csv/tournaments.csv"
app club import --dir "$csv" >/dev/null
echo "copper walrus fjord meadow" | app users create-admin --email officer@chaos.test --name "Chaos Officer" >/dev/null
this_year=$(date -u +%Y)
psql_chaos podium_chaos "INSERT INTO club_officer_terms (season, position_id, angler_id)
  SELECT y, p.id, a.id FROM generate_series($this_year - 1, $this_year + 1) y, club_officer_positions p, club_anglers a
  WHERE p.name = 'Tournament Director' AND a.email = 'officer@chaos.test'" >/dev/null
api_key=$(app api-keys create --owner officer@chaos.test --name chaos --scope club:results:write | tail -n 1)
say "club: $anglers anglers × $tournaments tournaments (season $season); officer's key made"

start_instance a "$CHAOS_PORT_A"
start_instance b "$CHAOS_PORT_B"
for port in "$CHAOS_PORT_A" "$CHAOS_PORT_B"; do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/api/v1/club/standings/$season" || { say "warm-up read on :$port failed"; exit 1; }
done
say "instances A :$CHAOS_PORT_A and B :$CHAOS_PORT_B up; PostgreSQL ${PODIUM_TEST_POSTGRES}, Redis $PODIUM_TEST_REDIS"

set +e
CHAOS_API_KEY=$api_key dotnet "$CHAOS_STATE/driver/Podium.Chaos.dll" \
  --a "http://127.0.0.1:$CHAOS_PORT_A" --b "http://127.0.0.1:$CHAOS_PORT_B" \
  --db "${ConnectionStrings__Podium};Timeout=5" --writes "$writes" --parallel "$parallel" --redis-down "$redis_down" \
  --season "$season" --fault-command "$repo/scripts/chaos.sh" --a-pid-file "$CHAOS_STATE/a.pid" --logs "$CHAOS_STATE/a.log,$CHAOS_STATE/b.log"
status=$?
set -e
if ((status != 0)); then
  # What the report's causes came from, for a closer look once this run's own directory is gone.
  keep=$repo/artifacts/chaos
  mkdir -p "$keep" && cp "$CHAOS_STATE"/a.log "$CHAOS_STATE"/b.log "$keep/" 2>/dev/null && say "the instances' logs are in $keep"
fi
exit "$status"
}

main "$@"
