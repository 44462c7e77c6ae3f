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
#
# This file is the driver: settings, shared helpers and the commands. Each engine lives in
# tools/engines/<engine>.sh, sourced below, with the same set of functions (see "Engine files").
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

ENGINES_DIR="$(realpath -m "${ENGINES_DIR:-$REPO_ROOT/.engines}")"
FERRETDB_HANDLER="${FERRETDB_HANDLER:-postgresql}" # postgresql, or sqlite (no PostgreSQL started)
ENGINES_TIMEOUT="${ENGINES_TIMEOUT:-120}"          # seconds for each engine to come up
ENGINES_STOP_TIMEOUT="${ENGINES_STOP_TIMEOUT:-30}" # seconds after SIGTERM before SIGKILL
ENGINES_SELFTEST="${ENGINES_SELFTEST:-auto}"       # auto: once after a (re)provision; 1: always; 0: never
HOST=127.0.0.1
# engine settings (ports, FERRETDB_LOG_LEVEL, POSTGRES_BIN, ...) are at the top of each engine file

# JDK 17 for the Java engines (Kafka, OpenSearch); its version is part of their build hash
if [[ -n "${ENGINES_JAVA_HOME:-}" ]]; then
  JAVA_HOME_17="$ENGINES_JAVA_HOME"
elif [[ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]]; then
  JAVA_HOME_17=/usr/lib/jvm/java-17-openjdk-amd64
else
  JAVA_HOME_17="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
fi
JAVA="$JAVA_HOME_17/bin/java"
# shellcheck disable=SC2034 # used by kafka.sh and opensearch.sh
JAVAC="$JAVA_HOME_17/bin/javac"

BUILD_DIR="$ENGINES_DIR/build" # build artifacts: $BUILD_DIR/<engine>/ (kept by purge)

# the order matters: postgres is ready before ferretdb starts, ferretdb stops before postgres
case "$FERRETDB_HANDLER" in
  postgresql) ENGINES=(kafka opensearch postgres ferretdb) ;;
  sqlite) ENGINES=(kafka opensearch ferretdb) ;;
  *) echo "[engines] ERROR: FERRETDB_HANDLER must be postgresql or sqlite, not '$FERRETDB_HANDLER'" >&2; exit 2 ;;
esac
ALL_ENGINES=(kafka opensearch postgres ferretdb) # what down/purge look for; one file <engine>.sh each
# the order env, up's summary and the port-in-use message list them in (what the services use first)
LIST_ORDER=(kafka ferretdb opensearch postgres)

# ---------------------------------------------------------------- engine files
#
# tools/engines/<engine>.sh is sourced after the settings above. Adding an engine = adding its file
# and its name to ENGINES/ALL_ENGINES/LIST_ORDER. At the top, it reads its own settings and fills:
#   ENGINE_PORTS[e]       names of its port settings, main port first, e.g. "KAFKA_PORT KAFKA_CONTROLLER_PORT";
#                         all must be free before it starts; the first is the one status and up check
#   ENGINE_STATE_DIR[e]   its directory under $ENGINES_DIR (<e>.log, <e>.pid, data; purge deletes it)
#   PROVISION_LABEL[e]    optional, default "provision <e>"
#   PROVISION_AT[e]       optional: "up" (default: on every up that starts anything, before ports are
#                         checked) or "start" (only when this engine starts, after the port checks,
#                         before any engine starts)
#   ENGINE_NEEDS[e]       optional: engines that must answer before it starts (listed as "on <them>")
# and defines (required)
#   provision_<e>         build/prepare; sets PROVISION_NOTE ("built", "reused", ...), PROVISIONED=1 if built
#   start_<e>             start it in the background (usually through start_detached) and return
#   check_<e>             one readiness attempt: 0 when it really answers
#   selftest_<e>          smoke test against the running engine
#   marker_<e>            a string in /proc/<pid>/cmdline of its process
# and optionally
#   pidfile_<e>           the pid file the engine writes itself (default <dir>/<e>.pid, written by
#                         start_detached and removed by up/down)
#   stop_<e>              its own stop (default: SIGTERM, SIGKILL after ENGINES_STOP_TIMEOUT); engines
#                         after it in ALL_ENGINES are stopped before it
#   env_<e>               its lines for `env`
#   preflight_<e>         run by up before anything is provisioned, to report (not fix) surprises
#   diagnose_<e>          more output on stderr when it does not answer in time
#   purge_<e>             run by purge before its directory is deleted
# Names private to an engine are prefixed with it (kafka_write_config, pg_initdb, os_req, ...).

