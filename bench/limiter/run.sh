#!/usr/bin/env bash
# The limiter benchmark, now sections of bench/run.sh: the redis-benchmark EVALSHA ceilings and the
# limiter's own figures (429-path CPU, decision p99 at 10,000/s). Options are run.sh's.
exec "$(dirname "$0")/../run.sh" --only ceilings,limiter "$@"
