# The closest .NET peer: the same endpoint (JWT, parse, one limiter call, 202) limited by
# RedisRateLimiting's token bucket and by ours, one at a time, closed loop; admitted and refused.

section_peer() {
  local limiter rps p50 p99 err n cpu url token
  for limiter in peer ours; do
    for path in admitted:1000000000:1000000000 refused:1:1; do
      IFS=: read -r kind capacity refill <<<"$path"
      bench_say "peer: $limiter limiter, $kind..."
      start_peer "$limiter" "$capacity" "$refill"
      url="http://127.0.0.1:$APP_PORT"
      token=$(token "$url" "peer-$limiter-$kind")
      read -r rps p50 p99 err n cpu < <(wrk_run "$url" "$token" "" "$DURATION" "$APP_PID")
      record "peer.$limiter.$kind.rps" "$rps"
      record "peer.$limiter.$kind.p99_ms" "$p99"
      record "peer.$limiter.$kind.cpu_us" "$cpu"
      stop_bg "$APP_PID"
      redis-cli -p "$REDIS_PORT" --scan --pattern 'rl:*' | xargs -r redis-cli -p "$REDIS_PORT" DEL >/dev/null
    done
  done
}
