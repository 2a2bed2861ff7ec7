#!/usr/bin/env bash
# Refreshes docs/images/dashboard-{steady,burst,wave}.png: starts the whole system through the
# AppHost, drives each load profile from the dashboard's own controls, and photographs the page.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh
ensure_dotnet
ensure_local_infrastructure
ensure_chromium
dotnet build EventPipeline.Tests -v q -nologo >/dev/null
SCREENSHOT_DIR="$PWD/docs/images" dotnet test EventPipeline.Tests --no-build --filter "Cost=Screenshots"
ls -la docs/images/dashboard-*.png
