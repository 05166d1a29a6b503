#!/usr/bin/env bash
# What one audit event costs PostgreSQL itself, without Steward around it (docs/benchmarks.md, "Read-path costs"):
#
#   bash bench/audit-append-pg.sh
#
# A private cluster from the local binaries (the read-cost benchmark's settings: shared_buffers=512MB,
# synchronous_commit=on), the audit tables from the shipped migrations, PRELOAD events already in them; then one
# pgbench client appends ROWS synthetic read events per transaction (a random one of 100,000 record ids, the field
# names, request id and hashes of a contact read) for DURATION seconds, with prepared statements. Prints events
# appended, the whole cluster's CPU time per event (every PostgreSQL process, including the ones that ended), WAL
# records, full-page images and bytes per event. The synthetic rows are made in the same statement, so a few µs per
# event are their making; compare runs with each other, not with the read-cost benchmark's figures.
#
# Settings (environment): ROWS=16 DURATION=30 PRELOAD=1000000 PG_PORT=55434
#                         VARIANT_SQL=file.sql (run after the migrations, before the preload: e.g. an index dropped)
#                         PG_EXTRA_OPTS='-c synchronous_commit=off' (more server options)
set -euo pipefail

ROWS=${ROWS:-16}
DURATION=${DURATION:-30}
PRELOAD=${PRELOAD:-1000000}
PG_PORT=${PG_PORT:-55434}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/steward-auditpg.XXXXXX)
. "$ROOT/bench/private-postgres.sh"
trap 'pg_stop; rm -rf "$WORK"' EXIT

if ! pg_available; then
  echo "No local PostgreSQL binaries (initdb) found; install postgresql to run this benchmark." >&2
  exit 1
fi
pg_start "$WORK" "$PG_PORT"
psql_() { "$PG_BIN/psql" -q -X -h 127.0.0.1 -p "$PG_PORT" -U steward -d postgres -v ON_ERROR_STOP=1 "$@"; }

for migration in "$ROOT"/src/main/resources/db/migration/audit/V*.sql; do
  psql_ -f "$migration"
done
if [ -n "${VARIANT_SQL:-}" ]; then
  psql_ -f "$VARIANT_SQL"
fi

# n synthetic read events, numbered by the sequence s: the columns ChainStore's append writes.
events() {
  cat <<SQL
insert into audit_event (seq, at, action, actor_id, object_type, record_ids, fields, reason, outcome, ip, user_agent,
  request_id, details, prev_hash, hash, record_id)
select q, now(), 'record.read', '66920ed3-d30c-4fea-83f0-42516cdd8fb7', 'contact', '["' || i.id || '"]',
  '["email","firstName","jobTitle","lastName","phone"]', null, 'success', '127.0.0.1', null, gen_random_uuid()::text, '{}',
  md5(q::text) || md5(q::text || 'x'), md5(q::text || 'y') || md5(q::text || 'z'), i.id
from (select nextval('s') q, (random() * 99999)::int k from generate_series(1, $1)) g join ids i on i.n = g.k;
SQL
}

psql_ -c "create table ids (n int primary key, id text not null)" \
  -c "insert into ids select g, gen_random_uuid()::text from generate_series(0, 99999) g" \
  -c "create sequence s cache 1000"
events "$PRELOAD" | psql_
psql_ -c "vacuum analyze" -c "checkpoint" -c "select pg_stat_reset_shared('wal')"
events "$ROWS" > "$WORK/append.sql"

# CPU time (clock ticks) of the postmaster, its live children and the children it has reaped.
cluster_ticks() {
  local pm total=0 pid stat
  pm=$(head -1 "$PG_DIR/postmaster.pid")
  for pid in "$pm" $(cat "/proc/$pm/task/$pm/children"); do
    stat=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null) || continue
    [ -n "$stat" ] || continue
    set -- $stat
    total=$((total + ${12} + ${13}))
    if [ "$pid" = "$pm" ]; then total=$((total + ${14} + ${15})); fi
  done
  echo "$total"
}

ticks0=$(cluster_ticks)
seq0=$(psql_ -Atc "select last_value from s")
"$PG_BIN/pgbench" -n -M prepared -h 127.0.0.1 -p "$PG_PORT" -U steward -c 1 -T "$DURATION" -f "$WORK/append.sql" postgres > "$WORK/pgbench.out" 2>&1
sleep 2 # the pgbench connection's backend has ended and been reaped, so its CPU is in the postmaster's count
ticks1=$(cluster_ticks)
seq1=$(psql_ -Atc "select last_value from s")
read -r records fpi bytes < <(psql_ -Atc "select wal_records, wal_fpi, wal_bytes from pg_stat_wal" | tr '|' ' ')

n=$((seq1 - seq0))
hz=$(getconf CLK_TCK)
awk -v n="$n" -v t="$((ticks1 - ticks0))" -v hz="$hz" -v rows="$ROWS" -v d="$DURATION" -v r="$records" -v f="$fpi" -v b="$bytes" \
  -v v="${VARIANT_SQL:-as shipped}" -v opts="${PG_EXTRA_OPTS:-}" -v ver="$PG_VERSION" 'BEGIN {
  printf "audit append on PostgreSQL %s (%s%s), %d events per transaction, %d s, one client\n", ver, v, (opts == "" ? "" : ", " opts), rows, d
  printf "events %d (%.0f/s); PostgreSQL CPU per event %.1f µs; WAL per event: %.1f records, %.3f full-page images, %.0f bytes\n",
    n, n / d, t * 1e6 / hz / n, r / n, f / n, b / n
}'
