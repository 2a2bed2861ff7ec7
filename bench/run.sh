#!/usr/bin/env bash
# EventPipeline benchmark (issue 9), one command: builds in Release, starts Redis, PostgreSQL and
# the API (no AppHost, no dashboards), measures the ceilings and the project's figures in one run,
# prints the table with the ratios and writes bench/results/run.json. Section apphost measures the
# shipped topology too: the AppHost as scripts/run.sh starts it (needs ports 8080-8082, 9090 and 18888 free).
#
#   bench/run.sh [--duration 10] [--quick]
#                [--only ceilings,e2e,limiter,overload,batch,memory,peer,floor,apphost,growth]
#                [--memory-minutes 2] [--connections 64] [--cpu-rate 1000] [--keep-logs DIR]
#                [--preload-rows 20000000] [--preload-days 7]
#
# --cpu-rate: the fixed rate at which the 429 path and the bare JWT endpoint are compared.
# Every measured run follows a 15 s warm-up, longer for our API until its JIT settles (see wrk_warmup in bench/lib/load.sh).
# --quick: 3 s runs, 5 s warm-ups, a 1-minute memory run, only the full floor. The issue's
# 10-minute memory run: --memory-minutes 10. growth (issue 15): ingest on an empty events table,
# then after --preload-rows rows spread over --preload-days days (20 M take several minutes).
# Ratios need their ceilings in the same run, so a row whose ceiling was not measured (--only)
# says "not run".
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)

DURATION=10
WARMUP=15
export WARMUP_MAX=60 WARMUP_SETTLED_METHODS=100
MEMORY_MINUTES=2
BENCH_CONNECTIONS=64
LIMITER_CPU_RATE=1000
QUICK=""
ALL_SECTIONS=(ceilings e2e limiter overload batch memory peer floor apphost growth)
PRELOAD_ROWS=20000000
PRELOAD_DAYS=7
ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --quick) QUICK=1; DURATION=3; WARMUP=5; WARMUP_MAX=5; MEMORY_MINUTES=1; shift ;;
    --only) ONLY=$2; shift 2 ;;
    --memory-minutes) MEMORY_MINUTES=$2; shift 2 ;;
    --connections) BENCH_CONNECTIONS=$2; shift 2 ;;
    --cpu-rate) LIMITER_CPU_RATE=$2; shift 2 ;;
    --keep-logs) BENCH_KEEP_LOGS=$2; shift 2 ;;
    --preload-rows) PRELOAD_ROWS=$2; shift 2 ;;
    --preload-days) PRELOAD_DAYS=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
SECTIONS=("${ALL_SECTIONS[@]}")
if [ -n "$ONLY" ]; then
  IFS=, read -r -a SECTIONS <<<"$ONLY"
  for s in "${SECTIONS[@]}"; do
    [[ " ${ALL_SECTIONS[*]} " == *" $s "* ]] || { echo "unknown section $s; sections: ${ALL_SECTIONS[*]}" >&2; exit 2; }
  done
fi

source "$REPO/scripts/lib/prerequisites.sh"
ensure_dotnet
ensure_local_infrastructure
for tool in wrk jq; do command -v "$tool" >/dev/null 2>&1 || apt_install "$tool"; done
command -v pgbench >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pgbench >/dev/null 2>&1 || apt_install postgresql-contrib

source "$REPO/bench/lib/infra.sh"
source "$REPO/bench/lib/apps.sh"
source "$REPO/bench/lib/load.sh"
source "$REPO/bench/lib/record.sh"
source "$REPO/bench/lib/pg-copy.sh"
for s in "${ALL_SECTIONS[@]}"; do source "$REPO/bench/sections/$s.sh"; done
RESULTS_DIR="$REPO/bench/results"
mkdir -p "$RESULTS_DIR"

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
build_release
start_redis
start_postgres
for s in "${SECTIONS[@]}"; do "section_$s"; done

META=$(jq -nc --arg date "$(date -u +%FT%TZ)" --arg commit "$(git -C "$REPO" rev-parse --short HEAD)" --arg cores "$(nproc)" \
  --arg before "$LOAD_BEFORE" --arg after "$(cut -d' ' -f1-3 /proc/loadavg)" --arg sections "${SECTIONS[*]}" \
  --argjson duration "$DURATION" --argjson connections "$BENCH_CONNECTIONS" --argjson memory "$MEMORY_MINUTES" \
  '{date: $date, commit: $commit, cores: ($cores | tonumber), load_before: $before, load_after: $after, sections: $sections,
    duration_s: $duration, connections: $connections, memory_minutes: $memory}')
python3 "$REPO/bench/lib/report.py" "$MEASUREMENTS" "$RESULTS_DIR/run.json" "$META"
