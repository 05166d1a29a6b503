# A private PostgreSQL cluster for the benchmark scripts, made from the local binaries: under a work folder in /tmp,
# on a private port on 127.0.0.1, trust authentication for user "steward", removed with the work folder.
# Sourced by bench/run-e2e.sh and bench/read-cost.sh, not run on its own:
#
#   . bench/private-postgres.sh
#   if pg_available; then pg_start "$WORK" 55432; fi   # sets PG_BIN, PG_DIR, PG_VERSION
#   ...
#   pg_stop                                           # in the EXIT trap

PG_BIN=${PG_BIN:-}
PG_DIR=${PG_DIR:-}
PG_VERSION=${PG_VERSION:-}

as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

find_pg_bin() {
  local initdb
  initdb=$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$initdb" ] && [ -x "$initdb" ] && dirname "$(readlink -f "$initdb")"
}

# True (and PG_BIN set) if the local binaries are there and usable: as root, a "postgres" user must exist to run them.
pg_available() {
  PG_BIN=${PG_BIN:-$(find_pg_bin || true)}
  [ -n "$PG_BIN" ] && { [ "$(id -u)" != 0 ] || id postgres >/dev/null 2>&1; }
}

# pg_start WORK PORT: a new cluster in WORK/pg, serving 127.0.0.1:PORT (socket in WORK), log in WORK/postgres.log;
# PG_EXTRA_OPTS adds server options (e.g. "-c shared_preload_libraries=pg_stat_statements" to look into a run).
pg_start() {
  local work=$1 port=$2
  PG_BIN=${PG_BIN:-$(find_pg_bin)}
  PG_DIR="$work/pg"
  PG_VERSION=$("$PG_BIN/postgres" --version | awk '{print $3}')
  if [ "$(id -u)" = 0 ]; then chown postgres "$work"; fi
  as_pg_owner "$PG_BIN/initdb" -D "$PG_DIR" -U steward --auth=trust -E UTF8 >/dev/null
  as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$work/postgres.log" -w \
    -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c synchronous_commit=on -c max_connections=200 ${PG_EXTRA_OPTS:-}" start >/dev/null
}

pg_stop() {
  if [ -n "$PG_DIR" ] && [ -f "$PG_DIR/postmaster.pid" ]; then
    as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast -w stop >/dev/null 2>&1 || true
  fi
}