unset ENGINE_PORTS ENGINE_STATE_DIR PROVISION_LABEL PROVISION_AT ENGINE_NEEDS
declare -A ENGINE_PORTS=() ENGINE_STATE_DIR=() PROVISION_LABEL=() PROVISION_AT=() ENGINE_NEEDS=()

# ---------------------------------------------------------------- helpers

log() { printf '[engines] %s\n' "$*"; }
die() { printf '[engines] ERROR: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }
has_fn() { declare -F "$1" >/dev/null; }
in_list() { # <word> <words...>
  local w="$1" x; shift
  for x in "$@"; do [[ "$x" == "$w" ]] && return 0; done
  return 1
}

# step "label" command...: run a command and print how long it took.
step() {
  local label="$1"; shift
  local t0; t0="$(now)"
  "$@"
  log "$(printf '%-26s %s' "$label" "$(elapsed "$t0")")"
}

port_names_of() { echo "${ENGINE_PORTS[$1]}"; } # names of its port settings, main first
port_of() { local names; read -ra names <<<"${ENGINE_PORTS[$1]}"; echo "${!names[0]}"; }
extra_ports_of() {
  local names v out=()
  read -ra names <<<"${ENGINE_PORTS[$1]}"
  for v in "${names[@]:1}"; do out+=("${!v}"); done
  echo "${out[*]}"
}
dir_of() { echo "${ENGINE_STATE_DIR[$1]}"; }
pidfile_of() {
  if has_fn "pidfile_$1"; then "pidfile_$1"; else echo "$(dir_of "$1")/$1.pid"; fi
}
logfile_of() { echo "$(dir_of "$1")/$1.log"; }
marker_of() { "marker_$1"; }
needs_of() { echo "${ENGINE_NEEDS[$1]:-}"; }
join_by() { # <separator> <words...>
  local sep="$1" joined="${2:-}" w; shift; shift || true
  for w in "$@"; do joined+="$sep$w"; done
  echo "$joined"
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
  # shellcheck disable=SC2016 # $$ and $1 belong to the inner bash
  nohup setsid bash -c 'echo $$ > "$1"; shift; exec "$@"' engine-start "$pf" "$@" </dev/null >"$lf" 2>&1 9>&- &
  for _ in $(seq 50); do [[ -s "$pf" ]] && break; sleep 0.1; done
  [[ -s "$pf" ]] || die "$e: could not start (no pid file)"
}

ensure_ports_free() {
  local e="$1" p owner x w names=()
  for p in $(port_of "$e") $(extra_ports_of "$e"); do
    if port_open "$p"; then
      owner="$(ss -ltnpH "sport = :$p" 2>/dev/null | head -n 3)"
      for x in "${LIST_ORDER[@]}"; do read -ra w <<<"$(port_names_of "$x")"; names+=("${w[@]}"); done
      die "$e: port $p on $HOST is already in use by another process, not started by engines.sh:
$owner
  stop it, or choose other ports ($(join_by ', ' "${names[@]}"))"
    fi
  done
}

# hash of the files a build depends on (paths relative to tools/engines), to rebuild when they change
inputs_hash() { (cd "$SCRIPT_DIR" && sha256sum "$@" && "$JAVA" -version 2>&1 | head -n 1) | sha256sum | cut -c1-16; }

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

provision_step() { # <engine>: provision_<engine>, timed and labelled with its note
  local e="$1" label t0; t0="$(now)"
  label="${PROVISION_LABEL[$e]:-provision $e}"
  PROVISION_NOTE=""
  "provision_$e"
  log "$(printf '%-26s %s (%s)' "$label" "$(elapsed "$t0")" "$PROVISION_NOTE")"
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
      if has_fn "diagnose_$e"; then "diagnose_$e"; fi
      die "$e (pid $pid) did not answer on $HOST:$(port_of "$e") within ${ENGINES_TIMEOUT}s; it is left running — 'engines.sh down' stops it"
    fi
    sleep 0.5
  done
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

# ---------------------------------------------------------------- the engines

for _e in "${ALL_ENGINES[@]}"; do
  [[ -f "$SCRIPT_DIR/$_e.sh" ]] || die "no engine file $SCRIPT_DIR/$_e.sh"
  # shellcheck source=/dev/null # one of kafka.sh, opensearch.sh, postgres.sh, ferretdb.sh
  source "$SCRIPT_DIR/$_e.sh"
  for _f in provision start check selftest marker; do
    has_fn "${_f}_$_e" || die "$_e.sh does not define ${_f}_$_e"
  done
  [[ -n "${ENGINE_PORTS[$_e]:-}" && -n "${ENGINE_STATE_DIR[$_e]:-}" ]] ||
    die "$_e.sh does not set ENGINE_PORTS[$_e] and ENGINE_STATE_DIR[$_e]"
done
unset _e _f

# ---------------------------------------------------------------- commands

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

# "kafka 127.0.0.1:9092, ferretdb 127.0.0.1:27017 on postgres 127.0.0.1:54329, opensearch ..."
engines_summary() {
  local e n x s parts=()
  for e in "${LIST_ORDER[@]}"; do
    in_list "$e" "${ENGINES[@]}" || continue
    for x in "${ENGINES[@]}"; do # an engine another one needs is listed with it
      if [[ " $(needs_of "$x") " == *" $e "* ]]; then continue 2; fi
    done
    s="$e $HOST:$(port_of "$e")"
    for n in $(needs_of "$e"); do
      if in_list "$n" "${ENGINES[@]}"; then s+=" on $n $HOST:$(port_of "$n")"; fi
    done
    parts+=("$s")
  done
  join_by ', ' "${parts[@]}"
}

cmd_up() {
  local total0 e n pid need=() t0
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
  for e in "${ENGINES[@]}"; do
    if has_fn "preflight_$e"; then "preflight_$e"; fi
  done
  if (( ${#need[@]} == 0 )); then
    log "all engines already running ($(engines_summary)) — nothing to do ($(elapsed "$total0"))"
    return 0
  fi

  PROVISIONED=0
  for e in "${ENGINES[@]}"; do
    if [[ "${PROVISION_AT[$e]:-up}" == up ]]; then provision_step "$e"; fi
  done

  local item waited=" "
  for item in "${need[@]}"; do # check all ports before starting anything
    [[ "${item#*:}" == start ]] && ensure_ports_free "${item%%:*}"
  done
  for item in "${need[@]}"; do
    e="${item%%:*}"
    if [[ "${item#*:}" == start && "${PROVISION_AT[$e]:-up}" == start ]]; then provision_step "$e"; fi
  done
  for item in "${need[@]}"; do
    e="${item%%:*}"
    [[ "${item#*:}" == start ]] || continue
    # an engine starts once what it needs answers (FerretDB: its PostgreSQL, with the database);
    # the others (Kafka, OpenSearch) are already starting
    for n in $(needs_of "$e"); do
      if [[ -n "${STARTED_AT[$n]:-}" && "$waited" != *" $n "* ]]; then
        step "wait $n (:$(port_of "$n"))" wait_engine "$n"
        waited+="$n "
      fi
    done
    has_fn "pidfile_$e" || rm -f "$(pidfile_of "$e")" # an engine's own pid file is its business (pg_ctl handles a stale postmaster.pid)
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

# SIGTERM to all at once, then wait; an engine with its own stop_<e> (PostgreSQL) is stopped after the
# engines listed after it in ALL_ENGINES (FerretDB holds PostgreSQL's connections), while the others stop.
cmd_down() {
  local purge=0 e x t0 deadline pid seen
  declare -A pids=() own=() waited=()
  [[ "${1:-}" == "--purge" ]] && purge=1
  t0="$(now)"
  for e in "${ALL_ENGINES[@]}"; do
    has_fn "stop_$e" && continue
    pid="$(engine_pid "$e")"
    if [[ -n "$pid" ]]; then
      kill -TERM "$pid" 2>/dev/null || true
      pids[$e]="$pid"
    fi
  done
  for e in "${ALL_ENGINES[@]}"; do # stopped whatever FERRETDB_HANDLER says, if it runs
    has_fn "stop_$e" || continue
    pid="$(engine_pid "$e")"
    if [[ -n "$pid" ]]; then own[$e]="$pid"; fi
  done
  deadline=$(( $(date +%s) + ENGINES_STOP_TIMEOUT ))
  for e in "${ALL_ENGINES[@]}"; do
    has_fn "stop_$e" || continue
    seen=0
    for x in "${ALL_ENGINES[@]}"; do
      if [[ "$x" == "$e" ]]; then seen=1; continue; fi
      if (( seen )) && [[ -n "${pids[$x]:-}" && -z "${waited[$x]:-}" ]]; then
        wait_stopped "$x" "${pids[$x]}" "$deadline"; waited[$x]=1
      fi
    done
    if [[ -n "${own[$e]:-}" ]]; then
      "stop_$e"
      log "stopped $e (pid ${own[$e]})"
    fi
  done
  for e in "${ALL_ENGINES[@]}"; do
    if [[ -n "${pids[$e]:-}" && -z "${waited[$e]:-}" ]]; then wait_stopped "$e" "${pids[$e]}" "$deadline"; fi
  done
  for e in "${ALL_ENGINES[@]}"; do
    has_fn "pidfile_$e" || rm -f "$(pidfile_of "$e")"
  done
  (( ${#pids[@]} )) || (( ${#own[@]} )) || log "nothing was running"
  if (( purge )); then cmd_purge; fi
  log "down took $(elapsed "$t0")"
}

cmd_purge() {
  local e dirs=()
  for e in "${ALL_ENGINES[@]}"; do
    if [[ -n "$(engine_pid "$e")" ]]; then die "$e is running: run 'down' first (or 'down --purge')"; fi
  done
  for e in "${ALL_ENGINES[@]}"; do
    if has_fn "purge_$e"; then "purge_$e"; fi
    dirs+=("$(dir_of "$e")")
  done
  rm -rf "${dirs[@]}" "$BUILD_DIR/selftest.ok"
  log "purged data and logs under $ENGINES_DIR (build artifacts in $BUILD_DIR kept)"
}

# crash <engine...>: the fault drills' kill. SIGKILL (no shutdown, nothing flushed) and wait until it is gone;
# PostgreSQL, which must never be SIGKILLed (its backends outlive the postmaster and keep its shared
# memory), gets `pg_ctl stop -m immediate`: the same crash from the database's side (no checkpoint,
# crash recovery on the next start). `up` starts whatever is down again.
cmd_crash() {
  local e pid
  (( $# > 0 )) || die "crash: name the engines (${ENGINES[*]})"
  for e in "$@"; do
    in_list "$e" "${ENGINES[@]}" || die "crash: unknown engine '$e' (${ENGINES[*]})"
    pid="$(engine_pid "$e")"
    if [[ -z "$pid" ]]; then log "crash $e: not running"; continue; fi
    if [[ "$e" == postgres ]]; then
      as_pg "$POSTGRES_BIN/pg_ctl" stop -s -D "$(realpath -m "$PG_DIR/data")" -m immediate -w -t 30 </dev/null 9>&- || true
    else
      kill -KILL "$pid" 2>/dev/null || true
    fi
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    log "crashed $e (pid $pid)"
  done
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
  local e
  for e in "${LIST_ORDER[@]}"; do
    if in_list "$e" "${ENGINES[@]}" && has_fn "env_$e"; then "env_$e"; fi
  done
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
  crash <e...>    the fault drills' crash: SIGKILL (postgres: pg_ctl stop -m immediate); \`up\` restarts it
data/logs: $ENGINES_DIR
EOF
}

main() {
  local cmd="${1:-}"; shift || true
  case "$cmd" in
    up|down|purge|selftest|crash)
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
