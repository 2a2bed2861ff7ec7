# Overload: a wave of open-loop traffic up to twice what the API can serve, with limits that admit
# about half of it, so both the admitted and the refused path run past saturation. What must hold:
# every decision from Redis (fallback share 0), no client admitted beyond an ideal bucket (the load
# generator's --check), no 500; what is shed is an honest 503, and admitted requests keep their latency.

section_overload() {
  local sat=${OVERLOAD_SATURATION:-}
  # Saturation: the e2e section's closed-loop rate in this run, else measured here the same way.
  [ -n "$sat" ] || sat=$(jq -r '."e2e.rps" // empty | floor' "$MEASUREMENTS")
  if [ -z "$sat" ]; then
    ensure_unlimited_api
    local token rps rest
    token=$(token "http://127.0.0.1:$API_PORT" loadgen)
    read -r rps rest < <(wrk_run "http://127.0.0.1:$API_PORT" "$token" "" "$DURATION" "$API_PID")
    sat=$(python3 -c "print(int(float('$rps')))")
  fi
  # Limits that admit about half of the wave: the 20 clients together refill at half the saturation
  # rate, each bucket holding 5 s of its refill. (Fixed limits of 2000 and 200/s each admitted all
  # that a wave of this size sends: no run ever had a 429, so the refused path never ran and
  # --check could not fail.)
  local refill=$(( (sat + 39) / 40 )) capacity
  capacity=$((refill * 5))
  # The warm-up below changes the live limiter config, which every API on this PostgreSQL adopts
  # (the first change stores this API's start-up limits for the cluster). The shared unlimited API
  # is stopped first and the config emptied after, or the sections after this one measure these
  # limits: the batch section once read 208 events/s (2 batches of 100 per second).
  stop_unlimited_api
  start_api Limiting__Default__Capacity="$capacity" Limiting__Default__Refill="$refill"
  local url="http://127.0.0.1:$API_PORT" pid=$API_PID
  # Warmed like every other measured API, so the wave meets JIT-compiled code (unwarmed, the API
  # spent about 80 % more CPU per request in the wave, compiling). A client of its own, its limit
  # raised through the admin API, so the admitted path is what warms and no wave client
  # (loadgen-01..20) is charged.
  local admin warm_token
  admin=$(curl -sf -X POST "$url/auth/token" -d grant_type=client_credentials -d client_id=admin -d client_secret="$ADMIN_SECRET" | jq -er .access_token) \
    || bench_fail "no admin token"
  curl -sf -X PUT "$url/v1/config/limiter/clients/loadgen" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d '{"capacity": 1000000000, "refill": 1000000000}' >/dev/null || bench_fail "could not raise the warm-up client's limit"
  warm_token=$(token "$url" loadgen)
  wrk_warmup "$url" "$warm_token" "$REPO/bench/lib/events.lua"
  record overload.warmup_s "$WARMED_SECONDS"
  local peak=$((sat * 2)) low=$((sat / 5))
  record overload.saturation_rps "$sat"
  record overload.limit_capacity "$capacity"
  record overload.limit_refill "$refill"
  bench_say "overload: wave $low..$peak/s over 20 clients (limits $capacity, $refill/s each), --check..."
  local before after json="$BENCH_DIR/overload.json"
  before=$(curl -sf "$url/metrics")
  local dll="$REPO/EventPipeline.LoadGen/bin/Release/net10.0/EventPipeline.LoadGen.dll"
  dotnet "$dll" wave --min "$low" --max "$peak" --period "$DURATION" --duration $((DURATION * 2)) --clients 20 \
    --url "$url" --secret "$DEMO_SECRET" --payload-bytes 150 --raw-http1 --senders 1 --check --capacity "$capacity" --refill "$refill" --json "$json" \
    >"$BENCH_DIR/overload.log" 2>&1 || true
  after=$(curl -sf "$url/metrics")
  [ -s "$json" ] || { tail -20 "$BENCH_DIR/overload.log" >&2; bench_fail "the overload wave"; }
  record overload.check_passed "$(jq '.check.passed | if . then 1 else 0 end' "$json")"
  record overload.over_admitted "$(jq '[.check.clients[] | (.admitted - .upperBound) | if . > 0 then . else 0 end] | add' "$json")"
  record overload.max_travel_s "$(jq '[.check.clients[].maxTravelSeconds] | max' "$json")"
  record overload.sent "$(jq '.sent' "$json")"
  record overload.answered_rps "$(jq '.answeredRps' "$json")"
  record overload.p99_ms_all "$(jq '.latency.p99Ms' "$json")"
  record overload.accepted_p99_ms_generator "$(jq '.acceptedLatency.p99Ms // null' "$json")"
  record overload.limiter_fallback_share "$(limiter_fallback_share "$url")"
  python3 "$REPO/bench/lib/prom_delta.py" "$before" "$after" >"$BENCH_DIR/overload-server.txt"
  while read -r key value; do record "overload.$key" "$value"; done <"$BENCH_DIR/overload-server.txt"
  stop_bg "$pid"
  psql_bench "TRUNCATE limiter_config_versions" >/dev/null
}
