# Memory: an API replica's working set under full load, sampled every 5 s; and what an idle
# client's bucket leaves in Redis once its TTL has passed.

section_memory() {
  ensure_unlimited_api
  local url="http://127.0.0.1:$API_PORT" token seconds=$((MEMORY_MINUTES * 60)) samples="$BENCH_DIR/memory.tsv"
  bench_say "memory: full load for $MEMORY_MINUTES min, working set every 5 s..."
  token=$(token "$url" loadgen-19)
  local api_pid=$BG_PID t=0
  start_bg memory-wrk env BENCH_TOKEN="$token" wrk -t2 -c"$BENCH_CONNECTIONS" -d"${seconds}s" -s "$REPO/bench/lib/events.lua" "$url"
  local wrk_pid=$BG_PID
  : >"$samples"
  while [ "$t" -lt "$seconds" ] && alive "$wrk_pid"; do
    printf '%s\t%s\n' "$t" "$(awk '/^VmRSS/ { print $2 / 1024 }' "/proc/$API_PID/status")" >>"$samples"
    sleep 5; t=$((t + 5))
  done
  wait "$wrk_pid" || bench_fail "wrk during the memory run"
  stop_bg "$wrk_pid"
  BG_PID=$api_pid
  # The first minute (or third) is warm-up: pools, JIT and the GC's budgets grow into their size.
  python3 - "$samples" >"$BENCH_DIR/memory.env" <<'PY'
import sys
rows = [float(l.split()[1]) for l in open(sys.argv[1]) if l.strip()]
steady = rows[max(1, min(12, len(rows) // 3)):] or rows
third = max(1, len(steady) // 3)
first, last = sum(steady[:third]) / third, sum(steady[-third:]) / third
print(f"MAX={max(steady):.1f} FIRST={first:.1f} LAST={last:.1f} GROWTH={(last - first) / first * 100:.1f} SAMPLES={len(rows)}")
PY
  # shellcheck disable=SC1091
  source "$BENCH_DIR/memory.env"
  record memory.minutes "$MEMORY_MINUTES"
  record memory.working_set_max_mb "$MAX"
  record memory.working_set_first_mb "$FIRST"
  record memory.working_set_last_mb "$LAST"
  record memory.working_set_growth_pct "$GROWTH"
  cp "$samples" "$RESULTS_DIR/memory-samples.tsv"

  section_memory_redis_buckets
}

# 10,000 client buckets through the limiter's own script on a fresh redis-server, then the
# memory left once their TTL (time to full + 1 s) has passed.
section_memory_redis_buckets() {
  bench_say "memory: Redis bytes per idle client bucket after its TTL..."
  local main_pid=$BG_PID port sha base live keys left after
  start_local_redis redis-buckets
  local pid=$BG_PID
  port=$SERVER_PORT
  sha=$(redis-cli -p "$port" SCRIPT LOAD "$(cat "$REPO/EventPipeline.Api/Limiting/Redis/token_bucket.lua")")
  base=$(redis-cli -p "$port" INFO memory | sed -nE 's/^used_memory:([0-9]+).*/\1/p')
  # Capacity 10 refilling 10/s: one token taken is back in 0.1 s, so each key lives 1.1 s.
  redis-benchmark -p "$port" -c 10 -n 30000 -r 10000 -q EVALSHA "$sha" 1 'ep:{idle-__rand_int__}:ingest' -1 1 1 10 10 >/dev/null
  keys=$(redis-cli -p "$port" DBSIZE)
  live=$(redis-cli -p "$port" INFO memory | sed -nE 's/^used_memory:([0-9]+).*/\1/p')
  for _ in $(seq 1 30); do
    left=$(redis-cli -p "$port" DBSIZE)
    [ "$left" = 0 ] && break
    sleep 1
  done
  after=$(redis-cli -p "$port" INFO memory | sed -nE 's/^used_memory:([0-9]+).*/\1/p')
  record redis.buckets_created "$keys"
  record redis.live_bucket_bytes "$(python3 -c "print(round(($live - $base) / max(1, $keys), 1))")"
  record redis.idle_buckets_left "$left"
  record redis.idle_bucket_bytes "$(python3 -c "print(round(max(0, $after - $base) / max(1, $keys), 1))")"
  stop_bg "$pid"
  BG_PID=$main_pid
}
