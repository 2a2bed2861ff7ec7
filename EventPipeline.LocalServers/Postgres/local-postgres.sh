#!/usr/bin/env bash
# Runs PostgreSQL as a local process for the AppHost's `local` infrastructure mode.
# Environment: PG_BIN_DIR, PG_DATA_DIR, PG_PORT, PG_PASSWORD, PG_DATABASE.
# First run: initdb and the database. Every run: the password is set from the AppHost parameter,
# so a regenerated parameter never locks the services out of their own data.
set -euo pipefail

: "${PG_BIN_DIR:?}" "${PG_DATA_DIR:?}" "${PG_PORT:?}" "${PG_PASSWORD:?}" "${PG_DATABASE:?}"

# postgres refuses to run as root; drop to the postgres user with setpriv, which execs in place
# (unlike su/runuser), so the orchestrator's stop signal reaches the postmaster itself.
as_owner=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  mkdir -p "$PG_DATA_DIR"
  chown postgres:postgres "$PG_DATA_DIR"
  as_owner=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi

if [ ! -s "$PG_DATA_DIR/PG_VERSION" ]; then
  echo "local-postgres: initialising a new cluster in $PG_DATA_DIR"
  # mktemp makes the file 0600: readable by its owner only, which becomes postgres when that is
  # who runs initdb. Never world-readable, not even for the moment initdb takes.
  pwfile=$(mktemp)
  trap 'rm -f "$pwfile"' EXIT
  printf '%s\n' "$PG_PASSWORD" > "$pwfile"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$pwfile"; fi
  "${as_owner[@]}" "$PG_BIN_DIR/initdb" --pgdata="$PG_DATA_DIR" --username=postgres \
    --auth-local=peer --auth-host=scram-sha-256 --pwfile="$pwfile" --encoding=UTF8 --no-instructions
  rm -f "$pwfile"
  trap - EXIT
fi

single_user() { "${as_owner[@]}" "$PG_BIN_DIR/postgres" --single -D "$PG_DATA_DIR" -c exit_on_error=true postgres >/dev/null; }

# Single-user mode runs these before the server accepts connections, so no client is ever
# served by a half-made database.
escaped_password=${PG_PASSWORD//\'/\'\'}
echo "ALTER USER postgres PASSWORD '$escaped_password';" | single_user
if ! echo "SELECT 1/(SELECT count(*) FROM pg_database WHERE datname = '$PG_DATABASE')::int;" | single_user 2>/dev/null; then
  echo "local-postgres: creating database $PG_DATABASE"
  echo "CREATE DATABASE \"$PG_DATABASE\";" | single_user
fi

echo "local-postgres: starting on 127.0.0.1:$PG_PORT"
exec "${as_owner[@]}" "$PG_BIN_DIR/postgres" -D "$PG_DATA_DIR" \
  -c listen_addresses=127.0.0.1 -c port="$PG_PORT" -c unix_socket_directories= \
  -c max_connections=200 -c shared_buffers=256MB -c log_min_messages=warning -c log_checkpoints=off
