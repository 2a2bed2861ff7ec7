# Growth (issue 15): ingest rows/s on an empty events table, then again after PRELOAD_ROWS rows
# already stored, batch and single-event paths, in the same run. The preload is what months of
# traffic leave behind: rows spread evenly over the PRELOAD_DAYS days before the current
# partition, written server-side (INSERT ... SELECT generate_series), with their dedup keys where
# the dedup window still covers them. The current partition and today's key window start empty
# both times, as they do every day in production (see README, "Storage layout").

section_growth() {
  ensure_unlimited_api
  bench_say "growth: emptying events and event_keys..."
  psql_bench "truncate events, event_keys" >/dev/null
  growth_measure empty
  # The empty runs left ~600,000 rows in today's partition and its key window; measured on top of
  # them, the preloaded runs paid for a fuller day (random event ids: index inserts that outgrow
  # shared_buffers), not for the history, and read 0.64-0.87x.
  psql_bench "truncate events, event_keys" >/dev/null
  growth_preload "$PRELOAD_ROWS" "$PRELOAD_DAYS"
  record growth.preloaded_rows "$(psql_bench "select count(*) from events where client_id like 'preload-%'")"
  record growth.events_bytes "$(psql_bench "select sum(pg_total_relation_size(inhrelid)) from pg_inherits where inhparent = 'events'::regclass")"
  growth_measure preloaded
  record growth.ratio.batch "$(python3 -c "print(round($(growth_get preloaded.batch) / $(growth_get empty.batch), 3))")"
  record growth.ratio.single "$(python3 -c "print(round($(growth_get preloaded.single) / $(growth_get empty.single), 3))")"
}

growth_get() { jq -r --arg k "growth.$1.events_per_s" '.[$k]' "$MEASUREMENTS"; }

# growth_measure LABEL: events stored per second through each path, counted in PostgreSQL; the
# median of GROWTH_RUNS (3) runs of DURATION. One run of the batch path swung by ±20 % between
# identical runs (admission control sheds about half of wrk's batches at 64 connections, in bursts),
# so a ratio of two single runs read anything from 0.64x to 1.14x on the same code.
growth_measure() {
  local url="http://127.0.0.1:$API_PORT" token before after rps p50 p99 err n cpu run rates errs p99s
  for path in batch single; do
    local client=loadgen-20 lua="$REPO/bench/lib/batch.lua"
    [ "$path" = batch ] || { client=loadgen; lua="$REPO/bench/lib/events.lua"; }
    bench_say "growth ($1): $path path, ${GROWTH_RUNS:-3} runs..."
    token=$(token "$url" "$client")
    BENCH_BATCH=100 wrk_warmup "$url" "$token" "$lua"
    rates=() errs=0 p99s=()
    for run in $(seq 1 "${GROWTH_RUNS:-3}"); do
      psql_bench "checkpoint" >/dev/null
      before=$(psql_bench "select count(*) from events where client_id = '$client'")
      read -r rps p50 p99 err n cpu < <(BENCH_BATCH=100 SKIP_WARMUP=1 wrk_run "$url" "$token" "$lua" "$DURATION" "$API_PID")
      after=$(psql_bench "select count(*) from events where client_id = '$client'")
      rates+=("$(python3 -c "print(round(($after - $before) / $DURATION, 1))")")
      p99s+=("$p99")
      errs=$((errs + err))
    done
    record "growth.$1.$path.runs" "\"${rates[*]}\""
    record "growth.$1.$path.events_per_s" "$(median "${rates[@]}")"
    record "growth.$1.$path.p99_ms" "$(median "${p99s[@]}")"
    record "growth.$1.$path.not_2xx" "$errs"
  done
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

# growth_preload ROWS DAYS: ROWS events over the DAYS whole UTC days before today, each day loaded
# into a bare table that is then attached as that day's partition (the API's name): PostgreSQL
# builds its indexes by sorting, much faster than row by row. Then their keys in today's and
# tomorrow's dedup windows where a retry could still meet them, as the writer would have booked them.
growth_preload() {
  local rows=$1 days=$2 started d per_day
  per_day=$(( (rows + days - 1) / days ))
  bench_say "growth: preloading $rows rows over the $days days before today..."
  started=$(date +%s.%N)
  for d in $(seq 1 "$days"); do
    psql_bench "
      DO \$\$
      DECLARE
        day timestamptz := date_bin('1 day', now(), timestamptz '2000-01-01 00:00:00+00') - $d * interval '1 day';
        part text := 'events_p' || to_char(day AT TIME ZONE 'UTC', 'YYYYMMDD');
      BEGIN
        -- A run that crosses midnight finds yesterday's partition made by the API: fill it in place.
        IF to_regclass(part) IS NULL THEN
          EXECUTE format('CREATE TABLE %I (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
        END IF;
        EXECUTE format(\$sql\$
          INSERT INTO %I (client_id, event_id, source, payload, client_ip, received_at, content_hash)
          SELECT 'preload-' || (n %% 1000), gen_random_uuid()::text, 'bench',
                 jsonb_build_object('user', 'u-' || (n %% 5000), 'action', 'click', 'value', n),
                 '127.0.0.1'::inet, %L::timestamptz + (n * 86399.0 / $per_day) * interval '1 second', decode(md5(n::text), 'hex')
          FROM generate_series(1, LEAST($per_day, $rows - ($d - 1) * $per_day)) AS n\$sql\$, part, day);
        IF NOT EXISTS (SELECT FROM pg_inherits WHERE inhrelid = part::regclass) THEN
          EXECUTE format('ALTER TABLE events ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part, day, day + interval '1 day');
        END IF;
      END \$\$;" >/dev/null || bench_fail "preloading day -$d"
    bench_say "  day -$d loaded"
  done
  psql_bench "
    INSERT INTO event_keys (window_start, client_id, event_id, content_hash)
    SELECT date_bin('1 day', now(), timestamptz '2000-01-01 00:00:00+00'), client_id, event_id, content_hash
    FROM events WHERE client_id LIKE 'preload-%'
      AND received_at >= date_bin('1 day', now(), timestamptz '2000-01-01 00:00:00+00') - interval '1 day'
    ON CONFLICT DO NOTHING" >/dev/null || bench_fail "preloading the dedup keys"
  # What autovacuum would have done to rows this old; psql -c runs its statements in one transaction.
  for statement in "vacuum analyze events" "vacuum analyze event_keys" "checkpoint"; do psql_bench "$statement" >/dev/null; done
  record growth.preload_rows_per_s "$(python3 -c "print(round($rows / ($(date +%s.%N) - $started), 1))")"
}
