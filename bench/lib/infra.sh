# Local Redis and PostgreSQL for the benchmarks, in a temporary folder, stopped on exit.
# Sourced by the bench scripts; needs REPO set to the repository root.

BENCH_DIR=$(mktemp -d /tmp/eventpipeline-bench.XXXXXX)
chmod 755 "$BENCH_DIR"
BENCH_PIDS=()

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

bench_cleanup() {
  for pid in "${BENCH_PIDS[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
  sleep 1
  for pid in "${BENCH_PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  rm -rf "$BENCH_DIR"
}
trap bench_cleanup EXIT

pg_bin_dir() {
  if command -v postgres >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v postgres)")"; else ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1; fi
}

start_redis() {
  REDIS_PORT=$(free_port)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize no >"$BENCH_DIR/redis.log" 2>&1 &
  BENCH_PIDS+=($!); disown
  until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.1; done
}

start_postgres() {
  PG_PORT=$(free_port)
  PG_PASSWORD=bench
  PG_BIN_DIR=$(pg_bin_dir) PG_DATA_DIR="$BENCH_DIR/postgres" PG_PORT=$PG_PORT PG_PASSWORD=$PG_PASSWORD PG_DATABASE=eventsdb \
    bash "$REPO/EventPipeline.AppHost/Infrastructure/local-postgres.sh" >"$BENCH_DIR/postgres.log" 2>&1 &
  BENCH_PIDS+=($!); disown
  until PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d eventsdb -qtAc 'select 1' >/dev/null 2>&1; do sleep 0.2; done
  PG_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=$PG_PASSWORD;Database=eventsdb"
}

# wait_http URL: until it answers 200.
wait_http() { until curl -sf "$1" >/dev/null 2>&1; do sleep 0.2; done; }

# wait_listening URL: until anything answers there.
wait_listening() { until curl -s -o /dev/null "$1"; do sleep 0.2; done; }
