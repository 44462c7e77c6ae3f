#!/usr/bin/env bash
# Provision and run three real engines for local development and tests, without Docker:
#   - Apache Kafka 4.1 (single KRaft node, broker+controller)  127.0.0.1:$KAFKA_PORT      (9092)
#   - FerretDB 1.24 (MongoDB wire protocol)                     127.0.0.1:$FERRETDB_PORT   (27017)
#     on its PostgreSQL backend: Debian's PostgreSQL 15, run as the `postgres` user
#                                                               127.0.0.1:$POSTGRES_PORT   (54329)
#   - OpenSearch 2.19 (embedded single node)                    127.0.0.1:$OPENSEARCH_PORT (9200)
#
# Usage: tools/engines/engines.sh up | down [--purge] | status | selftest | env | purge
# See tools/engines/README.md.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

ENGINES_DIR="$(realpath -m "${ENGINES_DIR:-$REPO_ROOT/.engines}")"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
FERRETDB_PORT="${FERRETDB_PORT:-27017}"
OPENSEARCH_PORT="${OPENSEARCH_PORT:-9200}"
OPENSEARCH_TRANSPORT_PORT="${OPENSEARCH_TRANSPORT_PORT:-9300}"
POSTGRES_PORT="${POSTGRES_PORT:-54329}"           # FerretDB's backend; not Debian's system cluster (5432)
FERRETDB_HANDLER="${FERRETDB_HANDLER:-postgresql}" # postgresql, or sqlite (no PostgreSQL started)
FERRETDB_PG_POOL_MAX_CONNS="${FERRETDB_PG_POOL_MAX_CONNS:-50}" # pgx pool_max_conns (FerretDB's default is 50)
POSTGRES_OS_USER="${POSTGRES_OS_USER:-postgres}"  # runs PostgreSQL when engines.sh runs as root
ENGINES_TIMEOUT="${ENGINES_TIMEOUT:-120}"          # seconds for each engine to come up
ENGINES_STOP_TIMEOUT="${ENGINES_STOP_TIMEOUT:-30}" # seconds after SIGTERM before SIGKILL
ENGINES_SELFTEST="${ENGINES_SELFTEST:-auto}"       # auto: once after a (re)provision; 1: always; 0: never
FERRETDB_LOG_LEVEL="${FERRETDB_LOG_LEVEL:-warn}"
HOST=127.0.0.1

if [[ -n "${ENGINES_JAVA_HOME:-}" ]]; then
  JAVA_HOME_17="$ENGINES_JAVA_HOME"
elif [[ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]]; then
  JAVA_HOME_17=/usr/lib/jvm/java-17-openjdk-amd64
else
  JAVA_HOME_17="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
fi
JAVA="$JAVA_HOME_17/bin/java"
JAVAC="$JAVA_HOME_17/bin/javac"

BUILD_DIR="$ENGINES_DIR/build"
KAFKA_BUILD="$BUILD_DIR/kafka"
OS_BUILD="$BUILD_DIR/opensearch"
FERRET_BUILD="$BUILD_DIR/ferretdb"
FERRET_BIN="$FERRET_BUILD/ferretdb-server"

KAFKA_DIR="$ENGINES_DIR/kafka"
FERRET_DIR="$ENGINES_DIR/ferretdb"
OS_DIR="$ENGINES_DIR/opensearch"
# PostgreSQL's directory; a symlink to /var/tmp/engines-postgres-* when the postgres user cannot reach
# $ENGINES_DIR (see pg_prepare_home). Paths handed to PostgreSQL itself are resolved with realpath.
PG_DIR="$ENGINES_DIR/postgres"
PG_DB=ferretdb

# the order matters: postgres is ready before ferretdb starts, ferretdb stops before postgres
case "$FERRETDB_HANDLER" in
  postgresql) ENGINES=(kafka opensearch postgres ferretdb) ;;
  sqlite) ENGINES=(kafka opensearch ferretdb) ;;
  *) echo "[engines] ERROR: FERRETDB_HANDLER must be postgresql or sqlite, not '$FERRETDB_HANDLER'" >&2; exit 2 ;;
esac
ALL_ENGINES=(kafka opensearch postgres ferretdb) # what down/purge look for

# Debian's PostgreSQL (apt-get install postgresql): the newest /usr/lib/postgresql/<major>/bin
if [[ -z "${POSTGRES_BIN:-}" ]]; then
  POSTGRES_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n | tail -n 1)"
