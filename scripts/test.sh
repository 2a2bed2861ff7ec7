#!/usr/bin/env bash
# Runs every test, cheapest first: unit, integration (real Redis and PostgreSQL), security (attacks
# over HTTP on the real services), resilience (the harness's fault scenarios, a few seconds each),
# end-to-end (the real AppHost), browser (headless Chromium). Stops at the first stage that fails.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh

ensure_dotnet
ensure_local_infrastructure
ensure_prometheus
ensure_chromium

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build EventPipeline.sln -c Debug -warnaserror 2>&1 | tail -n 3

# CI shows only the end of the output, so a failing stage repeats its failures (name, message, the
# top of the stack) after the noise of the run.
print_failures() {
  awk '
    /^  Failed [^ ]/ { showing = 1; lines = 0; print ""; }
    /^  (Passed|Skipped) [^ ]/ || /^Test Run / { showing = 0 }
    showing && lines++ < 40 { print }
  ' "$1"
}

passed=0 failed=0 skipped=0
for stage in Unit Integration Security Resilience EndToEnd Browser; do
  say "test stage: $stage"
  log=$(mktemp)
  set +e
  dotnet test EventPipeline.Tests --no-build --filter "Cost=$stage" --logger "console;verbosity=normal" > >(tee "$log") 2>&1
  status=$?
  set -e
  wait  # for tee to finish writing the log
  # The console logger's closing lines: "Passed: N", "Failed: N", "Skipped: N" (absent when zero).
  count() { grep -E "^ +$1: +[0-9]+$" "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0; }
  passed=$((passed + $(count Passed))) failed=$((failed + $(count Failed))) skipped=$((skipped + $(count Skipped)))
  if [ "$status" != 0 ]; then
    print_failures "$log"
    rm -f "$log"
    echo "tests: $passed passed, $failed failed, $skipped skipped"
    say "stage $stage failed"
    exit "$status"
  fi
  rm -f "$log"
done

echo "tests: $passed passed, $failed failed, $skipped skipped"
