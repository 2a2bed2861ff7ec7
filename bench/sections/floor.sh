# The original's design as the floor: our API with one INSERT and commit per event and EVAL with
# the script text per decision (Ingestion:WriteMode=PerRequest, Limiting:ScriptCaching=false),
# composed by bench/FloorApi: the production API carries neither mode.

section_floor() {
  stop_unlimited_api
  local mode rps p50 p99 err n cpu url token
  for mode in floor:PerRequest:false commit_per_request:PerRequest:true eval_per_request:GroupCommit:false; do
    IFS=: read -r name write caching <<<"$mode"
    [ "$name" = floor ] || [ -z "$QUICK" ] || continue
    bench_say "floor: API with Ingestion:WriteMode=$write, Limiting:ScriptCaching=$caching..."
    start_floor_api "${UNLIMITED[@]}" Ingestion__WriteMode="$write" Limiting__ScriptCaching="$caching"
    url="http://127.0.0.1:$API_PORT"
    token=$(token "$url" loadgen-18)
    read -r rps p50 p99 err n cpu < <(wrk_run "$url" "$token" "" "$DURATION" "$API_PID")
    record "floor.$name.rps" "$rps"
    record "floor.$name.p99_ms" "$p99"
    record "floor.$name.cpu_us" "$cpu"
    stop_bg "$API_PID"
  done
}
