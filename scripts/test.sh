#!/usr/bin/env bash
# Runs every test, cheapest first: unit, integration (real Redis and PostgreSQL), end-to-end (the
# real AppHost), browser (headless Chromium). Stops at the first stage that fails.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh

ensure_dotnet
ensure_local_infrastructure
ensure_chromium

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build EventPipeline.sln -c Debug -warnaserror 2>&1 | tail -n 3

passed=0 failed=0 skipped=0
for stage in Unit Integration EndToEnd Browser; do
  say "test stage: $stage"
  log=$(mktemp)
  set +e
  dotnet test EventPipeline.Tests --no-build --filter "Cost=$stage" --logger "console;verbosity=normal" 2>&1 | tee "$log" \
    | grep -E '^\s*(Passed|Failed|Skipped) [A-Za-z]|^(Passed|Failed)!|error' || true
  status=${PIPESTATUS[0]}
  set -e
  summary=$(grep -E '(Passed|Failed)! +- +Failed:' "$log" | tail -n 1 || true)
  if [ -n "$summary" ]; then
    f=$(sed -E 's/.*Failed: *([0-9]+).*/\1/' <<<"$summary")
    p=$(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$summary")
    s=$(sed -E 's/.*Skipped: *([0-9]+).*/\1/' <<<"$summary")
    passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  fi
  rm -f "$log"
  if [ "$status" != 0 ]; then
    echo "tests: $passed passed, $failed failed, $skipped skipped"
    say "stage $stage failed"
    exit "$status"
  fi
done

echo "tests: $passed passed, $failed failed, $skipped skipped"
