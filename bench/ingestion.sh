#!/usr/bin/env bash
# Ingestion benchmark (issue 5): POST /v1/events through the full stack (JWT, limiter, durable
# group commit) next to two ceilings measured in the same run: bare Kestrel parsing the same
# JSON, and bare PostgreSQL inserts of the same rows. Release build; prints a table and writes
# bench/results/ingestion.json.
#   bench/ingestion.sh [--duration 10] [--connections 64]
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
source "$REPO/bench/lib/infra.sh"

DURATION=10
CONNECTIONS=64
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

echo "building (Release)..." >&2
dotnet build "$REPO/EventPipeline.Api" -c Release -v q -nologo >/dev/null
dotnet build "$REPO/bench/BareKestrel" -c Release -v q -nologo >/dev/null

start_redis
start_postgres

SIGNING_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '/+=' | head -c 64)
DEMO_SECRET=bench-demo-secret-0123456789abcdef
ADMIN_SECRET=bench-admin-secret-0123456789abcdef
API_PORT=$(free_port)
# Limits raised so nothing is refused: the benchmark measures storing, not refusing.
ASPNETCORE_URLS="http://127.0.0.1:$API_PORT" ASPNETCORE_ENVIRONMENT=Production \
  ConnectionStrings__redis="127.0.0.1:$REDIS_PORT" ConnectionStrings__eventsdb="$PG_CONNECTION" \
  Identity__SigningKey="$SIGNING_KEY" Identity__DemoClientSecret="$DEMO_SECRET" Identity__AdminClientSecret="$ADMIN_SECRET" \
  Limiting__Default__Capacity=100000000 Limiting__Default__RefillPerSecond=100000000 \
  Logging__LogLevel__Default=Warning \
  dotnet "$REPO/EventPipeline.Api/bin/Release/net10.0/EventPipeline.Api.dll" >"$BENCH_DIR/api.log" 2>&1 &
BENCH_PIDS+=($!); disown
wait_http "http://127.0.0.1:$API_PORT/health"

KESTREL_PORT=$(free_port)
ASPNETCORE_URLS="http://127.0.0.1:$KESTREL_PORT" dotnet "$REPO/bench/BareKestrel/bin/Release/net10.0/BareKestrel.dll" >"$BENCH_DIR/kestrel.log" 2>&1 &
KESTREL_PID=$!
BENCH_PIDS+=($KESTREL_PID); disown


# run_wrk URL TOKEN -> "rps p50 p99 errors"
run_wrk() {
  local out
  # A short warm-up lets the JIT and the connection pools settle before the measured run.
  BENCH_TOKEN=$2 wrk -t2 -c"$CONNECTIONS" -d3s -s "$REPO/bench/lib/events.lua" "$1" >/dev/null 2>&1
  out=$(BENCH_TOKEN=$2 wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$REPO/bench/lib/events.lua" "$1" | grep '^RESULT')
  sed -E 's/.*rps=([0-9.]+) p50_ms=([0-9.]+) p99_ms=([0-9.]+) errors=([0-9]+).*/\1 \2 \3 \4/' <<<"$out"
}

echo "ceiling 1: bare Kestrel parsing the same JSON..." >&2
wait_listening "http://127.0.0.1:$KESTREL_PORT/"
read -r K_RPS K_P50 K_P99 K_ERR < <(run_wrk "http://127.0.0.1:$KESTREL_PORT" "")
kill "$KESTREL_PID"  # its CPU is not to be shared with the runs that follow

echo "ceiling 2: bare PostgreSQL inserts (pgbench, 16 clients)..." >&2
pgbench_tps() {
  PGPASSWORD=$PG_PASSWORD "$(pg_bin_dir)/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c 16 -j 2 -T "$DURATION" -f "$1" eventsdb 2>/dev/null \
    | sed -nE 's/^tps = ([0-9.]+).*/\1/p'
}
PG_ROW_TPS=$(pgbench_tps "$REPO/bench/lib/pg-insert.sql")
PG_100_TPS=$(pgbench_tps "$REPO/bench/lib/pg-insert-100.sql")
PG_100_ROWS=$(python3 -c "print(round($PG_100_TPS * 100, 1))")

echo "full stack: POST /v1/events with JWT, limiter and durable commit..." >&2
TOKEN=$(curl -sf -X POST "http://127.0.0.1:$API_PORT/auth/token" \
  -d grant_type=client_credentials -d client_id=loadgen -d client_secret="$DEMO_SECRET" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
read -r A_RPS A_P50 A_P99 A_ERR < <(run_wrk "http://127.0.0.1:$API_PORT" "$TOKEN")
STORED=$(PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d eventsdb -qtAc "select count(*) from events where client_id = 'loadgen'")

python3 - "$REPO/bench/results/ingestion.json" <<PY
import json, os, sys
r = dict(kestrel_rps=$K_RPS, kestrel_p50_ms=$K_P50, kestrel_p99_ms=$K_P99, kestrel_errors=$K_ERR,
         pg_rows_per_s_single=$PG_ROW_TPS, pg_rows_per_s_batch100=$PG_100_ROWS,
         api_rps=$A_RPS, api_p50_ms=$A_P50, api_p99_ms=$A_P99, api_non_2xx_or_errors=$A_ERR, api_rows_stored=$STORED,
         duration_s=$DURATION, connections=$CONNECTIONS)
r["api_vs_kestrel"] = round(r["api_rps"] / r["kestrel_rps"], 3)
r["api_vs_pg_single_row"] = round(r["api_rps"] / r["pg_rows_per_s_single"], 3)
os.makedirs(os.path.dirname(sys.argv[1]), exist_ok=True)
json.dump(r, open(sys.argv[1], "w"), indent=2)
print(f"{'measurement':<48}{'req|rows/s':>12}{'p50 ms':>9}{'p99 ms':>9}")
print(f"{'bare Kestrel, same JSON (ceiling)':<48}{r['kestrel_rps']:>12,.0f}{r['kestrel_p50_ms']:>9.2f}{r['kestrel_p99_ms']:>9.2f}")
print(f"{'bare PostgreSQL, 1 row per commit, 16 clients':<48}{r['pg_rows_per_s_single']:>12,.0f}")
print(f"{'bare PostgreSQL, 100 rows per commit, 16 clients':<48}{r['pg_rows_per_s_batch100']:>12,.0f}")
print(f"{'EventPipeline POST /v1/events (JWT+limiter+commit)':<48}{r['api_rps']:>12,.0f}{r['api_p50_ms']:>9.2f}{r['api_p99_ms']:>9.2f}")
print(f"ratio API / bare Kestrel: {r['api_vs_kestrel']:.2f}   ratio API / PostgreSQL 1-row commits: {r['api_vs_pg_single_row']:.2f}")
print(f"non-2xx or socket errors: {r['api_non_2xx_or_errors']}   rows stored: {r['api_rows_stored']}")
PY