fi

# ---------------------------------------------------------------- helpers

log() { printf '[engines] %s\n' "$*"; }
die() { printf '[engines] ERROR: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }

# step "label" command...: run a command and print how long it took.
step() {
  local label="$1"; shift
  local t0; t0="$(now)"
  "$@"
  log "$(printf '%-26s %s' "$label" "$(elapsed "$t0")")"
}

port_of() {
  case "$1" in
    kafka) echo "$KAFKA_PORT" ;;
    ferretdb) echo "$FERRETDB_PORT" ;;
    opensearch) echo "$OPENSEARCH_PORT" ;;
    postgres) echo "$POSTGRES_PORT" ;;
  esac
}
extra_ports_of() {
  case "$1" in
    kafka) echo "$KAFKA_CONTROLLER_PORT" ;;
    opensearch) echo "$OPENSEARCH_TRANSPORT_PORT" ;;
    *) echo "" ;;
  esac
}
dir_of() {
  case "$1" in
    kafka) echo "$KAFKA_DIR" ;;
    ferretdb) echo "$FERRET_DIR" ;;
    opensearch) echo "$OS_DIR" ;;
    postgres) echo "$PG_DIR" ;;
  esac
}
pidfile_of() { # postgres writes its own: first line of postmaster.pid
  if [[ "$1" == postgres ]]; then echo "$PG_DIR/data/postmaster.pid"; else echo "$(dir_of "$1")/$1.pid"; fi
}
logfile_of() { echo "$(dir_of "$1")/$1.log"; }
# a string that must appear in /proc/<pid>/cmdline of the engine's process
marker_of() {
  case "$1" in
    kafka) echo "kafka.Kafka" ;;
    ferretdb) echo "ferretdb-server" ;;
    opensearch) echo "engines.EmbeddedOpenSearch" ;;
    postgres) echo "$(realpath -m "$PG_DIR/data")" ;; # postgres -D <this data dir>
  esac
}

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null; }

# pid of the engine if its pid file points at a live process of that engine, else empty.
engine_pid() {
  local pf pid; pf="$(pidfile_of "$1")"
  [[ -f "$pf" ]] || return 0
  pid="$(head -n 1 "$pf" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF "$(marker_of "$1")"; then
    echo "$pid"
  fi
}

log_tail() {
  local lf; lf="$(logfile_of "$1")"
  printf '[engines] ---- last 40 lines of %s ----\n' "$lf" >&2
  tail -n 40 "$lf" >&2 2>/dev/null || echo "(no log)" >&2
  printf '[engines] ----\n' >&2
}

# start_detached <engine> <cmd...>: start in its own session, pid file written by the process itself.
start_detached() {
  local e="$1"; shift
  local pf lf; pf="$(pidfile_of "$e")"; lf="$(logfile_of "$e")"
  mkdir -p "$(dir_of "$e")"
  [[ -f "$lf" ]] && mv -f "$lf" "$lf.1" # keep the previous run's log as *.log.1
  rm -f "$pf"
  # own session (setsid) so terminal signals do not reach it; fd 9 (our lock) is not inherited
  nohup setsid bash -c 'echo $$ > "$1"; shift; exec "$@"' engine-start "$pf" "$@" </dev/null >"$lf" 2>&1 9>&- &
  local i
  for i in $(seq 50); do [[ -s "$pf" ]] && break; sleep 0.1; done
  [[ -s "$pf" ]] || die "$e: could not start (no pid file)"
}

ensure_ports_free() {
  local e="$1" p owner
  for p in $(port_of "$e") $(extra_ports_of "$e"); do
    if port_open "$p"; then
      owner="$(ss -ltnpH "sport = :$p" 2>/dev/null | head -n 3)"
      die "$e: port $p on $HOST is already in use by another process, not started by engines.sh:
$owner
  stop it, or choose other ports (KAFKA_PORT, KAFKA_CONTROLLER_PORT, FERRETDB_PORT, OPENSEARCH_PORT, OPENSEARCH_TRANSPORT_PORT, POSTGRES_PORT)"
    fi
  done
}

# hash of the files a build depends on, to rebuild when they change
inputs_hash() { (cd "$SCRIPT_DIR" && sha256sum "$@" && "$JAVA" -version 2>&1 | head -n 1) | sha256sum | cut -c1-16; }

# ---------------------------------------------------------------- provisioning

