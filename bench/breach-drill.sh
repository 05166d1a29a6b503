#!/usr/bin/env bash
# The breach drill (docs/monitoring.md): builds Steward, starts it on H2 in a temporary data folder in drill
# mode (loopback only; requests may carry their simulated time), replays weeks of ordinary work by many staff
# plus four attacks, prints what got out before containment, and stops the server.
#
#   bash bench/breach-drill.sh
#
# Sizes: DRILL_USERS (30), DRILL_DAYS (35), DRILL_CONTACTS (3000), DRILL_THREADS (4), DRILL_MINUTES (20, bounds the replay).
set -euo pipefail
cd "$(dirname "$0")/.."

data="$(mktemp -d -t steward-drill-XXXXXX)"
log="$data/server.log"
port="${DRILL_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"
export STEWARD_ADMIN_EMAIL="${STEWARD_ADMIN_EMAIL:-drill-admin@drill.example.test}"
export STEWARD_ADMIN_PASSWORD="${STEWARD_ADMIN_PASSWORD:-Quiet-Harbor-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
server=""
cleanup() {
  if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [[ -n "${DRILL_KEEP:-}" ]]; then echo "kept $data"; else rm -rf "$data"; fi
}
trap cleanup EXIT

echo "building (jar and the drill driver)…"
./mvnw -q -B -o -DskipTests package
./mvnw -q -B -o dependency:build-classpath -Dmdep.outputFile="$data/cp.txt" -Dmdep.includeScope=test >/dev/null
jar="target/steward.jar"

echo "starting Steward on 127.0.0.1:$port (data in $data)…"
STEWARD_DATA_DIR="$data" STEWARD_MASTER_PASSPHRASE="drill-only-passphrase-not-for-real-data" \
  java -Xmx1g -jar "$jar" --server.address=127.0.0.1 --server.port="$port" \
    --steward.monitoring.drill-clock=true --server.forward-headers-strategy=native \
    --steward.access.max-external-grant=120d --steward.monitoring.vendor-hours=07-19 >"$log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then echo "Steward did not start:"; grep -v "^\s*at " "$log" | grep -m10 -A2 -i "exception\|error"; exit 1; fi
  sleep 1
done

timeout "$(( ${DRILL_MINUTES:-20} * 60 + 600 ))" \
  java -cp "target/test-classes:target/classes:$(cat "$data/cp.txt")" io.steward.bench.BreachDrill "http://127.0.0.1:$port"
