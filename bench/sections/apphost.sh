# The shipped topology: the AppHost as scripts/run.sh starts it (Release, local mode: redis-server
# and PostgreSQL as processes reached without a proxy, two API replicas behind the orchestrator's
# port 8083, which internal callers use; the public gateway on 8080 is not on this path), driven by the load generator with --check over ten clients at 500, 2,000 and 5,000
# requests/s. Fallback share and circuit state are read from every replica's own /metrics.

section_apphost() {
  bench_say "apphost: starting the system as scripts/run.sh does..."
  dotnet build "$REPO/EventPipeline.AppHost" -c Release -v q -nologo -clp:ErrorsOnly >"$BENCH_DIR/apphost-build.log" 2>&1 \
    || { cat "$BENCH_DIR/apphost-build.log" >&2; bench_fail "build of the AppHost"; }
  # The same launch profile as scripts/run.sh, so the same ports: they must be free.
  local busy
  for busy in 8080 8081 8082 8083 9090 18888; do
    ! ss -ltnH "( sport = :$busy )" | grep -q . || bench_fail "port $busy is in use (is the system already running?)"
  done
  start_bg apphost dotnet run --no-build -c Release --project "$REPO/EventPipeline.AppHost" --launch-profile http -- \
    --Infrastructure:Mode=local --Infrastructure:StateDirectory="$BENCH_DIR/apphost-state" \
    --Parameters:demo-client-secret="$DEMO_SECRET" --Parameters:admin-client-secret="$ADMIN_SECRET"
  local apphost=$BG_PID url="http://127.0.0.1:8083"
  wait_until 300 "the AppHost's API" curl -sf "$url/health"
  local rate dll="$REPO/EventPipeline.LoadGen/bin/Release/net10.0/EventPipeline.LoadGen.dll"
  # A warm-up the check does not see, on clients the checked runs do not use.
  dotnet "$dll" steady --rps 1000 --duration "$WARMUP" --clients 20 --url "$url" --secret "$DEMO_SECRET" >/dev/null 2>&1 || true
  for rate in 500 2000 5000; do
    sleep 11  # every client's bucket refills to capacity (100 at 10/s) before it is checked again
    bench_say "apphost: --check at $rate/s over 10 clients..."
    local json="$BENCH_DIR/apphost-$rate.json"
    dotnet "$dll" steady --rps "$rate" --duration "$DURATION" --clients 10 --url "$url" --secret "$DEMO_SECRET" \
      --payload-bytes 150 --check --capacity 100 --refill 10 --json "$json" >"$BENCH_DIR/apphost-$rate.log" 2>&1 || true
    [ -s "$json" ] || { tail -20 "$BENCH_DIR/apphost-$rate.log" >&2; bench_fail "LoadGen at $rate/s through the AppHost"; }
    record "apphost.check_${rate}.passed" "$(jq '.check.passed | if . then 1 else 0 end' "$json")"
    record "apphost.check_${rate}.over_admitted" "$(jq '[.check.clients[] | (.admitted - .upperBound) | if . > 0 then . else 0 end] | add' "$json")"
    record "apphost.check_${rate}.max_travel_s" "$(jq '[.check.clients[].maxTravelSeconds] | max' "$json")"
    record "apphost.check_${rate}.answered_rps" "$(jq '.answeredRps' "$json")"
    record "apphost.check_${rate}.p99_ms" "$(jq '.latency.p99Ms' "$json")"
  done
  record apphost.limiter_fallback_share "$(replicas_fallback_share)"
  stop_bg "$apphost"
}

# The fallback share over every API replica the AppHost started, each scraped on its own port.
replicas_fallback_share() {
  local pid rport all=""
  for pid in $(pgrep -f "EventPipeline.Api/bin/Release/net10.0/EventPipeline.Api$"); do
    rport=$(ss -ltnpH "( sport > :1024 )" 2>/dev/null | grep "pid=$pid," | awk '{ print $4 }' | sed 's/.*://' | head -1)
    [ -n "$rport" ] && all+=$(curl -sf "http://127.0.0.1:$rport/metrics")$'\n'
  done
  awk '
    /^eventpipeline_limiter_decisions_total/ {
      match($0, /result="[^"]+"/); result = substr($0, RSTART + 8, RLENGTH - 9)
      total += $NF; if (result ~ /^(local|local_limited|failed_open|failed_closed)$/) fallback += $NF
    }
    END { printf "%.4f\n", (total > 0 ? fallback / total : 0) }' <<<"$all"
}
