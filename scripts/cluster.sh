#!/usr/bin/env bash
# Two Podium instances behind nginx on loopback, the way production runs (several identical instances on one
# PostgreSQL and one Redis), for trying cluster behaviour by hand and for load tests.
#   scripts/cluster.sh start   publish Release, start PostgreSQL/Redis (scripts/services.sh), migrate once,
#                              start instances A and B and nginx (round robin, WebSockets); prints the URLs
#   scripts/cluster.sh status  say what runs (exit 1 when not)
#   scripts/cluster.sh stop    stop nginx and both instances (the services keep running: services.sh stop)
# Its own database (podium_cluster) on the services' server, dropped on stop. Never touches system-wide nginx.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
state=${TMPDIR:-/tmp}/podium-cluster-$(printf '%s' "$repo" | md5sum | cut -c1-10)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say() { echo "cluster: $*" >&2; }
source scripts/lib.sh
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p=$1; while port_in_use "$p"; do p=$((p + 1)); done; echo "$p"; }
running() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

psql_podium() { # sql
  local pg=$PODIUM_TEST_POSTGRES host port
  host=$(sed -E 's/.*Host=([^;]+).*/\1/' <<<"$pg"); port=$(sed -E 's/.*Port=([^;]+).*/\1/' <<<"$pg")
  local bin; bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  "$bin/psql" "host=$host port=$port user=podium dbname=podium" -qAt -c "$1"
}

start_instance() { # name port
  local name=$1 port=$2
  (cd "$state/app" && exec env ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet Podium.Web.dll >"$state/$name.log" 2>&1) &
  echo $! >"$state/$name.pid"
  wait_until_live "http://127.0.0.1:$port" "$state/$name.log" || exit 1
}

start() {
  if running "$state/nginx/nginx.pid"; then
    cat "$state/env"; return 0
  fi
  install_nginx_unstarted || exit 1
  eval "$(scripts/services.sh start)"
  mkdir -p "$state/nginx/logs" "$state/mail"
  publish_release "$state/app"

  psql_podium "SELECT 1 FROM pg_database WHERE datname = 'podium_cluster'" | grep -q 1 || psql_podium "CREATE DATABASE podium_cluster"
  local a b lb
  a=$(free_port 18081); b=$(free_port $((a + 1))); lb=$(free_port 18080)
  [[ $lb == "$a" || $lb == "$b" ]] && lb=$(free_port $((b + 1)))
  export ASPNETCORE_ENVIRONMENT=Production
  export Podium__Database__Provider=Postgres
  export ConnectionStrings__Podium="${PODIUM_TEST_POSTGRES/Database=podium/Database=podium_cluster}"
  export ConnectionStrings__Redis="$PODIUM_TEST_REDIS"
  export Podium__Redis__KeyPrefix="cluster:"
  export Podium__PublicUrl="http://127.0.0.1:$lb"
  export Podium__Email__From="Podium cluster <cluster@podium.test>"
  export Podium__Email__PickupDirectory="$state/mail"
  # Everything here is loopback: let a local Prometheus scrape both instances, and take nginx's X-Forwarded-For.
  export Podium__Metrics__AllowedNetworks__0="127.0.0.0/8"
  export Podium__ForwardedHeaders__KnownProxies__0="127.0.0.1"
  (cd "$state/app" && dotnet Podium.Web.dll db migrate >/dev/null)
  start_instance a "$a"
  start_instance b "$b"

  cat >"$state/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $state/nginx/nginx.pid;
error_log $state/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $state/nginx/body;
  proxy_temp_path $state/nginx/proxy;
  fastcgi_temp_path $state/nginx/fastcgi;
  uwsgi_temp_path $state/nginx/uwsgi;
  scgi_temp_path $state/nginx/scgi;
  map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
  upstream podium { server 127.0.0.1:$a; server 127.0.0.1:$b; keepalive 32; }
  server {
    listen 127.0.0.1:$lb;
    client_max_body_size 10m;
    location / {
      proxy_pass http://podium;
      proxy_http_version 1.1;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
    }
  }
}
CONF
  nginx -p "$state/nginx" -c "$state/nginx/nginx.conf"
  cat >"$state/env" <<ENV
export PODIUM_CLUSTER_URL="http://127.0.0.1:$lb"
export PODIUM_CLUSTER_A="http://127.0.0.1:$a"
export PODIUM_CLUSTER_B="http://127.0.0.1:$b"
ENV
  say "up: nginx http://127.0.0.1:$lb → A :$a, B :$b (logs in $state)"
  cat "$state/env"
}

stop() {
  if running "$state/nginx/nginx.pid"; then nginx -p "$state/nginx" -c "$state/nginx/nginx.conf" -s quit || true; fi
  for name in a b; do
    if running "$state/$name.pid"; then kill "$(cat "$state/$name.pid")"; fi
  done
  sleep 1
  if scripts/services.sh status >/dev/null 2>&1; then
    eval "$(scripts/services.sh env)"
    psql_podium "DROP DATABASE IF EXISTS podium_cluster WITH (FORCE)" || true
  fi
  rm -rf "$state"
  say "stopped"
}

status() {
  local ok=0
  running "$state/nginx/nginx.pid" && say "nginx runs" || ok=1
  for name in a b; do running "$state/$name.pid" && say "instance $name runs" || ok=1; done
  return $ok
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: scripts/cluster.sh start|stop|status" >&2; exit 2 ;;
esac
