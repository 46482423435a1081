# Shared by the scripts in this folder (source it; it defines functions only). Each caller defines `say`.

# Installs Debian packages when running as root; otherwise says what to install and fails.
apt_install() { # package...
  if [[ $(id -u) -ne 0 ]]; then
    say "missing $*; install them (apt-get install $*) or run as root"
    return 1
  fi
  say "installing $* (Debian packages)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Debian's nginx package starts a system-wide nginx on port 80 when installed, unless policy-rc.d denies service
# starts (exit 101), as in containers and on these machines. Install it only there: we never run a system service.
install_nginx_unstarted() {
  [[ -x /usr/sbin/nginx ]] && return 0
  local policy=0
  if [[ -x /usr/sbin/policy-rc.d ]]; then
    /usr/sbin/policy-rc.d nginx start >/dev/null 2>&1
    policy=$?
  fi
  if [[ $policy -ne 101 ]]; then
    say "nginx is missing; install it yourself (apt-get install nginx): installing here would start a system nginx"
    return 1
  fi
  apt_install nginx
}

# Publishes the app in Release for this machine's runtime (no other platforms' natives).
publish_release() { # output-directory
  say "publishing Release build"
  dotnet publish src/Podium.Web -c Release -r linux-x64 --self-contained false -o "$1" -nologo -v q >/dev/null
}

# Waits for an instance to serve /health/live; on failure shows its log and fails.
wait_until_live() { # base-url log-file [seconds=30]
  for _ in $(seq $((${3:-30} * 5))); do
    curl -fsS "$1/health/live" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  say "the app at $1 did not start; its log:"
  cat "$2" >&2
  return 1
}
