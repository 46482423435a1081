#!/usr/bin/env bash
# Load benchmark: publishes Podium in Release, runs it in Production on SQLite on a loopback port, and drives
# each endpoint with wrk for a fixed time. Prints requests/s and p50/p99 latency per endpoint.
#   scripts/bench.sh [seconds-per-endpoint=10] [connections=32]
#   BENCH_REDIS=1 scripts/bench.sh …   the same with Redis (L2 cache, shared rate limits) from scripts/services.sh
#   BENCH_CLUB=1 scripts/bench.sh …    the club's pages on a seeded club (bench/club-seed.sql: 1,000 anglers ×
#                                      20 seasons × 12 tournaments), timing each endpoint's first (cold) request too,
#                                      and ending with the ratio of the club's landing page to its standings
# Client and server share this machine's cores: compare endpoints within one run (ratios), not across machines.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
connections=${2:-32}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
say() { echo "bench: $*" >&2; }
source scripts/lib.sh

command -v wrk >/dev/null || apt_install wrk || exit 1

work=$(mktemp -d)
app_pid=
cleanup() {
  [[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

publish_release "$work/app"

port=$(( 20000 + RANDOM % 20000 ))
export ASPNETCORE_ENVIRONMENT=Production
export Podium__Database__Provider=Sqlite
export ConnectionStrings__Podium="Data Source=$work/podium.db"
export Podium__PublicUrl="http://127.0.0.1:$port"
export Podium__Email__From="Podium bench <bench@podium.test>"
export Podium__Email__PickupDirectory="$work/mail"
# One client address sends everything: keep the limiter in the path (its cost is part of every request) but out of reach.
export Podium__RateLimits__Anonymous__PermitLimit=1000000 Podium__RateLimits__Anonymous__WindowSeconds=1
# As behind the TLS-terminating proxy production runs behind: forms (antiforgery) need the request to be HTTPS, and
# wrk on loopback plays the proxy.
export Podium__ForwardedHeaders__KnownProxies__0=127.0.0.1
mode="no Redis"
if [[ ${BENCH_REDIS:-0} == 1 ]]; then
  eval "$(scripts/services.sh start)"
  export ConnectionStrings__Redis="$PODIUM_TEST_REDIS" Podium__Redis__KeyPrefix="bench$$:"
  mode="Redis $PODIUM_TEST_REDIS"
fi
(cd "$work/app" && dotnet Podium.Web.dll db migrate >/dev/null)
if [[ ${BENCH_CLUB:-0} == 1 ]]; then
  command -v sqlite3 >/dev/null || apt_install sqlite3 || exit 1
  say "seeding the club (bench/club-seed.sql)"
  sqlite3 "$work/podium.db" <bench/club-seed.sql
fi
# An API key (made with the CLI, as an operator would for a first integration) for the authenticated rows.
export Podium__RateLimits__ApiKey__PermitLimit=1000000 Podium__RateLimits__ApiKey__WindowSeconds=1
export Podium__RateLimits__User__PermitLimit=1000000 Podium__RateLimits__User__WindowSeconds=1
(cd "$work/app" && echo "copper walrus fjord meadow" | dotnet Podium.Web.dll users create-admin --email bench@podium.test >/dev/null)
api_key=$(cd "$work/app" && dotnet Podium.Web.dll api-keys create --owner bench@podium.test --name bench --scope club:read)
(cd "$work/app" && exec dotnet Podium.Web.dll --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1) &
app_pid=$!
wait_until_live "http://127.0.0.1:$port" "$work/app.log" 20 || exit 1

# / is output-cached for anonymous visitors; /account/sign-in renders on every request (form + antiforgery token).
# The same API GET anonymously and with the key (X-Api-Key): the difference is what authenticating a key costs.
rows=("/health/live|" "/|" "/account/sign-in|" "/api/v1/platform/info|" "/api/v1/platform/info|X-Api-Key: $api_key" "/api/v1/me|X-Api-Key: $api_key")
if [[ ${BENCH_CLUB:-0} == 1 ]]; then
  # The cold request computes the season (scoring 12 × 1,000 bags) and fills the caches; wrk then measures it cached.
  # / is the yardstick: an output-cached page of the same run, so the club rows read as ratios to it.
  # /club (the landing page) against /club/standings: the most-read page of a module must cost no more than twice
  # a page the output cache serves; only on the seeded club, since an empty club's landing page has nothing to cost.
  rows=("/|" "/club|" "/club/standings|" "/club/standings?season=2025|" "/club/awards?season=2025|" "/api/v1/club/standings/2025|")
  for row in "${rows[@]:1}"; do
    curl -s -o /dev/null -w "cold ${row%%|*}: %{http_code} in %{time_total}s\n" -H "X-Forwarded-Proto: https" "http://127.0.0.1:$port${row%%|*}"
  done
  # Signed in as the bench's admin, as a browser would: the sign-in form's token and cookie, then the session cookie.
  # The cookies are Secure and the loopback is plain HTTP, so they are carried by hand rather than by curl's jar.
  cookies_of() { awk 'tolower($1) == "set-cookie:" { sub(/;.*/, "", $2); print $2 }' "$1" | tr -d '\r' | paste -sd';' -; }
  form=$(curl -s -D "$work/form.h" -H "X-Forwarded-Proto: https" "http://127.0.0.1:$port/account/sign-in")
  token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$form" | head -1 | sed 's/.*value="//; s/"$//')
  curl -s -o /dev/null -D "$work/signin.h" -H "X-Forwarded-Proto: https" -H "Cookie: $(cookies_of "$work/form.h")" \
    --data-urlencode "Input.Email=bench@podium.test" --data-urlencode "Input.Password=copper walrus fjord meadow" \
    --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$port/account/sign-in"
  session=$(cookies_of "$work/signin.h")
  if curl -s -H "X-Forwarded-Proto: https" -H "Cookie: $session" "http://127.0.0.1:$port/club" | grep -q "Sign out"; then
    # Rendered per request (the account links, the sign-out form's token), from the landing page's cached data.
    # Signed-in /club/standings beside it: both are rendered per request for signed-in people from cached data, so
    # their ratio is what the landing page's render costs, the signed-in pipeline (session check, token) set aside.
    rows=("${rows[@]:0:2}" "/club|Cookie: $session" "${rows[@]:2:1}" "/club/standings|Cookie: $session" "${rows[@]:3}")
  else
    say "could not sign in; the signed-in /club row is left out"
  fi
  # What a visitor's /club response carries: a stored page has no cookie and is not no-store.
  curl -s -D - -o /dev/null -H "X-Forwarded-Proto: https" "http://127.0.0.1:$port/club" >/dev/null
  curl -s -D - -o /dev/null -H "X-Forwarded-Proto: https" "http://127.0.0.1:$port/club" \
    | awk 'BEGIN { cookie = "no" } { h = tolower($0) } h ~ /^cache-control:/ { cc = $0 } h ~ /^age:/ { age = $2 } h ~ /^set-cookie:/ { cookie = "yes" }
           END { gsub(/\r/, "", cc); gsub(/\r/, "", age); printf "second /club: %s, Age: %s, Set-Cookie: %s\n", cc == "" ? "no Cache-Control" : cc, age == "" ? "none" : age, cookie }'
  # Another season once the app is warm: what computing a board costs, without the first request's start-up work.
  curl -s -o /dev/null -w "cold /api/v1/club/standings/2024 (warm app): %{http_code} in %{time_total}s\n" -H "X-Forwarded-Proto: https" "http://127.0.0.1:$port/api/v1/club/standings/2024"
fi
declare -A rate
printf '%-34s %12s %10s %10s %9s\n' endpoint "requests/s" p50 p99 body
for row in "${rows[@]}"; do
  endpoint=${row%%|*} header=${row#*|}
  case $header in
    "") label=$endpoint ;;
    Cookie:*) label="$endpoint (signed in)" ;;
    *) label="$endpoint (API key)" ;;
  esac
  url="http://127.0.0.1:$port$endpoint"
  extra=(-H "X-Forwarded-Proto: https")
  [[ -n $header ]] && extra+=(-H "$header")
  wrk -t2 -c"$connections" -d2s "${extra[@]}" "$url" >/dev/null           # warm-up: JIT, pools, caches
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "${extra[@]}" "$url")
  rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  errors=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")
  rate[$label]=$rps
  size=$(curl -s -o /dev/null -w '%{size_download}' "${extra[@]}" "$url")
  printf '%-34s %12s %10s %10s %9s%s\n' "$label" "$rps" "$p50" "$p99" "$((size / 1024)) KB" "${errors:+   ($errors non-2xx)}"
done
if [[ ${BENCH_CLUB:-0} == 1 ]]; then
  awk -v l="${rate[/club]}" -v s="${rate[/club/standings]}" \
    'BEGIN { printf "/club / /club/standings (requests/s): %.2f (acceptance: at least 0.50)\n", l / s }'
  if [[ -n ${rate[/club (signed in)]:-} ]]; then
    awk -v i="${rate[/club (signed in)]}" -v s="${rate[/club/standings]}" \
      'BEGIN { printf "signed-in /club / /club/standings (requests/s): %.2f\n", i / s }'
    awk -v i="${rate[/club (signed in)]}" -v s="${rate[/club/standings (signed in)]}" \
      'BEGIN { printf "signed-in /club / signed-in /club/standings (requests/s): %.2f\n", i / s }'
  fi
else
  awk -v k="${rate[/api/v1/platform/info (API key)]}" -v a="${rate[/api/v1/platform/info]}" \
    'BEGIN { printf "API-key GET / anonymous GET of /api/v1/platform/info: %.2f\n", k / a }'
fi
echo "($connections connections, 2 threads, ${seconds}s per endpoint, Production, SQLite, $mode, $(nproc) cores shared by client and server)"
