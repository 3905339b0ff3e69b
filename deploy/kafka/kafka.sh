#!/usr/bin/env bash
# Local Apache Kafka (KRaft, combined broker+controller) for dev, tests and CI.
# Jars come from Maven Central via deploy/kafka/pom.xml; no Docker, no Kafka download needed.
#
#   bash deploy/kafka/kafka.sh start|stop|restart|status|reset|resolve
#
# Settings (environment): KAFKA_BROKERS, KAFKA_PORT, KAFKA_CONTROLLER_PORT, KAFKA_NODE_ID,
# KAFKA_DATA_DIR, KAFKA_HEAP_OPTS, KAFKA_START_TIMEOUT, KAFKA_LOG_RETENTION_BYTES; for a SASL/SCRAM-over-TLS client listener
# KAFKA_LISTENER_MODE=sasl_ssl with KAFKA_SSL_KEYSTORE*, KAFKA_SCRAM_USERS; see deploy/kafka/README.md.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
CACHE_DIR="$SCRIPT_DIR/.cache"
LIB_DIR="$CACHE_DIR/lib"
LIB_STAMP="$LIB_DIR/.resolved-from"

NODE_ID="${KAFKA_NODE_ID:-1}"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
DATA_DIR="${KAFKA_DATA_DIR:-$REPO_ROOT/.kafka-data/node-$NODE_ID}"
[[ "$DATA_DIR" == /* ]] || DATA_DIR="$PWD/$DATA_DIR"
DATA_DIR="${DATA_DIR%/}"
# Everything below only needs changing for a multi-node cluster (same script, one call per node).
QUORUM_VOTERS="${KAFKA_QUORUM_VOTERS:-$NODE_ID@127.0.0.1:$CONTROLLER_PORT}"
REPLICATION_FACTOR="${KAFKA_REPLICATION_FACTOR:-1}"
MIN_ISR="${KAFKA_MIN_ISR:-1}"
# Per partition; -1 keeps everything (a broker that must hold a whole replay's backlog).
RETENTION_BYTES="${KAFKA_LOG_RETENTION_BYTES:-134217728}"
# Address checked for an already running broker (first entry of the comma-separated list).
BROKERS="${KAFKA_BROKERS:-127.0.0.1:$PORT}"

HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
JVM_PERFORMANCE_OPTS="${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseSerialGC -XX:MaxDirectMemorySize=128m -XX:ReservedCodeCacheSize=64m -XX:CICompilerCount=2 -Xss512k -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"

# Client listener: plaintext (default) or sasl_ssl (SCRAM over TLS, nothing else on $PORT).
LISTENER_MODE="${KAFKA_LISTENER_MODE:-plaintext}"
case "$LISTENER_MODE" in
  plaintext | sasl_ssl) ;;
  *) printf '[kafka.sh] ERROR: KAFKA_LISTENER_MODE must be plaintext or sasl_ssl (got %s)\n' "$LISTENER_MODE" >&2; exit 1 ;;
esac
INTERNAL_PORT=""                      # inter-broker listener, sasl_ssl mode only (KAFKA_INTERNAL_PORT)

CONFIG_FILE="$DATA_DIR/server.properties"
CLUSTER_ID_FILE="$DATA_DIR/cluster.id"
PID_FILE="$DATA_DIR/kafka.pid"
OUT_FILE="$DATA_DIR/kafka.out"        # JVM stdout/stderr, truncated on every start
LOGS_DIR="$DATA_DIR/logs"             # log4j server.log (size-capped)
LOG_DIRS="$DATA_DIR/data"             # partitions + KRaft metadata log
SCRAM_STAMP="$DATA_DIR/scram.users"   # hash of the SCRAM users the storage was formatted with

log() { printf '[kafka.sh] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# --- helpers ---------------------------------------------------------------------------------

# Sends a Kafka ApiVersions v0 request and checks the correlation id of the reply, so a random
# process listening on the port does not count as a broker. Needs only bash and coreutils.
kafka_answers() {
  local host="$1" port="$2"
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "\x00\x00\x00\x0a\x00\x12\x00\x00\x00\x00\x00\x07\xff\xff" >&3
    reply="$(head -c 8 <&3 | od -An -tx1 | tr -d " \n")"
    [[ "${reply:8:8}" == "00000007" ]]
  ' "$host" "$port" >/dev/null 2>&1
}

# The same ApiVersions probe through TLS (Kafka answers ApiVersions before SASL authentication).
# The certificate is not checked: this only asks whether our broker is up.
kafka_answers_tls() {
  local host="$1" port="$2"
  command -v openssl >/dev/null 2>&1 || { port_in_use "$port"; return; }
  timeout 5 bash -c '
    reply="$( { printf "\x00\x00\x00\x0a\x00\x12\x00\x00\x00\x00\x00\x07\xff\xff"; sleep 1; } |
      openssl s_client -quiet -no_ign_eof -connect "$0:$1" 2>/dev/null | head -c 8 | od -An -tx1 | tr -d " \n")"
    [[ "${reply:8:8}" == "00000007" ]]
  ' "$host" "$port" >/dev/null 2>&1
}

broker_answers() {
  if [[ "$LISTENER_MODE" == sasl_ssl ]]; then kafka_answers_tls "$@"; else kafka_answers "$@"; fi
}

port_in_use() { timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0"' "$1" >/dev/null 2>&1; }

first_broker() {
  local first="${BROKERS%%,*}"
  first="${first#*://}"                 # tolerate PLAINTEXT://host:port
  printf '%s\n' "${first// /}"
}

# PID of the broker this script started for this data dir, if it is still alive.
running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # Guard against PID reuse: it must be a kafka.Kafka JVM using our config.
  if [[ -r "/proc/$pid/cmdline" ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "kafka.Kafka $CONFIG_FILE" || return 1
  fi
  printf '%s\n' "$pid"
}

find_java() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    JAVA="$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then
    JAVA="$(command -v java)"
  else
    die "Java 11+ not found (install a JDK/JRE 17, or set JAVA_HOME)"
  fi
  local major
  major="$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\)[."].*/\1/p' | head -n1)"
  [[ "$major" == "1" || -z "$major" ]] && major=8
  ((major >= 11)) || die "Kafka 3.9 needs Java 11+ (found $major at $JAVA)"
}

pom_hash() { sha256sum "$SCRIPT_DIR/pom.xml" | cut -d' ' -f1; }
jar_count() { find "$1" -maxdepth 1 -name '*.jar' 2>/dev/null | wc -l | tr -d ' '; }

# Copies Kafka's runtime jars into .cache/lib unless they are there already for this pom.xml.
resolve_jars() {
  # The stamp holds the pom.xml hash and the jar count; it is written last, so an interrupted or
  # partial copy, a changed pom.xml or a deleted jar all trigger a fresh resolution.
  local want
  want="$(pom_hash)"
  if [[ -f "$LIB_STAMP" && "$(cat "$LIB_STAMP")" == "$want $(jar_count "$LIB_DIR")" ]]; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is needed once to fetch Kafka's jars from Maven Central"
  local tmp="$CACHE_DIR/lib.tmp.$$" mvn_log="$CACHE_DIR/mvn.log" t0=$SECONDS
  log "Resolving Kafka jars with Maven (local ~/.m2, else Maven Central) into ${LIB_DIR#"$REPO_ROOT"/}..."
  mkdir -p "$CACHE_DIR"
  rm -rf "$tmp"
  # shellcheck disable=SC2086  # KAFKA_MVN_ARGS is a list of extra Maven flags
  if ! mvn -B -q -Dstyle.color=never -f "$SCRIPT_DIR/pom.xml" ${KAFKA_MVN_ARGS:-} \
      dependency:copy-dependencies -Dkafka.lib.dir="$tmp" >"$mvn_log" 2>&1; then
    tail -n 40 "$mvn_log" >&2 || true
    rm -rf "$tmp"
    die "Maven could not resolve Kafka's jars (full output: $mvn_log)"
  fi
  compgen -G "$tmp/kafka_2.13-*.jar" >/dev/null || die "Maven finished but kafka_2.13 jar is missing in $tmp"
  printf '%s %s\n' "$want" "$(jar_count "$tmp")" >"$tmp/.resolved-from"
  rm -rf "$LIB_DIR"
  mv "$tmp" "$LIB_DIR"
  log "Resolved $(jar_count "$LIB_DIR") jars in $((SECONDS - t0))s"
}

kafka_version() {
  local jar
  jar="$(compgen -G "$LIB_DIR/kafka_2.13-*.jar" | head -n1)"
  jar="${jar##*/kafka_2.13-}"
  printf '%s\n' "${jar%.jar}"
}

# Escapes a value for a Java .properties file (backslash is its only escape we may meet here).
prop_value() { printf '%s' "${1//\\/\\\\}"; }

# Checks the sasl_ssl settings and sets the listener placeholders for render_config.
listener_settings() {
  if [[ "$LISTENER_MODE" == plaintext ]]; then
    LISTENERS="PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT"
    ADVERTISED_LISTENERS="PLAINTEXT://127.0.0.1:$PORT"
    LISTENER_SECURITY_PROTOCOL_MAP="PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
    INTER_BROKER_LISTENER="PLAINTEXT"
    return 0
  fi
  [[ "$PORT" =~ ^[0-9]+$ ]] || die "KAFKA_PORT must be a number (got $PORT)"
  INTERNAL_PORT="${KAFKA_INTERNAL_PORT:-$((PORT + 2))}"
  SSL_KEYSTORE="${KAFKA_SSL_KEYSTORE:-}"
  SSL_KEYSTORE_PASSWORD="${KAFKA_SSL_KEYSTORE_PASSWORD:-}"
  SSL_KEY_PASSWORD="${KAFKA_SSL_KEY_PASSWORD:-$SSL_KEYSTORE_PASSWORD}"
  SSL_KEYSTORE_TYPE="${KAFKA_SSL_KEYSTORE_TYPE:-PKCS12}"
  SASL_MECHANISMS="${KAFKA_SASL_MECHANISMS:-SCRAM-SHA-512,SCRAM-SHA-256}"
  [[ -n "$SSL_KEYSTORE" ]] || die "KAFKA_LISTENER_MODE=sasl_ssl needs KAFKA_SSL_KEYSTORE (the broker's key and certificate)"
  [[ "$SSL_KEYSTORE" == /* ]] || SSL_KEYSTORE="$PWD/$SSL_KEYSTORE"
  [[ -r "$SSL_KEYSTORE" ]] || die "KAFKA_SSL_KEYSTORE: cannot read $SSL_KEYSTORE"
  [[ -n "$SSL_KEYSTORE_PASSWORD" ]] || die "KAFKA_LISTENER_MODE=sasl_ssl needs KAFKA_SSL_KEYSTORE_PASSWORD"
  [[ "$SSL_KEYSTORE_TYPE" =~ ^(PKCS12|JKS)$ ]] || die "KAFKA_SSL_KEYSTORE_TYPE must be PKCS12 or JKS (got $SSL_KEYSTORE_TYPE)"
  [[ "$SASL_MECHANISMS" =~ ^SCRAM-SHA-(256|512)(,SCRAM-SHA-(256|512))?$ ]] ||
    die "KAFKA_SASL_MECHANISMS must be SCRAM-SHA-512 and/or SCRAM-SHA-256, comma-separated (got $SASL_MECHANISMS)"
  [[ -n "${KAFKA_SCRAM_USERS:-}" ]] || die "KAFKA_LISTENER_MODE=sasl_ssl needs KAFKA_SCRAM_USERS (name:password[,name:password...])"
  local entry
  IFS=',' read -ra SCRAM_USERS <<<"$KAFKA_SCRAM_USERS"
  for entry in "${SCRAM_USERS[@]}"; do
    # Kafka's --add-scram syntax has no escaping for ',', '=', '[', ']' or quotes; keep to safe characters.
    [[ "$entry" =~ ^[A-Za-z0-9._-]+:[A-Za-z0-9._~!@#%^*+/:?-]+$ ]] ||
      die "KAFKA_SCRAM_USERS: each entry is name:password (name: letters, digits ._-; password also ~!@#%^*+/:?) - got '${entry%%:*}:...'"
  done
  LISTENERS="SASL_SSL://127.0.0.1:$PORT,BROKER://127.0.0.1:$INTERNAL_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT"
  ADVERTISED_LISTENERS="SASL_SSL://127.0.0.1:$PORT,BROKER://127.0.0.1:$INTERNAL_PORT"
  LISTENER_SECURITY_PROTOCOL_MAP="SASL_SSL:SASL_SSL,BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT"
  INTER_BROKER_LISTENER="BROKER"
}

render_config() {
  local tpl
  tpl="$(cat "$SCRIPT_DIR/server.properties.template")"
  tpl="${tpl//'${LISTENERS}'/"$LISTENERS"}"
  tpl="${tpl//'${ADVERTISED_LISTENERS}'/"$ADVERTISED_LISTENERS"}"
  tpl="${tpl//'${LISTENER_SECURITY_PROTOCOL_MAP}'/"$LISTENER_SECURITY_PROTOCOL_MAP"}"
  tpl="${tpl//'${INTER_BROKER_LISTENER}'/"$INTER_BROKER_LISTENER"}"
  tpl="${tpl//'${NODE_ID}'/"$NODE_ID"}"
  tpl="${tpl//'${PORT}'/"$PORT"}"
  tpl="${tpl//'${CONTROLLER_PORT}'/"$CONTROLLER_PORT"}"
  tpl="${tpl//'${QUORUM_VOTERS}'/"$QUORUM_VOTERS"}"
  tpl="${tpl//'${LOG_DIRS}'/"$LOG_DIRS"}"
  tpl="${tpl//'${REPLICATION_FACTOR}'/"$REPLICATION_FACTOR"}"
  tpl="${tpl//'${MIN_ISR}'/"$MIN_ISR"}"
  tpl="${tpl//'${RETENTION_BYTES}'/"$RETENTION_BYTES"}"
  if grep -v '^#' <<<"$tpl" | grep -q '\${'; then
    die "unreplaced placeholder in server.properties.template: $(grep -v '^#' <<<"$tpl" | grep -m1 '\${')"
  fi
  if [[ "$LISTENER_MODE" == sasl_ssl ]]; then
    local sec
    sec="$(cat "$SCRIPT_DIR/server.sasl-ssl.properties.template")"
    sec="${sec//'${SASL_MECHANISMS}'/"$SASL_MECHANISMS"}"
    sec="${sec//'${SSL_KEYSTORE_TYPE}'/"$SSL_KEYSTORE_TYPE"}"
    sec="${sec//'${SSL_KEYSTORE}'/"$(prop_value "$SSL_KEYSTORE")"}"
    sec="${sec//'${SSL_KEYSTORE_PASSWORD}'/"$(prop_value "$SSL_KEYSTORE_PASSWORD")"}"
    sec="${sec//'${SSL_KEY_PASSWORD}'/"$(prop_value "$SSL_KEY_PASSWORD")"}"
    if grep -v '^#' <<<"$sec" | grep -q '\${'; then
      die "unreplaced placeholder in server.sasl-ssl.properties.template: $(grep -v '^#' <<<"$sec" | grep -m1 '\${')"
    fi
    tpl+=$'\n'"$sec"
    # It holds the keystore password.
    (umask 077 && printf '%s\n' "$tpl" >"$CONFIG_FILE")
    chmod 600 "$CONFIG_FILE"
    return 0
  fi
  printf '%s\n' "$tpl" >"$CONFIG_FILE"
}

# --add-scram arguments for kafka-storage format: every user, for every enabled mechanism.
scram_format_args() {
  local entry mechanism
  SCRAM_ARGS=()
  for entry in "${SCRAM_USERS[@]}"; do
    for mechanism in ${SASL_MECHANISMS//,/ }; do
      SCRAM_ARGS+=(--add-scram "$mechanism=[name=${entry%%:*},password=${entry#*:}]")
    done
  done
}

scram_users_hash() { printf '%s|%s' "$SASL_MECHANISMS" "$KAFKA_SCRAM_USERS" | sha256sum | cut -d' ' -f1; }

# KRaft cluster id: 16 random bytes, URL-safe base64 without padding (as kafka-storage random-uuid).
cluster_id() {
  if [[ ! -s "$CLUSTER_ID_FILE" ]]; then
    local id="${KAFKA_CLUSTER_ID:-}"
    while [[ -z "$id" || "$id" == -* ]]; do
      id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    done
    printf '%s\n' "$id" >"$CLUSTER_ID_FILE"
  fi
  cat "$CLUSTER_ID_FILE"
}

format_storage() {
  if [[ -f "$LOG_DIRS/meta.properties" ]]; then
    # SCRAM credentials only enter the metadata at format time: changed users need a reset.
    if [[ "$LISTENER_MODE" == sasl_ssl && "$(cat "$SCRAM_STAMP" 2>/dev/null)" != "$(scram_users_hash)" ]]; then
      die "KAFKA_SCRAM_USERS/KAFKA_SASL_MECHANISMS differ from those $DATA_DIR was formatted with; run 'reset' first"
    fi
    return 0
  fi
  local id
  id="$(cluster_id)"
  SCRAM_ARGS=()
  [[ "$LISTENER_MODE" == sasl_ssl ]] && scram_format_args
  log "Formatting KRaft storage in $LOG_DIRS (cluster id $id${SCRAM_ARGS:+, ${#SCRAM_USERS[@]} SCRAM user(s)})"
  # shellcheck disable=SC2086
  if ! (cd "$DATA_DIR" && "$JAVA" $HEAP_OPTS -cp "$LIB_DIR/*" \
      -Dlog4j.configuration="file:$SCRIPT_DIR/log4j.properties" -Dkafka.logs.dir="$LOGS_DIR" \
      kafka.tools.StorageTool format -t "$id" -c "$CONFIG_FILE" "${SCRAM_ARGS[@]}") >"$DATA_DIR/format.out" 2>&1; then
    # The arguments held passwords; the tool's output does not.
    cat "$DATA_DIR/format.out" >&2
    die "kafka-storage format failed"
  fi
  [[ "$LISTENER_MODE" == sasl_ssl ]] && scram_users_hash >"$SCRAM_STAMP"
  return 0
}

print_log_tail() {
  log "----- last 50 lines of $OUT_FILE -----"
  tail -n 50 "$OUT_FILE" >&2 2>/dev/null || true
  if grep -q ' ERROR ' "$OUT_FILE" 2>/dev/null; then
    log "----- first errors -----"
    grep -m 3 -A 1 ' ERROR ' "$OUT_FILE" >&2 || true
  fi
  log "----- (full log: $LOGS_DIR/server.log) -----"
}

wait_until_started() {
  local pid="$1" deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      print_log_tail
      rm -f "$PID_FILE"
      die "Kafka exited during startup"
    fi
    if grep -q 'Kafka Server started' "$OUT_FILE" 2>/dev/null && broker_answers 127.0.0.1 "$PORT"; then
      return 0
    fi
    sleep 0.5
  done
  print_log_tail
  log "Kafka did not start within ${START_TIMEOUT}s; stopping pid $pid"
  stop_broker >/dev/null 2>&1 || true
  exit 1
}

# Serialises concurrent start/stop calls for the same node (e.g. two jest projects' global setup).
take_lock() {
  command -v flock >/dev/null 2>&1 || return 0
  mkdir -p "$(dirname "$DATA_DIR")"
  exec 9>"$DATA_DIR.lock"
  flock -w $((START_TIMEOUT + STOP_TIMEOUT + 300)) 9 || die "timed out waiting for $DATA_DIR.lock"
}

# --- commands --------------------------------------------------------------------------------

cmd_start() {
  local target host port pid t0=$SECONDS
  target="$(first_broker)"
  host="${target%:*}"
  port="${target##*:}"
  listener_settings
  if broker_answers "$host" "$port"; then
    log "A Kafka broker already answers at $host:$port; reusing it (nothing started)."
    return 0
  fi
  take_lock
  if broker_answers "$host" "$port"; then   # a concurrent `start` finished while we waited
    log "A Kafka broker already answers at $host:$port; reusing it (nothing started)."
    return 0
  fi
  if [[ "$host:$port" != "127.0.0.1:$PORT" && "$host:$port" != "localhost:$PORT" ]]; then
    log "Nothing answers at $host:$port (KAFKA_BROKERS); starting a local broker on 127.0.0.1:$PORT"
  fi

  mkdir -p "$DATA_DIR" "$LOGS_DIR"

  if pid="$(running_pid)"; then
    log "Broker pid $pid (node $NODE_ID) is running but not answering yet; waiting for it"
    wait_until_started "$pid"
    log "Kafka broker answering at 127.0.0.1:$PORT (pid $pid)"
    return 0
  fi

  local p
  for p in "$PORT" "$CONTROLLER_PORT" ${INTERNAL_PORT:+"$INTERNAL_PORT"}; do
    port_in_use "$p" && die "127.0.0.1:$p is already in use by a process this script did not start for node $NODE_ID"
  done

  find_java
  resolve_jars
  render_config
  format_storage

  log "Starting Kafka $(kafka_version) node $NODE_ID on 127.0.0.1:$PORT${INTERNAL_PORT:+ (SASL_SSL; inter-broker $INTERNAL_PORT)} (controller $CONTROLLER_PORT, data $DATA_DIR)"
  : >"$OUT_FILE"
  local detach=()
  command -v setsid >/dev/null 2>&1 && detach=(setsid)   # own session: Ctrl-C in the caller's terminal does not hit it
  # shellcheck disable=SC2086
  (cd "$DATA_DIR" && exec "${detach[@]}" nohup "$JAVA" $HEAP_OPTS $JVM_PERFORMANCE_OPTS \
      -XX:ErrorFile="$DATA_DIR/hs_err_pid%p.log" \
      -Dlog4j.configuration="file:$SCRIPT_DIR/log4j.properties" -Dkafka.logs.dir="$LOGS_DIR" \
      -cp "$LIB_DIR/*" kafka.Kafka "$CONFIG_FILE" </dev/null >>"$OUT_FILE" 2>&1 9>&-) &
  pid=$!
  printf '%s\n' "$pid" >"$PID_FILE"
  wait_until_started "$pid"
  log "Kafka $(kafka_version) answering at 127.0.0.1:$PORT (pid $pid, ready in $((SECONDS - t0))s; logs: $LOGS_DIR/server.log)"
}

stop_broker() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    log "Kafka node $NODE_ID is not running (nothing to stop)"
    return 0
  fi
  log "Stopping Kafka node $NODE_ID (pid $pid)..."
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT)) t0=$SECONDS
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    log "Still running after ${STOP_TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  else
    log "Stopped cleanly in $((SECONDS - t0))s"
  fi
  rm -f "$PID_FILE"
}

cmd_stop() {
  take_lock
  stop_broker
}

cmd_status() {
  local pid target
  if pid="$(running_pid)"; then
    local rss
    rss="$(ps -o rss= -p "$pid" 2>/dev/null | tr -d ' ' || true)"
    if broker_answers 127.0.0.1 "$PORT"; then
      echo "running: Kafka node $NODE_ID, pid $pid, 127.0.0.1:$PORT, RSS $((${rss:-0} / 1024)) MiB, data $DATA_DIR"
    else
      echo "running (not answering yet): Kafka node $NODE_ID, pid $pid, 127.0.0.1:$PORT, data $DATA_DIR"
    fi
    return 0
  fi
  target="$(first_broker)"
  if broker_answers "${target%:*}" "${target##*:}"; then
    echo "running: a broker answers at $target (not started by kafka.sh for node $NODE_ID)"
    return 0
  fi
  echo "stopped: Kafka node $NODE_ID (data $DATA_DIR)"
  return 1
}

cmd_reset() {
  take_lock
  stop_broker
  case "$DATA_DIR" in
    "" | "/" | "$REPO_ROOT" | "$REPO_ROOT/" | "$HOME" | "$HOME/") die "refusing to delete '$DATA_DIR'" ;;
  esac
  rm -rf "$DATA_DIR"
  log "Deleted $DATA_DIR"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_stop && cmd_start ;;
  status) cmd_status ;;
  reset) cmd_reset ;;
  resolve) resolve_jars && log "Kafka $(kafka_version) jars in $LIB_DIR" ;;
  *)
    echo "usage: $0 start|stop|restart|status|reset|resolve" >&2
    exit 2
    ;;
esac
