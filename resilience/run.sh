#!/usr/bin/env bash
# Resilience harness (issue 8): starts redis-server, PostgreSQL and two API replicas on free ports,
# drives them open loop with a ledger of every request, injects one fault at a time, reconciles
# the ledger against PostgreSQL and prints each scenario's figures. Release build.
#   resilience/run.sh [scenario...|all] [--duration 20] [--failure-mode Local|Closed|Open] [--out DIR]
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "building (Release)..." >&2
dotnet build "$REPO/EventPipeline.Api" -c Release -v q -nologo >/dev/null
dotnet build "$REPO/resilience/EventPipeline.Resilience" -c Release -v q -nologo >/dev/null

[ $# -eq 0 ] || [[ $1 == --* ]] && set -- all "$@"
exec dotnet "$REPO/resilience/EventPipeline.Resilience/bin/Release/net10.0/EventPipeline.Resilience.dll" scenarios "$@"
