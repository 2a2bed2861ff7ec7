#!/usr/bin/env bash
# Before/after for the limiter alone: the decision harness (bench/limiter) of two checkouts, run
# alternately against one fresh redis-server, so the machine's drift hits both builds alike.
#
#   bench/interleave-limiter.sh OTHER_CHECKOUT [--rounds 3] [--seconds 10] [--rates 10000,30000]
#
# Both checkouts must have bench/limiter built in Release. Prints one line per run and build.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
OTHER=$(cd "$1" && pwd); shift
ROUNDS=3 SECONDS_EACH=10 RATES=10000,30000
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --seconds) SECONDS_EACH=$2; shift 2 ;;
    --rates) RATES=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
# The redis-server comes from bench's own infra (EventPipeline.LocalServers), stopped on exit.
source "$REPO/bench/lib/infra.sh"
start_local_redis redis
port=$SERVER_PORT
IFS=, read -r -a rates <<<"$RATES"
for round in $(seq 1 "$ROUNDS"); do
  for rate in "${rates[@]}"; do
    for tree in "$OTHER" "$REPO"; do
      result=$(dotnet "$tree/bench/limiter/bin/Release/net10.0/LimiterBenchmark.dll" "127.0.0.1:$port" "$SECONDS_EACH" 50 "$rate" | grep '^RESULT')
      echo "round $round rate $rate $(git -C "$tree" rev-parse --short HEAD) $result"
    done
  done
done