KAFKA_INPUTS=(kafka/pom.xml kafka/KafkaCheck.java)
OS_INPUTS=(opensearch/pom.xml opensearch/src/main/java/engines/EmbeddedOpenSearch.java)
FERRET_INPUTS=(ferretdb/go.mod ferretdb/go.sum ferretdb/main.go ferretdb/selftest.go)

copy_maven_deps() { # <pom> <libs dir>
  local pom="$1" libs="$2"
  command -v mvn >/dev/null || die "mvn (Maven) not found on PATH"
  rm -rf "$libs.tmp"
  if ! JAVA_HOME="$JAVA_HOME_17" mvn -B -q -f "$pom" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$libs.tmp" >"$libs.mvn.log" 2>&1; then
    tail -n 30 "$libs.mvn.log" >&2
    die "Maven could not resolve $pom (full output: $libs.mvn.log)"
  fi
  rm -rf "$libs"; mv "$libs.tmp" "$libs"
}

provision_kafka() {
  local h; h="$(inputs_hash "${KAFKA_INPUTS[@]}")"
  if [[ -f "$KAFKA_BUILD/.stamp" && "$(cat "$KAFKA_BUILD/.stamp")" == "$h" ]]; then
    PROVISION_NOTE="reused"; return 0
  fi
  mkdir -p "$KAFKA_BUILD"
  rm -f "$KAFKA_BUILD/.stamp"
  copy_maven_deps "$SCRIPT_DIR/kafka/pom.xml" "$KAFKA_BUILD/libs"
  rm -rf "$KAFKA_BUILD/classes"; mkdir -p "$KAFKA_BUILD/classes"
  "$JAVAC" -nowarn -d "$KAFKA_BUILD/classes" -cp "$KAFKA_BUILD/libs/*" "$SCRIPT_DIR/kafka/KafkaCheck.java"
  echo "$h" >"$KAFKA_BUILD/.stamp"
  PROVISION_NOTE="built"; PROVISIONED=1
}

provision_opensearch() {
  local h; h="$(inputs_hash "${OS_INPUTS[@]}")"
  if [[ -f "$OS_BUILD/.stamp" && "$(cat "$OS_BUILD/.stamp")" == "$h" ]]; then
    PROVISION_NOTE="reused"; return 0
  fi
  mkdir -p "$OS_BUILD"
  rm -f "$OS_BUILD/.stamp"
  copy_maven_deps "$SCRIPT_DIR/opensearch/pom.xml" "$OS_BUILD/libs"
  rm -rf "$OS_BUILD/classes"; mkdir -p "$OS_BUILD/classes"
  "$JAVAC" -nowarn -d "$OS_BUILD/classes" -cp "$OS_BUILD/libs/*" \
    "$SCRIPT_DIR/opensearch/src/main/java/engines/EmbeddedOpenSearch.java"
  echo "$h" >"$OS_BUILD/.stamp"
  PROVISION_NOTE="built"; PROVISIONED=1
}

build_ferretdb() {
  local h; h="$(cd "$SCRIPT_DIR" && sha256sum "${FERRET_INPUTS[@]}" | sha256sum | cut -c1-16)"
  if [[ -x "$FERRET_BIN" && -f "$FERRET_BUILD/.stamp" && "$(cat "$FERRET_BUILD/.stamp")" == "$h" ]]; then
    PROVISION_NOTE="reused"; return 0
  fi
  command -v go >/dev/null || die "go not found on PATH"
  mkdir -p "$FERRET_BUILD"
  rm -f "$FERRET_BUILD/.stamp"
  if ! (cd "$SCRIPT_DIR/ferretdb" && CGO_ENABLED=0 go build -buildvcs=false -trimpath \
        -o "$FERRET_BIN.tmp" . ) >"$FERRET_BUILD/build.log" 2>&1; then
    tail -n 30 "$FERRET_BUILD/build.log" >&2
    die "go build of tools/engines/ferretdb failed (full output: $FERRET_BUILD/build.log)"
  fi
  mv -f "$FERRET_BIN.tmp" "$FERRET_BIN"
  echo "$h" >"$FERRET_BUILD/.stamp"
  PROVISION_NOTE="built"; PROVISIONED=1
}

provision_step() { # <label> <function>
  local label="$1" fn="$2" t0; t0="$(now)"
  PROVISION_NOTE=""
  "$fn"
  log "$(printf '%-26s %s (%s)' "$label" "$(elapsed "$t0")" "$PROVISION_NOTE")"
}

