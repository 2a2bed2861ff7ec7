# Processes for the benchmarks: Redis, PostgreSQL and the apps, each in its own process group in a
# temporary folder, all stopped on exit, Ctrl-C or failure. Sourced; needs REPO set.

BENCH_DIR=$(mktemp -d /tmp/eventpipeline-bench.XXXXXX)
chmod 755 "$BENCH_DIR"
BENCH_PIDS=()

bench_say() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }
bench_fail() { bench_say "FAILED: $*"; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# start_bg NAME COMMAND...: runs it as the leader of a new process group; sets BG_PID.
start_bg() {
  local name=$1; shift
  setsid "$@" >"$BENCH_DIR/$name.log" 2>&1 &
  BG_PID=$!
  BENCH_PIDS+=("$BG_PID")
}

# alive PID: running, not merely a zombie waiting to be reaped.
alive() { [ -r "/proc/$1/stat" ] && [ "$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" != Z ]; }

# stop_bg PID: SIGINT to its group (PostgreSQL's fast shutdown, the .NET host's graceful stop), SIGKILL after 10 s.
stop_bg() {
  local pid=$1
  kill -INT -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.1; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  local kept=()
  for p in "${BENCH_PIDS[@]}"; do [ "$p" = "$pid" ] || kept+=("$p"); done
  BENCH_PIDS=("${kept[@]}")
}

bench_cleanup() {
  local status=$?
  trap - EXIT INT TERM
  # Newest first: the apps stop before the databases they use.
  for ((i=${#BENCH_PIDS[@]}-1; i>=0; i--)); do stop_bg "${BENCH_PIDS[i]}"; done
  if [ "$status" != 0 ] && [ -n "${BENCH_KEEP_LOGS:-}" ]; then
    mkdir -p "$BENCH_KEEP_LOGS" && cp "$BENCH_DIR"/*.log "$BENCH_KEEP_LOGS"/ 2>/dev/null || true
    bench_say "logs kept in $BENCH_KEEP_LOGS"
  fi
  rm -rf "$BENCH_DIR"
  exit "$status"
}
trap bench_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pg_bin_dir() {
  if command -v postgres >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v postgres)")"; else ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1; fi
}

# wait_until SECONDS WHAT COMMAND...: retries the command, failing clearly when a process died or time ran out.
wait_until() {
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || bench_fail "$what did not come up within ${seconds}s (logs: $BENCH_DIR)"
    alive "$BG_PID" || { tail -20 "$BENCH_DIR"/*.log >&2; bench_fail "$what exited before answering"; }
    sleep 0.2
  done
}

# The servers come from EventPipeline.LocalServers (the library the tests, the AppHost and the
# resilience harness use) through its command, built by build_local_servers; it prints "port=N"
# once the server answers and stops it on SIGINT, which stop_bg sends.
LOCAL_SERVERS_CLI="$REPO/EventPipeline.LocalServers.Cli/bin/Release/net10.0/EventPipeline.LocalServers.Cli.dll"

build_local_servers() {
  dotnet build "$REPO/EventPipeline.LocalServers.Cli" -c Release -v q -nologo -clp:ErrorsOnly >"$BENCH_DIR/build-local-servers.log" 2>&1 \
    || { cat "$BENCH_DIR/build-local-servers.log" >&2; bench_fail "build of EventPipeline.LocalServers.Cli"; }
}

# start_local_server NAME redis|postgres [OPTION VALUE...]: sets BG_PID and SERVER_PORT once it answers.
start_local_server() {
  local name=$1; shift
  [ -f "$LOCAL_SERVERS_CLI" ] || build_local_servers
  start_bg "$name" dotnet "$LOCAL_SERVERS_CLI" "$@"
  wait_until 60 "$name" grep -q '^port=' "$BENCH_DIR/$name.log"
  SERVER_PORT=$(sed -n 's/^port=//p' "$BENCH_DIR/$name.log")
}

# start_local_redis NAME: a fresh redis-server (no persistence); sets BG_PID and SERVER_PORT.
start_local_redis() { start_local_server "$1" redis --dir "$BENCH_DIR/$1"; }

start_redis() {
  start_local_redis redis
  REDIS_PORT=$SERVER_PORT
  REDIS_PID=$BG_PID
}

start_postgres() {
  PG_PASSWORD=bench
  start_local_server local-postgres postgres --dir "$BENCH_DIR" --password "$PG_PASSWORD"
  PG_PORT=$SERVER_PORT
  PG_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=$PG_PASSWORD;Database=eventsdb"
}

psql_bench() { PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d eventsdb -qtAc "$1"; }

# wait_http URL: until it answers 200.
wait_http() { wait_until 120 "$1" curl -sf "$1"; }

# wait_listening URL: until anything answers there.
wait_listening() { wait_until 60 "$1" curl -s -o /dev/null "$1"; }
