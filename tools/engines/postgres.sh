# shellcheck shell=bash
# shellcheck disable=SC2034 # ENGINE_*, PROVISION_* and PROVISIONED are read by engines.sh, which sources this file
# PostgreSQL, FerretDB's backend: Debian's server binaries (apt-get install postgresql), its own cluster on
# 127.0.0.1:$POSTGRES_PORT, never Debian's system cluster (5432). Started only with FERRETDB_HANDLER=postgresql;
# down and purge handle it whatever FERRETDB_HANDLER says. Sourced by engines.sh (see "Engine files" there);
# not run on its own.
#
# PostgreSQL refuses to run as root: as root, every server-side command runs as $POSTGRES_OS_USER (created
# by Debian's package) through setpriv, which execs without forking, PAM or a login shell. As any other
# user, it runs as that user.

POSTGRES_PORT="${POSTGRES_PORT:-54329}"           # FerretDB's backend; not Debian's system cluster (5432)
FERRETDB_PG_POOL_MAX_CONNS="${FERRETDB_PG_POOL_MAX_CONNS:-50}" # pgx pool_max_conns (FerretDB's default is 50)
POSTGRES_OS_USER="${POSTGRES_OS_USER:-postgres}"  # runs PostgreSQL when engines.sh runs as root

# Debian's PostgreSQL (apt-get install postgresql): the newest /usr/lib/postgresql/<major>/bin
if [[ -z "${POSTGRES_BIN:-}" ]]; then
  POSTGRES_BIN="$( (ls -d /usr/lib/postgresql/*/bin 2>/dev/null || true) | sort -t/ -k5 -n | tail -n 1)" # empty when none: provisioning says what to install
fi

# PostgreSQL's directory; a symlink to /var/tmp/engines-postgres-* when the postgres user cannot reach
# $ENGINES_DIR (see pg_prepare_home). Paths handed to PostgreSQL itself are resolved with realpath.
PG_DIR="$ENGINES_DIR/postgres"
PG_DB=ferretdb

ENGINE_PORTS["postgres"]="POSTGRES_PORT"
ENGINE_STATE_DIR["postgres"]="$PG_DIR"
# initdb before anything starts, and only when PostgreSQL is started: ~2 s alone, three times that next
# to two starting JVMs
PROVISION_AT["postgres"]=start
pidfile_postgres() { echo "$PG_DIR/data/postmaster.pid"; } # its own: first line of postmaster.pid
marker_postgres() { realpath -m "$PG_DIR/data"; }          # postgres -D <this data dir>
env_postgres() { echo "FERRETDB_POSTGRESQL_URL=$(pg_url)"; }

pg_url() { # what FerretDB connects with (trust auth on loopback; no TLS on loopback)
  echo "postgres://postgres@$HOST:$POSTGRES_PORT/$PG_DB?sslmode=disable&pool_max_conns=$FERRETDB_PG_POOL_MAX_CONNS"
}

as_pg() {
  if (( EUID == 0 )); then
    setpriv --reuid="$POSTGRES_OS_USER" --regid="$POSTGRES_OS_USER" --init-groups --reset-env -- "$@"
  else
    "$@"
  fi
}