# ---------------------------------------------------------------- engine start commands

kafka_cluster_id() {
  local f="$KAFKA_DIR/cluster-id" id
  if [[ ! -s "$f" ]]; then
    # Kafka Uuid: 16 random bytes, URL-safe base64 without padding, not starting with '-'
    while :; do
      id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
      [[ "$id" != -* ]] && break
    done
    echo "$id" >"$f"
  fi
  cat "$f"
}

kafka_write_config() {
  mkdir -p "$KAFKA_DIR/data"
  cat >"$KAFKA_DIR/server.properties" <<EOF
# generated by tools/engines/engines.sh on every start; edits are overwritten
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$KAFKA_PORT,CONTROLLER://$HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_DIR/data
num.partitions=3
default.replication.factor=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
min.insync.replicas=1
auto.create.topics.enable=true
delete.topic.enable=true
group.initial.rebalance.delay.ms=0
offsets.topic.num.partitions=10
log.retention.hours=24
log.segment.bytes=67108864
num.network.threads=2
num.io.threads=4
EOF
}

KAFKA_JAVA_OPTS=(-Xms256m -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError
  -Djava.awt.headless=true "-Djava.io.tmpdir=$KAFKA_DIR/tmp"
  -Dlog4j.shutdownHookEnabled=false) # keep logging through Kafka's own shutdown hook

start_kafka() {
  kafka_write_config
  mkdir -p "$KAFKA_DIR/tmp"
  local id; id="$(kafka_cluster_id)"
  if [[ ! -f "$KAFKA_DIR/data/meta.properties" ]]; then
    if ! "$JAVA" "${KAFKA_JAVA_OPTS[@]}" -Dlog4j2.configurationFile="$SCRIPT_DIR/kafka/log4j2-tools.properties" \
        -cp "$KAFKA_BUILD/libs/*" kafka.tools.StorageTool format -t "$id" \
        -c "$KAFKA_DIR/server.properties" --ignore-formatted >"$KAFKA_DIR/format.log" 2>&1; then
      cat "$KAFKA_DIR/format.log" >&2
      die "kafka: storage format failed"
    fi
  fi
  start_detached kafka "$JAVA" "${KAFKA_JAVA_OPTS[@]}" \
    -Dlog4j2.configurationFile="$SCRIPT_DIR/kafka/log4j2.properties" \
    -cp "$KAFKA_BUILD/libs/*" kafka.Kafka "$KAFKA_DIR/server.properties"
}

pg_url() { # what FerretDB connects with (trust auth on loopback; no TLS on loopback)
  echo "postgres://postgres@$HOST:$POSTGRES_PORT/$PG_DB?sslmode=disable&pool_max_conns=$FERRETDB_PG_POOL_MAX_CONNS"
}

start_ferretdb() {
  if [[ "$FERRETDB_HANDLER" == sqlite ]]; then
    mkdir -p "$FERRET_DIR/data"
    start_detached ferretdb "$FERRET_BIN" -listen "$HOST:$FERRETDB_PORT" -handler sqlite \
      -sqlite-dir "$FERRET_DIR/data" -log-level "$FERRETDB_LOG_LEVEL"
  else
    mkdir -p "$FERRET_DIR"
    start_detached ferretdb "$FERRET_BIN" -listen "$HOST:$FERRETDB_PORT" -handler postgresql \
      -postgresql-url "$(pg_url)" -log-level "$FERRETDB_LOG_LEVEL"
  fi
}

# ---- PostgreSQL (FerretDB's backend). PostgreSQL refuses to run as root: as root, every server-side
# command runs as $POSTGRES_OS_USER (created by Debian's package) through setpriv, which execs
# without forking, PAM or a login shell. As any other user, it runs as that user.

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

# before anything starts: initdb (~2 s alone) would take three times that next to two starting JVMs
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
  local i
  for i in $(seq 50); do [[ -s "$data/postmaster.pid" ]] && break; sleep 0.1; done
  [[ -s "$data/postmaster.pid" ]] || { log_tail postgres; die "postgres: could not start (no postmaster.pid)"; }
}

