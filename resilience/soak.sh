#!/usr/bin/env bash
# Soak (issue 8, not in CI): an hour of wave traffic against the same system run.sh starts;
# reports replica memory, Redis key count and p99 drift, and reconciles the ledger at the end.
#   resilience/soak.sh [--duration 3600] [--out DIR]
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "building (Release)..." >&2
dotnet build "$REPO/EventPipeline.Api" -c Release -v q -nologo >/dev/null
dotnet build "$REPO/resilience/EventPipeline.Resilience" -c Release -v q -nologo >/dev/null

exec dotnet "$REPO/resilience/EventPipeline.Resilience/bin/Release/net10.0/EventPipeline.Resilience.dll" soak "$@"
