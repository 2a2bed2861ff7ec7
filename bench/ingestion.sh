#!/usr/bin/env bash
# The ingestion benchmark of issue 5, now two sections of bench/run.sh: the ceilings (Kestrel,
# PostgreSQL) and POST /v1/events end to end. Options are run.sh's (--duration, --connections, ...).
exec "$(dirname "$0")/run.sh" --only ceilings,e2e "$@"