stop_postgres() { # fast shutdown (sessions ended, checkpoint); immediate if that hangs; never SIGKILL
  local data; data="$(realpath -m "$PG_DIR/data")"
  if ! as_pg "$POSTGRES_BIN/pg_ctl" stop -s -D "$data" -m fast -w -t "$ENGINES_STOP_TIMEOUT" </dev/null 9>&-; then
    log "postgres: fast shutdown did not finish within ${ENGINES_STOP_TIMEOUT}s: immediate shutdown (crash recovery on next start)"
    as_pg "$POSTGRES_BIN/pg_ctl" stop -s -D "$data" -m immediate -w -t 30 </dev/null 9>&- || true
  fi
}

pg_sql() { # <database> <sql>: one round trip over TCP as the superuser; rows printed unaligned
  PGCONNECT_TIMEOUT=3 "$POSTGRES_BIN/psql" -X -q -A -t -w -v ON_ERROR_STOP=1 \
    -h "$HOST" -p "$POSTGRES_PORT" -U postgres -d "$1" -c "$2"
}

start_opensearch() {
  mkdir -p "$OS_DIR/data" "$OS_DIR/home" "$OS_DIR/tmp"
  start_detached opensearch "$JAVA" -Xms512m -Xmx1g -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true -Dfile.encoding=UTF-8 -Djava.io.tmpdir="$OS_DIR/tmp" \
    -Djna.nosys=true -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true \
    -Dio.netty.recycler.maxCapacityPerThread=0 -Dlog4j.shutdownHookEnabled=false \
    -Dlog4j2.disable.jmx=true -Dlog4j2.configurationFile="$SCRIPT_DIR/opensearch/log4j2.properties" \
    -Dengines.os.home="$OS_DIR/home" -Dengines.os.data="$OS_DIR/data" -Dengines.os.host="$HOST" \
    -Dengines.os.http.port="$OPENSEARCH_PORT" -Dengines.os.transport.port="$OPENSEARCH_TRANSPORT_PORT" \
    -cp "$OS_BUILD/classes:$OS_BUILD/libs/*" engines.EmbeddedOpenSearch
}

# ---------------------------------------------------------------- health checks (one attempt each)

check_kafka() {
  port_open "$KAFKA_PORT" || return 1
  # cheap gate first (the log is fresh for each start), then a real broker API round trip
  grep -q "Kafka Server started" "$(logfile_of kafka)" 2>/dev/null || return 1
  "$JAVA" -Xmx128m -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="$SCRIPT_DIR/kafka/log4j2-tools.properties" \
    -cp "$KAFKA_BUILD/classes:$KAFKA_BUILD/libs/*" KafkaCheck ping "$HOST:$KAFKA_PORT" >"$KAFKA_DIR/check.log" 2>&1
}
check_ferretdb() {
  "$FERRET_BIN" -ping "$HOST:$FERRETDB_PORT" -timeout 2s >/dev/null 2>&1
}
check_postgres() { # accepting connections, then a real query; creates FerretDB's database the first time
  "$POSTGRES_BIN/pg_isready" -q -h "$HOST" -p "$POSTGRES_PORT" -t 2 || return 1
  local r
  r="$(pg_sql postgres "SELECT datname FROM pg_database WHERE datname = '$PG_DB'" 2>/dev/null)" || return 1
  [[ "$r" == "$PG_DB" ]] && return 0
  pg_sql postgres "CREATE DATABASE $PG_DB" >/dev/null 2>>"$PG_DIR/createdb.log"
}
check_opensearch() {
  local body
  body="$(curl -s --max-time 3 "http://$HOST:$OPENSEARCH_PORT/_cluster/health" 2>/dev/null)" || return 1
  [[ "$body" == *'"status":"green"'* || "$body" == *'"status":"yellow"'* ]]
}

declare -A STARTED_AT=()

wait_engine() {
  local e="$1" pid deadline
  deadline="$(awk -v s="${STARTED_AT[$e]}" -v t="$ENGINES_TIMEOUT" 'BEGIN { printf "%d", s + t }')"
  while :; do
    pid="$(engine_pid "$e")"
    if [[ -z "$pid" ]]; then
      log_tail "$e"
      die "$e exited during startup (see $(logfile_of "$e"))"
    fi
    if "check_$e"; then return 0; fi
    if (( $(date +%s) >= deadline )); then
      log_tail "$e"
      [[ "$e" == kafka && -f "$KAFKA_DIR/check.log" ]] && { echo "[engines] last KafkaCheck output:" >&2; cat "$KAFKA_DIR/check.log" >&2; }
      die "$e (pid $pid) did not answer on $HOST:$(port_of "$e") within ${ENGINES_TIMEOUT}s; it is left running — 'engines.sh down' stops it"
    fi
    sleep 0.5
  done
}

