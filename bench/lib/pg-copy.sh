# pg_copy_rows_per_s ROWS: COPY of ROWS event rows in one transaction, rows per second.
pg_copy_rows_per_s() {
  local rows=$1 file="$BENCH_DIR/copy.csv"
  python3 - "$rows" "$file" <<'PY'
import sys, uuid
with open(sys.argv[2], "w") as f:
    for _ in range(int(sys.argv[1])):
        f.write(f'bench-copy\t{uuid.uuid4()}\tbench\t{{"user":"u-1234","action":"click","value":42}}\t127.0.0.1\t\\\\x00\n')
PY
  local started ended
  started=$(date +%s.%N)
  PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d eventsdb -q \
    -c "\\copy events (client_id, event_id, source, payload, client_ip, content_hash) from '$file'" >/dev/null \
    || bench_fail "COPY into events"
  ended=$(date +%s.%N)
  python3 -c "print(round($rows / ($ended - $started), 1))"
}
