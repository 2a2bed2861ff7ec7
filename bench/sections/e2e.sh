# End to end: POST /v1/events through JWT, limiter and durable group commit, nothing refused;
# closed loop for the rate, then open loop at 80 % of it for the latency.

section_e2e() {
  ensure_unlimited_api
  local url="http://127.0.0.1:$API_PORT" token rps p50 p99 err n cpu stored_before stored
  bench_say "end to end: POST /v1/events, closed loop..."
  token=$(token "$url" loadgen)
  wrk_warmup "$url" "$token" "$REPO/bench/lib/events.lua"
  record e2e.warmup_s "$WARMED_SECONDS"
  stored_before=$(psql_bench "select count(*) from events where client_id = 'loadgen'")
  read -r rps p50 p99 err n cpu < <(SKIP_WARMUP=1 wrk_run "$url" "$token" "" "$DURATION" "$API_PID")
  stored=$(psql_bench "select count(*) from events where client_id = 'loadgen'")
  record e2e.rps "$rps"
  record e2e.p99_ms "$p99"
  record e2e.cpu_us "$cpu"
  record e2e.not_2xx "$err"
  record e2e.stored "$((stored - stored_before))"
  # Decisions answered without Redis (local bucket, failed open or closed): 0 while Redis is healthy.
  record e2e.limiter_fallback_share "$(limiter_fallback_share "$url")"

  # The generator's raw HTTP/1.1 path, one sender thread: it costs a fraction of HttpClient's CPU
  # per request, which on two cores is CPU taken from the API under test.
  local rate answered lp99 sent
  rate=$(python3 -c "print(max(100, int($rps * 0.8)))")
  bench_say "end to end: open loop at $rate/s (80 % of the closed-loop rate), LoadGen --raw-http1..."
  read -r answered lp99 sent cpu < <(loadgen_run "$url" "$rate" "$DURATION" "$BENCH_DIR/e2e-open.json" "$API_PID" --clients 4 --raw-http1 --senders 1)
  record e2e.open.rate "$rate"
  record e2e.open.generator_cpu_us "$(loadgen_cpu_us)"
  record e2e.open.api_cpu_us "$cpu"
  record e2e.open.answered_rps "$answered"
  record e2e.open.p99_ms "$lp99"
  record e2e.open.not_2xx "$(not_accepted "$BENCH_DIR/e2e-open.json")"
  record e2e.open.accepted_p99_ms "$(jq '.acceptedLatency.p99Ms // null' "$BENCH_DIR/e2e-open.json")"
  # The same through LoadGen's default HttpClient path, for what the generator's own cost does to the figure.
  bench_say "end to end: open loop at $rate/s again, LoadGen through HttpClient..."
  read -r answered lp99 sent cpu < <(loadgen_run "$url" "$rate" "$DURATION" "$BENCH_DIR/e2e-open-httpclient.json" "$API_PID" --clients 4)
  record e2e.open_httpclient.generator_cpu_us "$(loadgen_cpu_us)"
  record e2e.open_httpclient.api_cpu_us "$cpu"
  record e2e.open_httpclient.p99_ms "$lp99"
  record e2e.open_httpclient.not_2xx "$(not_accepted "$BENCH_DIR/e2e-open-httpclient.json")"
}

not_accepted() { jq '[.responses | to_entries[] | select(.key != "accepted") | .value] | add // 0' "$1"; }

# One API with limits that refuse nothing, shared by the sections that measure storing.
ensure_unlimited_api() {
  if [ -z "${UNLIMITED_API_PID:-}" ] || ! alive "$UNLIMITED_API_PID"; then
    start_api "${UNLIMITED[@]}"
    UNLIMITED_API_PID=$API_PID
    UNLIMITED_API_PORT=$API_PORT
  fi
  API_PID=$UNLIMITED_API_PID
  API_PORT=$UNLIMITED_API_PORT
}

stop_unlimited_api() {
  if [ -n "${UNLIMITED_API_PID:-}" ]; then stop_bg "$UNLIMITED_API_PID"; UNLIMITED_API_PID=""; fi
}
