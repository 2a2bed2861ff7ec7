#!/usr/bin/env bash
# Self-test of the load generator alone: LoadGen's hidden `sink` mode answers 202 to everything
# on a local port, and steady runs at rising rates measure what the generator itself sustains.
#   bench/loadgen-selftest.sh
#   RATES="20000 25000 30000" SECONDS_PER_RATE=10 PORT=5190 EXTRA="--connections 64" bench/loadgen-selftest.sh
# Columns: intended and sent (handed to the HTTP stack) over the run; skipped = due but not sent
# because --max-in-flight requests were waiting; abandoned = unanswered at the end; error% = sends missing
# against the schedule; worst-s% = the worst single second's deviation; answered/s = answers per
# second up to the last answer (below the target when requests queue); late-p99 = p99 lateness of
# the actual send instants behind the schedule; lat-p99 = p99 latency measured from the schedule;
# cpu-us/req = CPU time per request of the generator and of the sink (the host is shared, so
# the rates depend on what else runs; the CPU cost per request says what this code needs).
set -euo pipefail
cd "$(dirname "$0")/.."

RATES=${RATES:-"20000 25000 30000"}
SECONDS_PER_RATE=${SECONDS_PER_RATE:-10}
PORT=${PORT:-5190}
EXTRA=${EXTRA:-}
OUT=$(mktemp -d)

dotnet build EventPipeline.LoadGen -c Release --nologo -v q -clp:ErrorsOnly >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
DLL=EventPipeline.LoadGen/bin/Release/net10.0/EventPipeline.LoadGen.dll

dotnet "$DLL" sink --port "$PORT" >"$OUT/sink.log" 2>&1 &
SINK=$!
trap 'kill "$SINK" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$PORT/auth/token" && break
  sleep 0.1
done
kill -0 "$SINK" 2>/dev/null || { echo "the sink did not start (is port $PORT or $((PORT + 1)) taken?):"; tail -5 "$OUT/sink.log"; exit 1; }

# Warm-up, not reported: the sink's and the generator's code paths get compiled before measuring.
dotnet "$DLL" steady --rps 5000 --duration 4 --url "http://127.0.0.1:$PORT" >"$OUT/warmup.log" 2>&1

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the runs"
printf '%7s %9s %9s %7s %9s %8s %9s %11s %11s %10s %10s %9s\n' \
  target intended sent skipped abandoned error% worst-s% answered/s late-p99-ms lat-p99-ms gen-us/req sink-us/req
for rps in $RATES; do
  sink0=$(cpu_ticks "$SINK")
  /usr/bin/time -f "%U %S" -o "$OUT/time-$rps" dotnet "$DLL" steady --rps "$rps" --duration "$SECONDS_PER_RATE" \
    --url "http://127.0.0.1:$PORT" --json "$OUT/steady-$rps.json" $EXTRA >"$OUT/steady-$rps.log" 2>&1 \
    || { echo "run at $rps failed:"; tail "$OUT/steady-$rps.log"; exit 1; }
  sink1=$(cpu_ticks "$SINK")
  gen_cpu=$(awk '{ print $1 + $2 }' "$OUT/time-$rps")
  jq -r --arg rps "$rps" --arg gen "$gen_cpu" --arg sink "$(( sink1 - sink0 ))" --arg hz "$hz" '
    ([.series[] | select(.intended > 0) | ((.sent - .intended) / .intended * 100 | fabs)] | max) as $worst
    | [$rps, .intended, .sent, .skipped, .abandoned, ((.intended - .sent) / .intended * 100), $worst, .answeredRps,
       .sendLateness.p99Ms, .latency.p99Ms,
       (($gen | tonumber) * 1e6 / .sent), (($sink | tonumber) / ($hz | tonumber) * 1e6 / .sent)]
    | @tsv' "$OUT/steady-$rps.json" |
    awk -F'\t' '{ printf "%7d %9d %9d %7d %9d %8.3f %9.3f %11.1f %11.2f %10.1f %10.1f %9.1f\n", $1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12 }'
done
echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg) after the runs; reports and logs in $OUT"
