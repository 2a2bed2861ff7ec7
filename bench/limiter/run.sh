#!/usr/bin/env bash
# Limiter benchmark: a bare `redis-benchmark` EVALSHA of the limiter script and the C# decision
# path, against the same fresh redis-server, in one invocation. Usage: run.sh [seconds] [clients]
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_TO_RUN=${1:-10}
CLIENTS=${2:-50}
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

redis-server --port "$PORT" --bind 127.0.0.1 --save "" --appendonly no >/dev/null &
REDIS_PID=$!
trap 'kill "$REDIS_PID" 2>/dev/null || true' EXIT
until redis-cli -p "$PORT" ping >/dev/null 2>&1; do sleep 0.1; done

dotnet build -c Release LimiterBenchmark.csproj -v quiet -nologo

SHA=$(redis-cli -p "$PORT" SCRIPT LOAD "$(cat ../../EventPipeline.Api/Limiting/token_bucket.lua)")
echo "redis-benchmark EVALSHA (bare script, Redis clock, $CLIENTS clients):"
redis-benchmark -p "$PORT" -c "$CLIENTS" -n $((20000 * SECONDS_TO_RUN)) -r 1000 --csv \
    EVALSHA "$SHA" 1 'ep:{bench-__rand_int__}:ingest' 1 -1 100 10
redis-cli -p "$PORT" FLUSHALL >/dev/null

echo "EventPipeline limiter (DistributedLimiter, $CLIENTS workers):"
dotnet bin/Release/net10.0/LimiterBenchmark.dll "127.0.0.1:$PORT" "$SECONDS_TO_RUN" "$CLIENTS"
