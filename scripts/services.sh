#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis for tests and local runs, on free loopback ports, in a temp directory.
#   scripts/services.sh start   install (as root, when missing), start, print export lines
#   scripts/services.sh env     print the export lines of the running services
#   scripts/services.sh status  say whether they run (exit 1 when not)
#   scripts/services.sh stop    stop them and delete their data
# Idempotent. Never starts, stops or reconfigures a system-wide service: everything is ours by pid file.
# Settings tuned for test speed (fsync off): never point production at these.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
state=${PODIUM_SERVICES_DIR:-${TMPDIR:-/tmp}/podium-services-$(printf '%s' "$repo" | md5sum | cut -c1-10)}
pgdata=$state/pg/data
pgsock=$state/pg/sock
pglog=$state/pg/postgres.log
redis_pid=$state/redis/redis.pid
envfile=$state/env

say() { echo "services: $*" >&2; }

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n $dir && -x $dir/pg_ctl ]] && echo "$dir"
}

ensure_packages() {
  local missing=()
  [[ -n $(pg_bin) ]] || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  ((${#missing[@]})) || return 0
  if [[ $(id -u) -ne 0 ]]; then
    say "missing ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root"
    exit 1
  fi
  say "installing ${missing[*]} (Debian packages)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${missing[@]}" >/dev/null
}

# As root, PostgreSQL's tools must run as the unprivileged postgres user (initdb refuses root).
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local port=$1
  while port_in_use "$port"; do port=$((port + 1)); done
  echo "$port"
}

pg_running() { [[ -f $pgdata/postmaster.pid ]] && as_pg "$(pg_bin)/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; }
redis_running() { [[ -f $redis_pid ]] && kill -0 "$(cat "$redis_pid")" 2>/dev/null; }

print_env() { cat "$envfile"; }

start() {
  if [[ -f $envfile ]] && pg_running && redis_running; then
    print_env
    return 0
  fi
  stop quiet
  ensure_packages
  local bin pg_port redis_port
  bin=$(pg_bin)
  mkdir -p "$pgdata" "$pgsock" "$state/redis"
  chmod 755 "$state" "$state/pg"
  [[ $(id -u) -eq 0 ]] && chown -R postgres:postgres "$state/pg"

  pg_port=$(free_port 55432)
  as_pg "$bin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
  as_pg "$bin/pg_ctl" -D "$pgdata" -l "$pglog" -w -t 60 start -o \
    "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$pgsock -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
  as_pg "$bin/psql" -h "$pgsock" -p "$pg_port" -U postgres -d postgres -qAt \
    -c "CREATE ROLE podium LOGIN CREATEDB" -c "CREATE DATABASE podium OWNER podium" >/dev/null

  redis_port=$(free_port 56379)
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$redis_pid" --logfile "$state/redis/redis.log" --dir "$state/redis" >/dev/null
  for _ in $(seq 50); do port_in_use "$redis_port" && break; sleep 0.1; done
  port_in_use "$redis_port" || { say "redis did not start; see $state/redis/redis.log"; exit 1; }

  cat > "$envfile" <<ENV
export PODIUM_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=podium;Database=podium"
export PODIUM_TEST_REDIS="127.0.0.1:$redis_port"
ENV
  say "PostgreSQL on 127.0.0.1:$pg_port, Redis on 127.0.0.1:$redis_port (state in $state)"
  print_env
}

stop() {
  local bin
  bin=$(pg_bin || true)
  if [[ -n $bin && -f $pgdata/postmaster.pid ]]; then
    as_pg "$bin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if redis_running; then
    local pid
    pid=$(cat "$redis_pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$state"
  [[ ${1:-} == quiet ]] || say "stopped"
}

status() {
  if [[ -f $envfile ]] && pg_running && redis_running; then
    say "running (state in $state)"
    print_env
  else
    say "not running"
    return 1
  fi
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) [[ -f $envfile ]] && pg_running && redis_running || { say "not running; use: $0 start"; exit 1; }; print_env ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
