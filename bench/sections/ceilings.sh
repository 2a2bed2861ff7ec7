# Ceilings: what the machine does with each part of the path alone, measured in this run.

section_ceilings() {
  local rps p50 p99 err n cpu
  for ceiling in parse jwt jwt-redis; do
    bench_say "ceiling: bare Kestrel ($ceiling)..."
    start_ceiling "$ceiling"
    local url="http://127.0.0.1:$APP_PORT" token=""
    [ "$ceiling" = parse ] || token=$(token "$url" bench-ceiling)
    read -r rps p50 p99 err n cpu < <(wrk_run "$url" "$token" "" "$DURATION" "$APP_PID")
    [ "$err" = 0 ] || bench_fail "ceiling $ceiling answered $err errors or non-2xx"
    record "ceiling.kestrel_${ceiling//-/_}.rps" "$rps"
    record "ceiling.kestrel_${ceiling//-/_}.p99_ms" "$p99"
    record "ceiling.kestrel_${ceiling//-/_}.cpu_us" "$cpu"
    stop_bg "$APP_PID"
  done

  bench_say "ceiling: redis-benchmark EVALSHA of the limiter script..."
  local sha requests=$((20000 * DURATION))
  sha=$(redis-cli -p "$REDIS_PORT" SCRIPT LOAD "$(cat "$REPO/EventPipeline.Api/Limiting/Redis/token_bucket.lua")")
  for pipeline in 1 16; do
    rps=$(redis-benchmark -p "$REDIS_PORT" -c 50 -P "$pipeline" -n $((requests * pipeline)) -r 1000 --csv \
      EVALSHA "$sha" 1 'ep:{bench-__rand_int__}:ingest' -1 1 1 1000000000 1000000000 | tail -1 | cut -d, -f2 | tr -d '"')
    record "ceiling.redis_evalsha_p${pipeline}.ops" "$rps"
  done

  bench_say "ceiling: PostgreSQL inserts, fsync on (pgbench, 16 clients) and COPY..."
  # The API's migrations make the events table; it is stopped again so it idles on no core.
  ensure_unlimited_api
  stop_unlimited_api
  local tps
  for shape in pg-insert:1 pg-insert-100:100; do
    tps=$(PGPASSWORD=$PG_PASSWORD "$(pg_bin_dir)/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c 16 -j 2 -T "$DURATION" \
      -f "$REPO/bench/lib/${shape%%:*}.sql" eventsdb 2>"$BENCH_DIR/pgbench.log" | sed -nE 's/^tps = ([0-9.]+).*/\1/p') || true
    [ -n "$tps" ] || { cat "$BENCH_DIR/pgbench.log" >&2; bench_fail "pgbench ${shape%%:*}"; }
    record "ceiling.pg_rows_per_commit_${shape##*:}.rows" "$(python3 -c "print(round($tps * ${shape##*:}, 1))")"
  done
  record "ceiling.pg_copy.rows" "$(pg_copy_rows_per_s $((50000 * DURATION)))"
}