# Make $PG_DIR a directory the PostgreSQL user owns and can reach. If some parent of $ENGINES_DIR is
# not traversable by that user (e.g. the repo under /root, mode 0700), nothing outside $ENGINES_DIR is
# chmod-ed: the directory is created as /var/tmp/engines-postgres-<hash of ENGINES_DIR> instead and
# $PG_DIR becomes a symlink to it (purge removes both).
pg_prepare_home() {
  (( EUID == 0 )) || { mkdir -p "$PG_DIR"; return 0; }
  id -u "$POSTGRES_OS_USER" >/dev/null 2>&1 ||
    die "postgres: no '$POSTGRES_OS_USER' system user to run PostgreSQL as (apt-get install -y postgresql creates it; or set POSTGRES_OS_USER)"
  if [[ -L "$PG_DIR" ]]; then
    mkdir -p "$(realpath -m "$PG_DIR")"
  else
    mkdir -p "$PG_DIR"
  fi
  local home; home="$(realpath "$PG_DIR")"
  chown "$POSTGRES_OS_USER:" "$home"
  as_pg test -w "$home" -a -x "$home" && return 0
  [[ -L "$PG_DIR" || -e "$PG_DIR/data/PG_VERSION" ]] &&
    die "postgres: user $POSTGRES_OS_USER cannot reach $home (a parent directory is not traversable)"
  local alt; alt="${POSTGRES_FALLBACK_DIR:-/var/tmp}/engines-postgres-$(printf '%s' "$ENGINES_DIR" | sha256sum | cut -c1-12)"
  mkdir -p "$alt"
  chown "$POSTGRES_OS_USER:" "$alt"
  as_pg test -w "$alt" -a -x "$alt" || die "postgres: user $POSTGRES_OS_USER cannot reach $alt either (set POSTGRES_FALLBACK_DIR)"
  rm -rf "$PG_DIR"
  ln -s "$alt" "$PG_DIR"
  log "postgres: user $POSTGRES_OS_USER cannot reach $ENGINES_DIR (a parent is not traversable); its data lives in $alt, symlinked from $PG_DIR"
}

pg_initdb() { # <data dir>: owned by the OS user, superuser `postgres`, UTF8 + C locale (FerretDB accepts only UTF8)
  local data="$1"
  rm -rf "$data"
  if ! as_pg "$POSTGRES_BIN/initdb" -D "$data" -U postgres -E UTF8 --locale=C \
      --auth-local=trust --auth-host=trust >"$PG_DIR/initdb.log" 2>&1; then
    cat "$PG_DIR/initdb.log" >&2
    die "postgres: initdb failed"
  fi
  # trust, but on the loopback only (listen_addresses is 127.0.0.1 too): a local dev/CI engine
  cat >"$data/pg_hba.conf" <<'EOF_HBA'
# written once by tools/engines/engines.sh (initdb): trust on the unix socket and 127.0.0.1 only
local all all              trust
host  all all 127.0.0.1/32 trust
EOF_HBA
  echo "include_if_exists = 'engines.conf'  # tools/engines/engines.sh" >>"$data/postgresql.conf"
  if (( EUID == 0 )); then chown "$POSTGRES_OS_USER:" "$data/pg_hba.conf"; fi
}

# engines.conf, included at the end of postgresql.conf; rewritten on every start (ports may change).
pg_write_config() { # <data dir> <socket dir or empty>
  local data="$1" run="$2" maxconn=$(( FERRETDB_PG_POOL_MAX_CONNS + 30 ))
  (( maxconn < 100 )) && maxconn=100
  cat >"$data/engines.conf" <<EOF_CONF
# generated by tools/engines/engines.sh on every start; edits are overwritten
listen_addresses = '$HOST'
port = $POSTGRES_PORT
unix_socket_directories = '$run'
max_connections = $maxconn            # FerretDB's pgx pool (pool_max_conns=$FERRETDB_PG_POOL_MAX_CONNS) + tools
# acknowledged writes survive a crash of PostgreSQL or of the machine: fsync, synchronous commit
# and full-page writes stay on (see tools/engines/README.md for what synchronous_commit=off buys)
fsync = on
synchronous_commit = on
full_page_writes = on
wal_level = minimal                   # no replication or archiving: less WAL
max_wal_senders = 0
max_wal_size = 1GB
checkpoint_timeout = 15min            # fewer checkpoints (a crash replays at most that much WAL)
shared_buffers = 128MB                # the test data set fits
jit = off                             # JIT compiles cost more than they save on small queries
max_parallel_workers_per_gather = 0   # many small concurrent queries: no parallel workers
log_checkpoints = off
log_line_prefix = '%m [%p] '
EOF_CONF
  if (( EUID == 0 )); then chown "$POSTGRES_OS_USER:" "$data/engines.conf"; fi
}

