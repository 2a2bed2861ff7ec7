# Measurements as one flat JSON object of numbers, kept while the run goes on; report.py reads it.

MEASUREMENTS="$BENCH_DIR/measurements.json"
echo '{}' >"$MEASUREMENTS"

# record KEY NUMBER
record() {
  local tmp="$MEASUREMENTS.tmp"
  jq --arg k "$1" --argjson v "$2" '.[$k] = $v' "$MEASUREMENTS" >"$tmp" && mv "$tmp" "$MEASUREMENTS"
  bench_say "  $1 = $2"
}
