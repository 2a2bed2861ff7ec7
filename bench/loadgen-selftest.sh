#!/usr/bin/env bash
# Self-test of the load generator alone: LoadGen's hidden `sink` mode answers 202 to everything
# on a local port, and steady runs at rising rates measure what the generator itself sustains.
# Usage: bench/loadgen-selftest.sh            (RATES="20000 25000 30000" SECONDS_PER_RATE=10 PORT=5099)
set -euo pipefail
cd "$(dirname "$0")/.."

RATES=${RATES:-"20000 25000 30000"}
SECONDS_PER_RATE=${SECONDS_PER_RATE:-10}
PORT=${PORT:-5099}
OUT=$(mktemp -d)

dotnet build EventPipeline.LoadGen -c Release --nologo -v q -clp:ErrorsOnly
DLL=EventPipeline.LoadGen/bin/Release/net10.0/EventPipeline.LoadGen.dll

dotnet "$DLL" sink --port "$PORT" >"$OUT/sink.log" 2>&1 &
SINK=$!
trap 'kill "$SINK" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$PORT/auth/token" && break
  sleep 0.1
done

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the runs"
printf '%8s %9s %9s %8s %10s %9s %9s %12s %12s %11s\n' \
  target intended sent skipped achieved/s error% worst-s% late-p99-ms late-max-ms lat-p99-ms
for rps in $RATES; do
  dotnet "$DLL" steady --rps "$rps" --duration "$SECONDS_PER_RATE" --url "http://127.0.0.1:$PORT" \
    --json "$OUT/steady-$rps.json" >"$OUT/steady-$rps.log" 2>&1 || { echo "run at $rps failed:"; tail "$OUT/steady-$rps.log"; exit 1; }
  # error%: sends missing against the schedule; worst-s%: the worst full second's shortfall or excess.
  jq -r --arg rps "$rps" '
    ([.series[] | select(.intended > 0) | ((.sent - .intended) / .intended * 100 | fabs)] | max) as $worst
    | [$rps, .intended, .sent, .skipped, .achievedRps,
       ((.intended - .sent) / .intended * 100), $worst,
       .sendLateness.p99Ms, .sendLateness.maxMs, .latency.p99Ms]
    | @tsv' "$OUT/steady-$rps.json" |
    awk -F'\t' '{ printf "%8d %9d %9d %8d %10.1f %9.3f %9.3f %12.3f %12.3f %11.3f\n", $1,$2,$3,$4,$5,$6,$7,$8,$9,$10 }'
done
echo "reports: $OUT"