# ---------------------------------------------------------------- self tests

selftest_kafka() {
  "$JAVA" -Xmx256m -Dlog4j2.configurationFile="$SCRIPT_DIR/kafka/log4j2-tools.properties" \
    -cp "$KAFKA_BUILD/classes:$KAFKA_BUILD/libs/*" KafkaCheck selftest "$HOST:$KAFKA_PORT"
}

selftest_postgres() {
  local r
  r="$(pg_sql "$PG_DB" "SELECT concat_ws(' ', split_part(version(), ' ', 2), current_database(),
      current_setting('server_encoding'), current_setting('lc_collate'),
      'fsync=' || current_setting('fsync'), 'synchronous_commit=' || current_setting('synchronous_commit'))")" || return 1
  echo "postgres selftest ok: PostgreSQL $r"
}

selftest_ferretdb() {
  "$FERRET_BIN" -selftest "$HOST:$FERRETDB_PORT"
}

os_req() { # <method> <path> [json]: prints body, fails on HTTP >= 400
  local m="$1" p="$2" d="${3:-}" out code
  if [[ -n "$d" ]]; then
    out="$(curl -sS --max-time 30 -X "$m" "http://$HOST:$OPENSEARCH_PORT$p" -H 'Content-Type: application/json' -d "$d" -w '\n%{http_code}')"
  else
    out="$(curl -sS --max-time 30 -X "$m" "http://$HOST:$OPENSEARCH_PORT$p" -w '\n%{http_code}')"
  fi
  code="${out##*$'\n'}"; out="${out%$'\n'*}"
  if (( code >= 400 )); then echo "HTTP $code on $m $p: $out" >&2; return 1; fi
  printf '%s' "$out"
}

selftest_opensearch() {
  local idx="engines-selftest-$$" r
  os_req DELETE "/$idx?ignore_unavailable=true" >/dev/null || true
  os_req PUT "/$idx" '{
    "settings": {
      "number_of_shards": 1, "number_of_replicas": 0,
      "analysis": {
        "tokenizer": { "edge_tok": { "type": "edge_ngram", "min_gram": 2, "max_gram": 15, "token_chars": ["letter", "digit"] } },
        "filter": { "edge_filt": { "type": "edge_ngram", "min_gram": 2, "max_gram": 15 } },
        "analyzer": {
          "autocomplete": { "type": "custom", "tokenizer": "edge_tok", "filter": ["lowercase", "asciifolding"] },
          "autocomplete_filter": { "type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding", "edge_filt"] },
          "folded": { "type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding"] }
        }
      }
    },
    "mappings": { "properties": {
      "title": { "type": "search_as_you_type", "analyzer": "folded" },
      "name":  { "type": "text", "analyzer": "autocomplete", "search_analyzer": "folded" },
      "tag":   { "type": "text", "analyzer": "autocomplete_filter", "search_analyzer": "folded" }
    } }
  }' >/dev/null
  os_req PUT "/$idx/_doc/1?refresh=true" '{"title":"Crème Brûlée Recipe","name":"Crème Brûlée","tag":"Pâtisserie"}' >/dev/null
  local q ok=1
  for q in \
    '{"query":{"multi_match":{"query":"creme bru","type":"bool_prefix","fields":["title","title._2gram","title._3gram"]}}}' \
    '{"query":{"match":{"name":"brul"}}}' \
    '{"query":{"match":{"tag":"pati"}}}'; do
    r="$(os_req POST "/$idx/_search?filter_path=hits.total.value" "$q")"
    if [[ "$r" != '{"hits":{"total":{"value":1}}}' ]]; then
      echo "opensearch selftest: query $q returned $r" >&2; ok=0
    fi
  done
  r="$(os_req POST "/$idx/_analyze" '{"analyzer":"autocomplete","text":"Crème"}')"
  [[ "$r" == *'"token":"crem"'* ]] || { echo "opensearch selftest: _analyze returned $r" >&2; ok=0; }
  os_req DELETE "/$idx" >/dev/null
  (( ok )) || return 1
  echo "opensearch selftest ok: edge_ngram tokenizer+filter, asciifolding, search_as_you_type"
}

