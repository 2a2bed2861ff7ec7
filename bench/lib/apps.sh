# The API and the bench apps, started from their Release builds on free ports. Sourced after infra.sh.

SIGNING_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '/+=' | head -c 64)
DEMO_SECRET=bench-demo-secret-0123456789abcdef
ADMIN_SECRET=bench-admin-secret-0123456789abcdef

build_release() {
  bench_say "building (Release)..."
  local project
  for project in EventPipeline.LocalServers.Cli EventPipeline.Api bench/FloorApi EventPipeline.LoadGen bench/BareKestrel bench/Peers/RedisRateLimitingApi bench/limiter/LimiterBenchmark.csproj; do
    dotnet build "$REPO/$project" -c Release -v q -nologo -clp:ErrorsOnly >"$BENCH_DIR/build.log" 2>&1 \
      || { cat "$BENCH_DIR/build.log" >&2; bench_fail "build of $project"; }
  done
}

# start_api [NAME=VALUE...]: the API alone (no AppHost, no dashboard), production settings plus the
# given overrides; sets API_PORT and API_PID.
start_api() { start_api_from "$REPO/EventPipeline.Api/bin/Release/net10.0/EventPipeline.Api.dll" "$@"; }

# start_floor_api [NAME=VALUE...]: the same API composed with the benchmark-only floor modes
# (bench/FloorApi: Ingestion__WriteMode, Limiting__ScriptCaching).
start_floor_api() { start_api_from "$REPO/bench/FloorApi/bin/Release/net10.0/FloorApi.dll" "$@"; }

start_api_from() {
  local dll=$1; shift
  API_PORT=$(free_port)
  start_bg "api-$API_PORT" env ASPNETCORE_URLS="http://127.0.0.1:$API_PORT" ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__redis="127.0.0.1:$REDIS_PORT" ConnectionStrings__eventsdb="$PG_CONNECTION" \
    Identity__SigningKey="$SIGNING_KEY" Identity__DemoClients=true Identity__DemoClientSecret="$DEMO_SECRET" Identity__AdminClientSecret="$ADMIN_SECRET" \
    Logging__LogLevel__Default=Warning "$@" \
    dotnet "$dll"
  API_PID=$BG_PID
  wait_http "http://127.0.0.1:$API_PORT/health"
}

# Limits so high that nothing is refused: for the runs that measure storing, not refusing.
UNLIMITED=(Limiting__Default__Capacity=1000000000 Limiting__Default__Refill=1000000000)

# start_ceiling parse|jwt|jwt-redis: sets APP_PORT and APP_PID.
start_ceiling() {
  APP_PORT=$(free_port)
  start_bg "ceiling-$1" env ASPNETCORE_URLS="http://127.0.0.1:$APP_PORT" Ceiling="$1" Identity__SigningKey="$SIGNING_KEY" \
    ConnectionStrings__redis="127.0.0.1:$REDIS_PORT" dotnet "$REPO/bench/BareKestrel/bin/Release/net10.0/BareKestrel.dll"
  APP_PID=$BG_PID
  wait_listening "http://127.0.0.1:$APP_PORT/"
}

# start_peer peer|ours CAPACITY REFILL: the same endpoint behind RedisRateLimiting or our limiter.
start_peer() {
  APP_PORT=$(free_port)
  start_bg "peer-$1" env ASPNETCORE_URLS="http://127.0.0.1:$APP_PORT" Limiter="$1" Limit__Capacity="$2" Limit__Refill="$3" \
    Identity__SigningKey="$SIGNING_KEY" ConnectionStrings__redis="127.0.0.1:$REDIS_PORT" \
    dotnet "$REPO/bench/Peers/RedisRateLimitingApi/bin/Release/net10.0/RedisRateLimitingApi.dll"
  APP_PID=$BG_PID
  wait_listening "http://127.0.0.1:$APP_PORT/"
}

# token URL CLIENT: a bearer token from the app's /auth/token (the bench apps mint one for any client).
token() {
  curl -sf -X POST "$1/auth/token" -d grant_type=client_credentials -d client_id="$2" -d client_secret="$DEMO_SECRET" \
    | jq -er .access_token || bench_fail "no token for $2 from $1"
}
