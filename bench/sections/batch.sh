# Batches of 100 events per request: events stored per second, counted in PostgreSQL.

section_batch() {
  ensure_unlimited_api
  local url="http://127.0.0.1:$API_PORT" token before after rps p50 p99 err n cpu
  bench_say "batch: POST /v1/events/batch, 100 events per request..."
  token=$(token "$url" loadgen-20)
  BENCH_BATCH=100 wrk_warmup "$url" "$token" "$REPO/bench/lib/batch.lua"
  before=$(psql_bench "select count(*) from events where client_id = 'loadgen-20'")
  read -r rps p50 p99 err n cpu < <(BENCH_BATCH=100 SKIP_WARMUP=1 wrk_run "$url" "$token" "$REPO/bench/lib/batch.lua" "$DURATION" "$API_PID")
  after=$(psql_bench "select count(*) from events where client_id = 'loadgen-20'")
  record batch.requests_per_s "$rps"
  record batch.p99_ms "$p99"
  record batch.not_2xx "$err"
  record batch.events_per_s "$(python3 -c "print(round(($after - $before) / $DURATION, 1))")"
}
