#!/usr/bin/env bash
# Starts the whole system: Redis, PostgreSQL, two API replicas (own port :8083) behind the public gateway (http://localhost:8080), the
# limiter dashboard (:8081), the load generator (:8082) and the Aspire dashboard (:18888).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh

ensure_dotnet
ensure_local_infrastructure
ensure_prometheus

# Release: a user's main job is not a debug session (Debug builds cost the limiter its exactness
# under load). The AppHost starts the services from the same configuration's build.
exec dotnet run --configuration Release --project EventPipeline.AppHost --launch-profile http -- "$@"
