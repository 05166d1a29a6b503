#!/usr/bin/env bash
# End-to-end load benchmark of Steward on this machine, in one command:
#
#   bash bench/run-e2e.sh
#
# Builds the jar; uses the local PostgreSQL binaries if present (a private cluster under /tmp on a private
# port, removed afterwards), otherwise embedded H2; loads demo data through the CLI; starts the server and
# measures start-up; creates an API token with the CLI while the server runs; drives the REST API with
# the load driver (loopback only) three times: flat-out GETs (throughput), GETs at a fixed rate (latency at
# that load) and a mix with list pages; prints a summary.
#
# Settings (environment): CONTACTS=100000 CLIENTS=16 DURATION=60 WARMUP=10 DB=auto|postgres|h2
#                         RATE=1500 (requests/s of the fixed-schedule latency run)
#                         PORT=18080 PG_PORT=55432 SKIP_BUILD=1 KEEP=1 (keep the work folder)
#                         SERVER_JAVA_OPTS='-XX:StartFlightRecording=...' (JVM options for the server only)
set -euo pipefail

CONTACTS=${CONTACTS:-100000}
CLIENTS=${CLIENTS:-16}
DURATION=${DURATION:-60}
WARMUP=${WARMUP:-10}
DB=${DB:-auto}
PORT=${PORT:-18080}
PG_PORT=${PG_PORT:-55432}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR="$ROOT/target/steward.jar"
WORK=$(mktemp -d /tmp/steward-bench.XXXXXX)
SERVER_PID=""
. "$ROOT/bench/private-postgres.sh"

log() { printf '\n== %s\n' "$*" >&2; }

cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  pg_stop
  if [ "${KEEP:-0}" = 1 ]; then echo "Work folder kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# --- build
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "Building the jar and the load driver"
  (cd "$ROOT" && ./mvnw -q -B -DskipTests package)
fi

# --- database
if [ "$DB" = auto ]; then
  if pg_available; then DB=postgres; else DB=h2; fi
fi
if [ "$DB" = postgres ]; then
  log "Starting a private PostgreSQL on 127.0.0.1:$PG_PORT"
  pg_start "$WORK" "$PG_PORT"
  "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U steward -d postgres -c "create database steward"
  export STEWARD_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/steward" STEWARD_DB_USER=steward STEWARD_DB_PASSWORD=""
  DB_LABEL="PostgreSQL $PG_VERSION"
else
  DB_LABEL="H2 (embedded file, AUTO_SERVER)"
fi

# --- one data folder and one passphrase for the CLI and the server (bench-only values)
mkdir -p "$WORK/data"
export STEWARD_DATA_DIR="$WORK/data"
export STEWARD_MASTER_PASSPHRASE="bench-only-passphrase-$(date +%s)-$RANDOM"
export STEWARD_ADMIN_EMAIL="bench-admin@example.com"
export STEWARD_ADMIN_PASSWORD="bench only, never a real password 4711"

# --- demo data
log "Loading demo data: $CONTACTS contacts (+ companies, deals, activities) on $DB_LABEL"
t0=$(date +%s.%N)
java -jar "$JAR" demo-data --contacts "$CONTACTS" | tee "$WORK/demo.txt"
t1=$(date +%s.%N)
DEMO_WALL=$(awk "BEGIN{printf \"%.1f\", $t1 - $t0}")

# --- server start-up
log "Starting the server on 127.0.0.1:$PORT"
t0=$(date +%s.%N)
# Monitoring would (rightly) contain an account that reads 100,000 contacts in a minute: it is switched off here;
# its own cost is measured by the breach drill (bench/breach-drill.sh).
java ${SERVER_JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 --steward.monitoring.enabled=false >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
  if curl -fsS "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"UP"'; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "The server stopped; see its log:" >&2; tail -50 "$WORK/server.log" >&2; exit 1; fi
  sleep 0.2
done
t1=$(date +%s.%N)
STARTUP_WALL=$(awk "BEGIN{printf \"%.1f\", $t1 - $t0}")
STARTED_LINE=$(grep -o 'Started StewardApplication in [0-9.]* seconds' "$WORK/server.log" | head -1 || true)

# --- token from the CLI while the server runs on the same data
log "Creating an API token with the CLI beside the running server"
# (the first administrator is created just after the server reports healthy, so retry briefly)
umask 077
for attempt in $(seq 1 20); do
  if java -jar "$JAR" token create --user "$STEWARD_ADMIN_EMAIL" --name "load benchmark" --expires-in 1d >"$WORK/token.txt" 2>"$WORK/token.err"; then
    break
  fi
  if [ "$attempt" = 20 ]; then cat "$WORK/token.err" >&2; exit 1; fi
  sleep 1
done
umask 022
NO_TOKEN=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/v1/contacts")
WITH_TOKEN=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(cat "$WORK/token.txt")" "http://127.0.0.1:$PORT/api/v1/contacts")
echo "GET /api/v1/contacts: HTTP $NO_TOKEN without the token, HTTP $WITH_TOKEN with it (401 would mean the token was refused)" >&2

# --- load: three runs against the same server
drive() { # label, extra driver options...
  local label=$1; shift
  log "Driving the REST API: $label"
  java -cp "$ROOT/target/test-classes" io.steward.bench.LoadDriver --base "http://127.0.0.1:$PORT" --token-file "$WORK/token.txt" \
    --clients "$CLIENTS" --duration "$DURATION" --warmup "$WARMUP" "$@" | tee -a "$WORK/driver.txt"
}
set +e
DRIVER_RC=0
drive "throughput: GET one contact, $CLIENTS clients each sending as soon as answered" --list-share 0 || DRIVER_RC=1
drive "latency at ${RATE:-1500} requests/s: GET one contact, $CLIENTS clients on a fixed schedule" --list-share 0 --rate "${RATE:-1500}" || DRIVER_RC=1
drive "mixed: 80% GET one contact, 20% list pages of 50 sorted by last name, $CLIENTS clients" --list-share 0.2 || DRIVER_RC=1
set -e

# --- summary
log "Summary"
{
  echo "date:        $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "machine:     $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
  echo "database:    $DB_LABEL"
  echo "demo-data:   $(grep -h '^Created' "$WORK/demo.txt" || echo 'failed') (wall incl. JVM start ${DEMO_WALL}s)"
  echo "start-up:    ${STARTUP_WALL}s to healthy ($STARTED_LINE)"
  echo "cli token:   made beside the running server; API answered $NO_TOKEN without it, $WITH_TOKEN with it"
  echo "load avg:    $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine skews every figure)"
  if [ "$DRIVER_RC" = 0 ]; then
    grep -h -E '^(first list|RESULT)' "$WORK/driver.txt" | sed 's/^/load:        /'
  else
    echo "load:        the driver failed (exit $DRIVER_RC); see above"
  fi
} | tee "$WORK/summary.txt"
exit "$DRIVER_RC"
