# shellcheck shell=bash
# shellcheck disable=SC2034 # ENGINE_*, PROVISION_* and PROVISIONED are read by engines.sh, which sources this file
# FerretDB 1.24 (MongoDB wire protocol): a Go binary built from ferretdb/ (CGO off) embedding
# github.com/FerretDB/FerretDB/ferretdb, on PostgreSQL (postgres.sh; FERRETDB_HANDLER=postgresql) or on
# SQLite (FERRETDB_HANDLER=sqlite, data under ferretdb/data). Sourced by engines.sh (see "Engine files"
# there); not run on its own.

FERRETDB_PORT="${FERRETDB_PORT:-27017}"
FERRETDB_LOG_LEVEL="${FERRETDB_LOG_LEVEL:-warn}"

FERRET_BUILD="$BUILD_DIR/ferretdb"
FERRET_BIN="$FERRET_BUILD/ferretdb-server"
FERRET_DIR="$ENGINES_DIR/ferretdb"
# what the build stamp hashes; this file too, so a change here rebuilds
FERRET_INPUTS=(ferretdb/go.mod ferretdb/go.sum ferretdb/main.go ferretdb/selftest.go ferretdb.sh)

ENGINE_PORTS["ferretdb"]="FERRETDB_PORT"
ENGINE_STATE_DIR["ferretdb"]="$FERRET_DIR"
PROVISION_LABEL["ferretdb"]="build ferretdb"
# started once its PostgreSQL answers (and has the database); `up` lists it as "ferretdb ... on postgres ..."
if [[ "$FERRETDB_HANDLER" == postgresql ]]; then ENGINE_NEEDS["ferretdb"]=postgres; fi
marker_ferretdb() { echo "ferretdb-server"; }
env_ferretdb() { echo "MONGODB_URI=mongodb://$HOST:$FERRETDB_PORT"; }

provision_ferretdb() {
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

# a FerretDB left running on another backend (e.g. by the SQLite-era script) is reported, not restarted
preflight_ferretdb() {
  local pid; pid="$(engine_pid ferretdb)"
  if [[ -n "$pid" ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-handler $FERRETDB_HANDLER"; then
    log "WARNING: ferretdb (pid $pid) runs on another backend than FERRETDB_HANDLER=$FERRETDB_HANDLER (started by an older engines.sh?); 'engines.sh down' then 'up' switches it (data is not migrated)"
  fi
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

check_ferretdb() { # an OP_MSG ping answered ok: 1 (FerretDB's ping queries its backend)
  "$FERRET_BIN" -ping "$HOST:$FERRETDB_PORT" -timeout 2s >/dev/null 2>&1
}

selftest_ferretdb() {
  "$FERRET_BIN" -selftest "$HOST:$FERRETDB_PORT"
}