cmd_selftest() {
  local e rc=0 t0
  for e in "${ENGINES[@]}"; do
    [[ -n "$(engine_pid "$e")" ]] || { log "selftest $e: not running"; rc=1; continue; }
    t0="$(now)"
    if "selftest_$e"; then
      log "$(printf '%-26s %s' "selftest $e ok" "$(elapsed "$t0")")"
    else
      log "selftest $e FAILED"; rc=1
    fi
  done
  return "$rc"
}

# ---------------------------------------------------------------- commands

cmd_up() {
  local total0 e pid need=() t0
  total0="$(now)"
  mkdir -p "$ENGINES_DIR"

  for e in "${ENGINES[@]}"; do
    pid="$(engine_pid "$e")"
    if [[ -n "$pid" ]] && port_open "$(port_of "$e")"; then
      continue
    fi
    if [[ -n "$pid" ]]; then
      # process alive but port closed: probably still starting (or wedged); wait for it below
      STARTED_AT[$e]="$(date +%s)"
      need+=("$e:wait")
    else
      need+=("$e:start")
    fi
  done
  pid="$(engine_pid ferretdb)"
  if [[ -n "$pid" ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-handler $FERRETDB_HANDLER"; then
    log "WARNING: ferretdb (pid $pid) runs on another backend than FERRETDB_HANDLER=$FERRETDB_HANDLER (started by an older engines.sh?); 'engines.sh down' then 'up' switches it (data is not migrated)"
  fi
  if (( ${#need[@]} == 0 )); then
    log "all engines already running (kafka $HOST:$KAFKA_PORT, ferretdb $HOST:$FERRETDB_PORT$( [[ $FERRETDB_HANDLER == postgresql ]] && echo " on postgres $HOST:$POSTGRES_PORT"), opensearch $HOST:$OPENSEARCH_PORT) — nothing to do ($(elapsed "$total0"))"
    return 0
  fi

  PROVISIONED=0
  provision_step "provision kafka" provision_kafka
  provision_step "provision opensearch" provision_opensearch
  provision_step "build ferretdb" build_ferretdb

  local item waited=" "
  for item in "${need[@]}"; do # check all ports before starting anything
    [[ "${item#*:}" == start ]] && ensure_ports_free "${item%%:*}"
  done
  if [[ " ${need[*]} " == *" postgres:start "* ]]; then
    provision_step "provision postgres" provision_postgres
  fi
  for item in "${need[@]}"; do
    e="${item%%:*}"
    [[ "${item#*:}" == start ]] || continue
    # FerretDB starts once its PostgreSQL answers (and has the database); Kafka and OpenSearch are already starting
    if [[ "$e" == ferretdb && -n "${STARTED_AT[postgres]:-}" && "$waited" != *" postgres "* ]]; then
      step "wait postgres (:$POSTGRES_PORT)" wait_engine postgres
      waited+="postgres "
    fi
    [[ "$e" == postgres ]] || rm -f "$(pidfile_of "$e")" # postgres: pg_ctl handles a stale postmaster.pid
    STARTED_AT[$e]="$(date +%s)"
    step "start $e" "start_$e"
  done
  for item in "${need[@]}"; do
    e="${item%%:*}"
    [[ "$waited" == *" $e "* ]] && continue
    step "wait $e (:$(port_of "$e"))" wait_engine "$e"
  done

  local marker="$BUILD_DIR/selftest.ok" want_selftest=0
  case "$ENGINES_SELFTEST" in
    1|always|true) want_selftest=1 ;;
    0|never|false) want_selftest=0 ;;
    *) if (( PROVISIONED )) || [[ ! -f "$marker" ]]; then want_selftest=1; fi ;;
  esac
  if (( want_selftest )); then
    rm -f "$marker"
    t0="$(now)"
    cmd_selftest || die "selftest failed (engines are left running; see logs under $ENGINES_DIR)"
    touch "$marker"
    log "$(printf '%-26s %s' "selftest (all)" "$(elapsed "$t0")")"
  fi

  log "$(printf '%-26s %s' "total" "$(elapsed "$total0")")"
  cmd_status
}

# wait_stopped <engine> <pid> <deadline>: SIGKILL after the deadline
wait_stopped() {
  local e="$1" pid="$2" deadline="$3"
  while kill -0 "$pid" 2>/dev/null && (( $(date +%s) < deadline )); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    log "$e (pid $pid) still alive ${ENGINES_STOP_TIMEOUT}s after SIGTERM: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  log "stopped $e (pid $pid)"
}

cmd_down() {
  local purge=0 e pid t0 deadline pg_pid
  declare -A pids=()
  [[ "${1:-}" == "--purge" ]] && purge=1
  t0="$(now)"
  for e in "${ALL_ENGINES[@]}"; do
    [[ "$e" == postgres ]] && continue
    pid="$(engine_pid "$e")"
    if [[ -n "$pid" ]]; then
      kill -TERM "$pid" 2>/dev/null || true
      pids[$e]="$pid"
    fi
  done
  pg_pid="$(engine_pid postgres)" # stopped whatever FERRETDB_HANDLER says, if it runs
  deadline=$(( $(date +%s) + ENGINES_STOP_TIMEOUT ))
  # FerretDB first: it holds PostgreSQL's connections; then PostgreSQL, while Kafka and OpenSearch stop
  [[ -n "${pids[ferretdb]:-}" ]] && wait_stopped ferretdb "${pids[ferretdb]}" "$deadline"
  if [[ -n "$pg_pid" ]]; then
    stop_postgres
    log "stopped postgres (pid $pg_pid)"
  fi
  for e in kafka opensearch; do
    [[ -n "${pids[$e]:-}" ]] && wait_stopped "$e" "${pids[$e]}" "$deadline"
  done
  for e in kafka opensearch ferretdb; do rm -f "$(pidfile_of "$e")"; done
  (( ${#pids[@]} )) || [[ -n "$pg_pid" ]] || log "nothing was running"
  if (( purge )); then cmd_purge; fi
  log "down took $(elapsed "$t0")"
}

cmd_purge() {
  local e
  for e in "${ALL_ENGINES[@]}"; do
    if [[ -n "$(engine_pid "$e")" ]]; then die "$e is running: run 'down' first (or 'down --purge')"; fi
  done
  local pg_home; pg_home="$(realpath -m "$PG_DIR")"
  [[ -L "$PG_DIR" && "$pg_home" == */engines-postgres-* ]] && rm -rf "$pg_home" # the /var/tmp fallback
  rm -rf "$KAFKA_DIR" "$FERRET_DIR" "$OS_DIR" "$PG_DIR" "$BUILD_DIR/selftest.ok"
  log "purged data and logs under $ENGINES_DIR (build artifacts in $BUILD_DIR kept)"
}

cmd_status() {
  local e pid state all=0 port
  for e in "${ENGINES[@]}"; do
    pid="$(engine_pid "$e")"; port="$(port_of "$e")"
    if [[ -n "$pid" ]]; then
      if port_open "$port"; then state="running"; else state="starting"; all=1; fi
      printf '%-11s %-9s pid %-8s port %s\n' "$e" "$state" "$pid" "$port"
    else
      printf '%-11s %-9s pid %-8s port %s\n' "$e" "stopped" "-" "$port"
      all=1
    fi
  done
  return "$all"
}

cmd_env() {
  cat <<EOF
KAFKA_BROKERS=$HOST:$KAFKA_PORT
MONGODB_URI=mongodb://$HOST:$FERRETDB_PORT
OPENSEARCH_URL=http://$HOST:$OPENSEARCH_PORT
EOF
  if [[ "$FERRETDB_HANDLER" == postgresql ]]; then echo "FERRETDB_POSTGRESQL_URL=$(pg_url)"; fi
}

usage() {
  cat <<EOF
usage: $0 <command>
  up              provision (first time), start kafka, opensearch, postgres, ferretdb; wait until they answer
  down [--purge]  stop all (SIGTERM, then SIGKILL after ${ENGINES_STOP_TIMEOUT}s; postgres: pg_ctl stop -m fast);
                  --purge also deletes data+logs
  status          one line per engine; exit 0 only if all are running
  selftest        smoke-test the running engines (produce/consume, SQL, insert/find, edge_ngram/search_as_you_type)
  env             print connection settings (KAFKA_BROKERS, MONGODB_URI, OPENSEARCH_URL, FERRETDB_POSTGRESQL_URL)
  purge           delete data+logs (engines must be stopped); build artifacts are kept
data/logs: $ENGINES_DIR
EOF
}

main() {
  local cmd="${1:-}"; shift || true
  case "$cmd" in
    up|down|purge|selftest)
      mkdir -p "$ENGINES_DIR"
      exec 9>"$ENGINES_DIR/.lock"
      flock -w 600 9 || die "another engines.sh holds $ENGINES_DIR/.lock"
      "cmd_$cmd" "$@"
      ;;
    status) cmd_status ;;
    env) cmd_env ;;
    -h|--help|help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
