# shellcheck shell=bash
# shellcheck disable=SC2034 # ENGINE_*, PROVISION_* and PROVISIONED are read by engines.sh, which sources this file
# OpenSearch 2.19, one embedded node (org.opensearch.node.Node + netty4, analysis-common, mapper-extras)
# from Maven Central (opensearch/pom.xml), launched by engines.EmbeddedOpenSearch on JDK 17.
# Sourced by engines.sh (see "Engine files" there); not run on its own.

OPENSEARCH_PORT="${OPENSEARCH_PORT:-9200}"
OPENSEARCH_TRANSPORT_PORT="${OPENSEARCH_TRANSPORT_PORT:-9300}"

OS_BUILD="$BUILD_DIR/opensearch"
OS_DIR="$ENGINES_DIR/opensearch"
# what the build stamp hashes (with the JDK version); this file too, so a change here re-provisions
OS_INPUTS=(opensearch/pom.xml opensearch/src/main/java/engines/EmbeddedOpenSearch.java opensearch.sh)

ENGINE_PORTS["opensearch"]="OPENSEARCH_PORT OPENSEARCH_TRANSPORT_PORT"
ENGINE_STATE_DIR["opensearch"]="$OS_DIR"
marker_opensearch() { echo "engines.EmbeddedOpenSearch"; }
env_opensearch() { echo "OPENSEARCH_URL=http://$HOST:$OPENSEARCH_PORT"; }

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

check_opensearch() {
  local body
  body="$(curl -s --max-time 3 "http://$HOST:$OPENSEARCH_PORT/_cluster/health" 2>/dev/null)" || return 1
  [[ "$body" == *'"status":"green"'* || "$body" == *'"status":"yellow"'* ]]
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
