#!/usr/bin/env bash
# Three read-path costs side by side, in one run, on PostgreSQL (docs/benchmarks.md, "Read-path costs"):
#
#   bash bench/read-cost.sh
#
# GET /api/v1/contacts/{id} throughput of (a) Steward as shipped, (b) with a permit-all access policy, (c) with
# auditing off, (d) as shipped on a second dataset whose contact personal fields were reclassified internal before
# loading, (e) the same as d with steward.audit.all-reads=true (every read audited, as a's are). Each server is warmed
# once, then measured at each number of clients in turn (32: a b c d e, 48: a b c d e, ...), round after round; a
# variant's throughput is its best over the numbers of clients. Prints requests/s, p50, p99 and CPU per request for
# every phase and the ratios 1 - a/b, a/c, a/d, c/d, a/e of the best throughputs (and per number of clients).
# (b) and (c) are bench-only beans from the test sources (io.steward.bench.ReadCostServer), never in the jar.
#
# Builds the classes; uses the local PostgreSQL binaries if present (a private cluster under /tmp on a private port,
# removed afterwards), otherwise the embedded PostgreSQL of the tests; loads both datasets with demo-data; starts
# the five servers on loopback ports; drives them with the load driver; stops everything.
#
# Settings (environment): CONTACTS=100000 CLIENTS=32,48,64 WARMUP=300 (at most, once per server) SETTLE=5 DURATION=30 ROUNDS=2
#                         DB=auto|postgres|embedded
#                         PORT=18180 (five ports from here) PG_PORT=55433 SKIP_BUILD=1 KEEP=1 (keep the work folder)
#                         SERVER_JAVA_OPTS='-Xmx2g' (JVM options for the five servers)
#                         VARIANTS=abcde (run fewer for a quicker look at one ratio, e.g. VARIANTS=ac)
#                         SERVER_CPUS=0 DB_CPUS=1 (during the rounds, the servers on CPU 0 and PostgreSQL with the load
#                         driver on CPU 1, as if the database had a machine of its own; default: all share every CPU)
set -euo pipefail

CONTACTS=${CONTACTS:-100000}
CLIENTS=${CLIENTS:-32,48,64}
WARMUP=${WARMUP:-300}
SETTLE=${SETTLE:-5}
DURATION=${DURATION:-30}
ROUNDS=${ROUNDS:-2}
DB=${DB:-auto}
PORT=${PORT:-18180}
PG_PORT=${PG_PORT:-55433}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/steward-readcost.XXXXXX)
. "$ROOT/bench/private-postgres.sh"

log() { printf '\n== %s\n' "$*" >&2; }

cleanup() {
  pg_stop
  if [ "${KEEP:-0}" = 1 ]; then echo "Work folder kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# --- build: the application classes (the jar's content) and the benchmark from the test sources
cd "$ROOT"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "Compiling the application and the benchmark"
  ./mvnw -q -B -ntp test-compile
fi
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
CLASSPATH_ALL="$ROOT/target/classes:$ROOT/target/test-classes:$(cat "$WORK/classpath.txt")"

# --- database
DB_ARGS=()
if [ "$DB" = auto ]; then
  if pg_available; then DB=postgres; else DB=embedded; fi
fi
if [ "$DB" = postgres ]; then
  log "Starting a private PostgreSQL on 127.0.0.1:$PG_PORT"
  pg_start "$WORK" "$PG_PORT"
  DB_ARGS=(--pg-port "$PG_PORT" --pg-user steward)
  export STEWARD_DB_PASSWORD=""
fi

PIN_ARGS=()
if [ -n "${SERVER_CPUS:-}${DB_CPUS:-}" ]; then
  PIN_ARGS=(--server-cpus "${SERVER_CPUS:?SERVER_CPUS and DB_CPUS go together}" --db-cpus "${DB_CPUS:?SERVER_CPUS and DB_CPUS go together}")
fi

# --- the benchmark (loads, starts the servers, drives them, stops them; prints the summary on stdout)
java -cp "$CLASSPATH_ALL" io.steward.bench.ReadCostBenchmark --work "$WORK" --contacts "$CONTACTS" --clients "$CLIENTS" \
  --warmup "$WARMUP" --settle "$SETTLE" --duration "$DURATION" --rounds "$ROUNDS" --variants "${VARIANTS:-abcde}" --port "$PORT" --server-java-opts "${SERVER_JAVA_OPTS:-}" "${DB_ARGS[@]}" "${PIN_ARGS[@]}"