provision_postgres() {
  [[ -x "$POSTGRES_BIN/postgres" && -x "$POSTGRES_BIN/initdb" && -x "$POSTGRES_BIN/pg_ctl" ]] ||
    die "postgres: PostgreSQL server binaries not found (POSTGRES_BIN='$POSTGRES_BIN'): apt-get install -y postgresql"
  pg_prepare_home
  if [[ -f "$PG_DIR/data/PG_VERSION" ]]; then
    PROVISION_NOTE="data present"
  else
    pg_initdb "$(realpath "$PG_DIR")/data"
    PROVISION_NOTE="initdb"
  fi
}

start_postgres() {
  local home data run lf
  home="$(realpath "$PG_DIR")"; data="$home/data"; run="$home/run"; lf="$home/postgres.log"
  # the socket path must fit in sun_path (107 bytes); otherwise TCP only
  if (( ${#run} + 20 < 107 )); then
    mkdir -p "$run"
    if (( EUID == 0 )); then chown "$POSTGRES_OS_USER:" "$run"; fi
  else
    run=""
  fi
  pg_write_config "$data" "$run"
  [[ -f "$lf" ]] && mv -f "$lf" "$lf.1"
  # -W: no waiting here (wait_engine does, while Kafka and OpenSearch start); pg_ctl setsid()s the server
  if ! as_pg "$POSTGRES_BIN/pg_ctl" start -W -s -D "$data" -l "$lf" </dev/null >"$home/pg_ctl.log" 2>&1 9>&-; then
    cat "$home/pg_ctl.log" >&2
    die "postgres: pg_ctl start failed"
  fi
  for _ in $(seq 50); do [[ -s "$data/postmaster.pid" ]] && break; sleep 0.1; done
  [[ -s "$data/postmaster.pid" ]] || { log_tail postgres; die "postgres: could not start (no postmaster.pid)"; }
}

stop_postgres() { # fast shutdown (sessions ended, checkpoint); immediate if that hangs; never SIGKILL
  local data; data="$(realpath -m "$PG_DIR/data")"
  if ! as_pg "$POSTGRES_BIN/pg_ctl" stop -s -D "$data" -m fast -w -t "$ENGINES_STOP_TIMEOUT" </dev/null 9>&-; then
    log "postgres: fast shutdown did not finish within ${ENGINES_STOP_TIMEOUT}s: immediate shutdown (crash recovery on next start)"
    as_pg "$POSTGRES_BIN/pg_ctl" stop -s -D "$data" -m immediate -w -t 30 </dev/null 9>&- || true
  fi
}

purge_postgres() { # before the driver deletes $PG_DIR: the /var/tmp fallback it may point to
  local pg_home; pg_home="$(realpath -m "$PG_DIR")"
  if [[ -L "$PG_DIR" && "$pg_home" == */engines-postgres-* ]]; then rm -rf "$pg_home"; fi
}

pg_sql() { # <database> <sql>: one round trip over TCP as the superuser; rows printed unaligned
  PGCONNECT_TIMEOUT=3 "$POSTGRES_BIN/psql" -X -q -A -t -w -v ON_ERROR_STOP=1 \
    -h "$HOST" -p "$POSTGRES_PORT" -U postgres -d "$1" -c "$2"
}

check_postgres() { # accepting connections, then a real query; creates FerretDB's database the first time
  "$POSTGRES_BIN/pg_isready" -q -h "$HOST" -p "$POSTGRES_PORT" -t 2 || return 1
  local r
  r="$(pg_sql postgres "SELECT datname FROM pg_database WHERE datname = '$PG_DB'" 2>/dev/null)" || return 1
  [[ "$r" == "$PG_DB" ]] && return 0
  pg_sql postgres "CREATE DATABASE $PG_DB" >/dev/null 2>>"$PG_DIR/createdb.log"
}

selftest_postgres() {
  local r
  r="$(pg_sql "$PG_DB" "SELECT concat_ws(' ', split_part(version(), ' ', 2), current_database(),
      current_setting('server_encoding'), current_setting('lc_collate'),
      'fsync=' || current_setting('fsync'), 'synchronous_commit=' || current_setting('synchronous_commit'))")" || return 1
  echo "postgres selftest ok: PostgreSQL $r"
}
