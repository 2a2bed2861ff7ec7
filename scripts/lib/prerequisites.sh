# Installs what EventPipeline needs on this machine when it is missing, or says what to install.
# Sourced by scripts/run.sh and scripts/test.sh.

say() { printf '\033[1m[eventpipeline]\033[0m %s\n' "$*" >&2; }

apt_updated=0
apt_install() {
  local packages=("$@")
  if ! command -v apt-get >/dev/null 2>&1; then
    say "missing: ${packages[*]}. Install them with your package manager (macOS: brew install redis postgresql chromium)."
    return 1
  fi
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
      say "missing: ${packages[*]}. Run as root: apt-get install -y ${packages[*]}"
      return 1
    fi
  fi
  if [ "$apt_updated" = 0 ]; then
    say "apt-get update"
    "${sudo[@]}" apt-get update -qq
    apt_updated=1
  fi
  say "installing ${packages[*]}"
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${packages[@]}" >/dev/null
}

has_postgres_server() {
  command -v postgres >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1
}

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    say "the .NET 10 SDK is missing: install it from your distribution or https://dot.net (see global.json for the version)."
    exit 1
  fi
}

# Redis and PostgreSQL run as local processes unless a container runtime answers.
ensure_local_infrastructure() {
  local missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  has_postgres_server || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    apt_install "${missing[@]}"
  fi
}

# Prometheus (and promtool, which the tests run on the rules) as Debian's package; the AppHost
# starts it in local mode.
ensure_prometheus() {
  if ! command -v prometheus >/dev/null 2>&1 || ! command -v promtool >/dev/null 2>&1; then
    apt_install prometheus
    # The package also starts its own server on :9090 where systemd runs; the AppHost's needs that port.
    if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet prometheus 2>/dev/null; then
      say "stopping and disabling the prometheus service the package started (the AppHost runs its own on :9090)"
      systemctl disable --now prometheus >/dev/null 2>&1 || true
    fi
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
    apt_install chromium
  fi
}
