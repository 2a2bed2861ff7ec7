# Load and what it costs: closed-loop wrk, open-loop LoadGen, CPU time per request from /proc.

HZ=$(getconf CLK_TCK)

# cpu_ticks PID: user + system time of the process so far, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# wrk_run URL TOKEN [LUA] [SECONDS] [PID]: closed loop at BENCH_CONNECTIONS after a short warm-up.
# Prints "rps p50_ms p99_ms errors requests cpu_us_per_request" (cpu only with a PID, else 0).
wrk_run() {
  local url=$1 token=$2 lua=${3:-$REPO/bench/lib/events.lua} seconds=${4:-$DURATION} pid=${5:-}
  [ -n "${SKIP_WARMUP:-}" ] || wrk_warmup "$url" "$token" "$lua"
  local before=0 after=0 out
  [ -n "$pid" ] && before=$(cpu_ticks "$pid")
  out=$(BENCH_TOKEN=$token wrk -t2 -c"$BENCH_CONNECTIONS" -d"${seconds}s" --latency -s "$lua" "$url" | grep '^RESULT') \
    || bench_fail "wrk against $url printed no result"
  [ -n "$pid" ] && after=$(cpu_ticks "$pid")
  sed -E 's/.*requests=([0-9]+).*rps=([0-9.]+) p50_ms=([0-9.]+) p99_ms=([0-9.]+) errors=([0-9]+).*/\2 \3 \4 \5 \1/' <<<"$out" \
    | awk -v t=$((after - before)) -v hz="$HZ" '{ printf "%s %s %s %s %s %.1f\n", $1, $2, $3, $4, $5, ($5 > 0 ? t / hz * 1e6 / $5 : 0) }'
}

# wrk_warmup URL TOKEN LUA: lets the JIT and the connection pools settle before a measured run.
# WARMUP is long (15 s) because under full load on 2 cores the runtime's tiered-compilation thread
# is starved: after a 3 s warm-up the API's hot methods were still being recompiled through the
# measured run, which charged the JIT's work to the requests (twice the CPU per request).
# A process that reports its JIT on /metrics (our API) is then warmed on, 5 s at a time, until it
# compiles fewer than WARMUP_SETTLED_METHODS methods in one (at most WARMUP_MAX seconds in all): a
# fresh API compiles ~20,000 methods under load, and its CPU per request kept falling for ~40 s,
# so a fixed 15 s measured part of its start-up. WARMED_SECONDS says how long it took (a figure
# of its own: what a replica started into a spike goes through).
wrk_warmup() {
  local url=$1 token=$2 lua=$3 before after
  BENCH_TOKEN=$token wrk -t2 -c"$BENCH_CONNECTIONS" -d"${WARMUP}s" -s "$lua" "$url" >/dev/null 2>&1 || true
  WARMED_SECONDS=$WARMUP
  before=$(jit_methods "$url") || return 0
  while [ "$WARMED_SECONDS" -lt "$WARMUP_MAX" ]; do
    BENCH_TOKEN=$token wrk -t2 -c"$BENCH_CONNECTIONS" -d5s -s "$lua" "$url" >/dev/null 2>&1 || true
    WARMED_SECONDS=$((WARMED_SECONDS + 5))
    after=$(jit_methods "$url") || return 0
    [ $((after - before)) -ge "$WARMUP_SETTLED_METHODS" ] || return 0
    before=$after
  done
}

# jit_methods URL: how many methods the process behind URL has JIT-compiled so far (fails without /metrics).
jit_methods() {
  curl -sf "$1/metrics" 2>/dev/null | awk '/^dotnet_jit_compiled_methods_total/ { n = $NF; found = 1 } END { if (!found) exit 1; printf "%d\n", n }'
}

# loadgen_run URL RATE SECONDS JSON [PID] [LoadGen options...]: open loop at a fixed rate
# (warm-up first). Prints "answered_rps p99_ms sent cpu_us_per_request".
loadgen_run() {
  local url=$1 rate=$2 seconds=$3 json=$4 pid=${5:-}; shift 5 || shift $#
  local dll="$REPO/EventPipeline.LoadGen/bin/Release/net10.0/EventPipeline.LoadGen.dll"
  set -- --payload-bytes 150 "$@"
  dotnet "$dll" steady --rps "$rate" --duration "$WARMUP" --url "$url" --secret "$DEMO_SECRET" "$@" >"$BENCH_DIR/loadgen-warmup.log" 2>&1 || true
  # CPU per request from the generator itself, over its sending window only (--server-pid: the
  # server's too): start-up, JIT and token requests (PBKDF2, ~85 ms of the API's CPU each) fall
  # outside it. Counted around the whole process they added ~35 us to every request of a 10 s run.
  dotnet "$dll" steady --rps "$rate" --duration "$seconds" --url "$url" --secret "$DEMO_SECRET" --json "$json" \
    ${pid:+--server-pid "$pid"} "$@" \
    >"$BENCH_DIR/loadgen.log" 2>&1 || { tail -20 "$BENCH_DIR/loadgen.log" >&2; bench_fail "LoadGen at $rate/s against $url"; }
  jq -r '.cost.generatorCpuUsPerRequest' "$json" >"$BENCH_DIR/loadgen.cpu"
  jq -r '"\(.answeredRps) \(.latency.p99Ms) \(.sent) \(.cost.serverCpuUsPerRequest // 0)"' "$json"
}

loadgen_cpu_us() { cat "$BENCH_DIR/loadgen.cpu"; }

# limiter_fallback_share URL: the share of the API's limiter decisions that did not come from
# Redis (answered by the local bucket, failed open or failed closed), from its Prometheus endpoint.
limiter_fallback_share() {
  curl -sf "$1/metrics" | awk '
    /^eventpipeline_limiter_decisions_total/ {
      match($0, /result="[^"]+"/); result = substr($0, RSTART + 8, RLENGTH - 9)
      total += $NF; if (result ~ /^(local|local_limited|failed_open|failed_closed)$/) fallback += $NF
    }
    END { printf "%.4f\n", (total > 0 ? fallback / total : 0) }'
}
