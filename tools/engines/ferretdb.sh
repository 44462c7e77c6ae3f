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
# FerretDB files replaced at build time (go build -overlay) by ferretdb/patches/<the same path>, each a
# copy of the upstream file of FERRET_PATCH_BASE with changes marked "results-sharing patch:", and
# files added to FerretDB's packages (FERRET_ADDED, also under ferretdb/patches/). They give every index
# a GIN twin so that the `@>` equality pushdown uses an index (metadata/registry.go), push
# `{k: {$in: [scalars]}}` down (query.go), and push a find's sort and limit down when that is exact
# (topn.go, with the hint set by handler/msg_find.go in backends/collection.go, run by
# postgresql/collection.go) (tools/engines/README.md, "FerretDB patches"). Go refuses to overlay files beneath
# GOMODCACHE, so the build copies FerretDB's module (3.4 MB) to $FERRET_BUILD/src, points a generated
# go.mod (go build -modfile; ferretdb/go.mod is untouched) at the copy with a replace directive, and
# overlays the copy's files.
FERRET_PATCH_BASE=v1.24.2 # the FerretDB version the patches were copied from; another version fails the build
FERRET_PATCHES=(
  internal/backends/collection.go
  internal/backends/postgresql/collection.go
  internal/backends/postgresql/metadata/registry.go
  internal/backends/postgresql/query.go
  internal/handler/msg_find.go
  internal/util/resource/resource.go
)
FERRET_ADDED=(internal/backends/postgresql/topn.go)
# what the build stamp hashes; this file too, so a change here rebuilds
FERRET_INPUTS=(ferretdb/go.mod ferretdb/go.sum ferretdb/main.go ferretdb/selftest.go ferretdb.sh)
for _f in "${FERRET_PATCHES[@]}" "${FERRET_ADDED[@]}"; do FERRET_INPUTS+=("ferretdb/patches/$_f"); done
unset _f

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
  ferret_prepare_patched "$FERRET_BUILD/src"
  if ! (cd "$SCRIPT_DIR/ferretdb" && CGO_ENABLED=0 go build -buildvcs=false -trimpath \
        -modfile "$FERRET_BUILD/src/go.mod" -overlay "$FERRET_BUILD/src/overlay.json" \
        -o "$FERRET_BIN.tmp" . ) >"$FERRET_BUILD/build.log" 2>&1; then
    tail -n 30 "$FERRET_BUILD/build.log" >&2
    die "go build of tools/engines/ferretdb failed (full output: $FERRET_BUILD/build.log)"
  fi
  mv -f "$FERRET_BIN.tmp" "$FERRET_BIN"
  echo "$h" >"$FERRET_BUILD/.stamp"
  PROVISION_NOTE="built"; PROVISIONED=1
}

# ferret_prepare_patched <dir>: in <dir> (recreated), a copy of FerretDB's module from the module cache,
# go.mod + go.sum = ferretdb/'s plus `replace github.com/FerretDB/FerretDB => <the copy>`, and
# overlay.json mapping each FERRET_PATCHES file of the copy to its patched version (absolute paths)
ferret_prepare_patched() {
  local out="$1" mod=github.com/FerretDB/FerretDB version dir copy f sep="" json
  (cd "$SCRIPT_DIR/ferretdb" && go mod download "$mod") >"$FERRET_BUILD/build.log" 2>&1 ||
    { tail -n 30 "$FERRET_BUILD/build.log" >&2; die "go mod download $mod failed"; }
  version="$(cd "$SCRIPT_DIR/ferretdb" && go list -m -f '{{.Version}}' "$mod")"
  dir="$(cd "$SCRIPT_DIR/ferretdb" && go list -m -f '{{.Dir}}' "$mod")"
  [[ "$version" == "$FERRET_PATCH_BASE" ]] ||
    die "ferretdb/go.mod asks for FerretDB $version but ferretdb/patches/ were copied from $FERRET_PATCH_BASE: redo them from the new version's files (FERRET_PATCHES in ferretdb.sh)"
  [[ -n "$dir" && -d "$dir" ]] || die "FerretDB $version is not in the Go module cache (go list -m gave '$dir')"
  if [[ -d "$out" ]]; then chmod -R u+w "$out"; rm -rf "$out"; fi
  copy="$out/FerretDB@$version"
  mkdir -p "$out"
  cp -r "$dir" "$copy"
  chmod -R u+w "$copy" # the module cache is read-only; the next build deletes this copy
  # sjson, FerretDB's storage format, decodes every row with encoding/json; it gets goccy/go-json,
  # a drop-in (same API, required in ferretdb/go.mod) that is faster at it (tools/engines/README.md)
  local sj
  for sj in "$copy"/internal/handler/sjson/*.go; do
    [[ "$sj" == *_test.go ]] && continue
    sed -i 's#^\t"encoding/json"$#\tjson "github.com/goccy/go-json"#' "$sj"
  done
  grep -q 'goccy/go-json' "$copy/internal/handler/sjson/sjson.go" || die "FerretDB $version: sjson.go does not import encoding/json as expected"
  printf '\nrequire github.com/goccy/go-json %s\n' "$(cd "$SCRIPT_DIR/ferretdb" && go list -m -f '{{.Version}}' github.com/goccy/go-json)" >>"$copy/go.mod"
  { cat "$SCRIPT_DIR/ferretdb/go.mod"; printf '\nreplace %s => %s\n' "$mod" "$copy"; } >"$out/go.mod"
  cp "$SCRIPT_DIR/ferretdb/go.sum" "$out/go.sum"
  json='{"Replace": {'
  for f in "${FERRET_PATCHES[@]}"; do
    [[ -f "$copy/$f" ]] || die "FerretDB $version has no $f to patch"
    json+="$sep\"$copy/$f\": \"$SCRIPT_DIR/ferretdb/patches/$f\""
    sep=", "
  done
  for f in "${FERRET_ADDED[@]}"; do
    [[ ! -e "$copy/$f" ]] || die "FerretDB $version has its own $f: rename ferretdb/patches/$f"
    json+="$sep\"$copy/$f\": \"$SCRIPT_DIR/ferretdb/patches/$f\""
  done
  printf '%s}}\n' "$json" >"$out/overlay.json"
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
    # GOGC 400 (FERRETDB_GOGC): FerretDB allocates a Go value for every field of every row it reads,
    # and at the default 100 its collector took a fifth of its CPU reading pages (tools/engines/README.md)
    start_detached ferretdb env GOGC="${FERRETDB_GOGC:-400}" "$FERRET_BIN" -listen "$HOST:$FERRETDB_PORT" -handler postgresql \
      -postgresql-url "$(pg_url)" -log-level "$FERRETDB_LOG_LEVEL"
  fi
}

check_ferretdb() { # an OP_MSG ping answered ok: 1 (FerretDB's ping queries its backend)
  "$FERRET_BIN" -ping "$HOST:$FERRETDB_PORT" -timeout 2s >/dev/null 2>&1
}

selftest_ferretdb() {
  "$FERRET_BIN" -selftest "$HOST:$FERRETDB_PORT"
}
