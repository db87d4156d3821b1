#!/usr/bin/env bash
# PERF-4 benchmark (DESIGN.md §11): POST /v1/token and POST /v1/introspect throughput of a running hub, against
# the raw sign and verify rates of the hub token's algorithm measured in the same run. Run by hand, never in CI.
# Loopback only; everything started here is stopped on exit.
#
# Environment (defaults in brackets): BUILD [1] MVN_ARGS [-B -o -q] HUB_PORT [18190] ALG [SM2] DURATION [15]
# DIAG_ASYNC_COMMIT [0]: 1 turns PostgreSQL's synchronous_commit off after start (a diagnosis of where the hub
# waits, never a PERF figure: the hub then answers before its audit event is durable).
# RAW_SECONDS [5] WARMUP [5] CONCURRENCY [64] CLIENT_ALG [EdDSA] ASSERTIONS [60000] HUB_JAVA_OPTS [] WORK [mktemp]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/bench/tokens"
BUILD=${BUILD:-1}
MVN_ARGS=${MVN_ARGS:--B -o -q}
HUB_PORT=${HUB_PORT:-18190}
ALG=${ALG:-SM2}
DURATION=${DURATION:-15}
RAW_SECONDS=${RAW_SECONDS:-5}
WARMUP=${WARMUP:-5}
CONCURRENCY=${CONCURRENCY:-64}
CLIENT_ALG=${CLIENT_ALG:-EdDSA}
ASSERTIONS=${ASSERTIONS:-60000}
HUB_JAVA_OPTS=${HUB_JAVA_OPTS:-}
WORK=${WORK:-$(mktemp -d /tmp/ymt-bench-tokens.XXXXXX)}
HUB_ID=ymt:hub:bench
ADMIN_TOKEN="bench-$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"
HUB_URL="http://127.0.0.1:$HUB_PORT"
LIB="$ROOT/hub/target/quarkus-app/lib/main"
JAR="$ROOT/hub/target/quarkus-app/quarkus-run.jar"
SUMMARY="$WORK/summary.txt"


. "$ROOT/bench/lib.sh"

cleanup() {
  local rc=$?
  stop_hub
  log "work folder: $WORK (summary.txt, hub.log)"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ "$BUILD" == 1 ]]; then
  log "building the hub (./mvnw $MVN_ARGS package -pl hub -am -DskipTests)"
  (cd "$ROOT" && flock /tmp/ymt-mvn.lock ./mvnw $MVN_ARGS package -pl hub -am -DskipTests)
fi
[[ -f "$JAR" ]] || die "$JAR is missing: run with BUILD=1"
bench() { java -cp "$LIB/*" "$HERE/TokenBench.java" "$@"; }

mkdir -p "$WORK"
: > "$SUMMARY"
printf 'machine: %s, %s cores; %s\n' "$(uname -m)" "$(nproc)" "$(java -version 2>&1 | head -1)" >> "$SUMMARY"

log "raw $ALG sign and verify rates (hub not started yet)"
echo "loadavg before raw: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$SUMMARY"
bench raw --alg "$ALG" --seconds "$RAW_SECONDS" | tee -a "$SUMMARY"

# Another hub (someone else's bench) on the port would answer the readiness probe and the registrations.
if (exec 3<>"/dev/tcp/127.0.0.1/$HUB_PORT") 2>/dev/null; then die "port $HUB_PORT is taken: set HUB_PORT"; fi
log "starting the hub on $HUB_URL"
start_hub "-Dymt.tokens.signing-algorithm=$ALG" "-Dymt.tokens.audiences.\"ymt:member:650100\".minimum-level=basic"

if [[ "${DIAG_ASYNC_COMMIT:-0}" == 1 ]]; then
  echo "DIAGNOSIS: synchronous_commit=off (not a PERF-4 figure)" >> "$SUMMARY"
  echo "synchronous_commit = off" >> "$WORK/hub-home/pgdata/postgresql.conf"
  kill -HUP "$(head -1 "$WORK/hub-home/pgdata/postmaster.pid")"
  sleep 1
fi
log "exchange and introspection, $DURATION s each after $WARMUP s of warm-up, $CONCURRENCY in flight"
echo "loadavg before load: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$SUMMARY"
bench load --hub "$HUB_URL" --admin "$ADMIN_TOKEN" --hub-id "$HUB_ID" --seconds "$DURATION" \
  --concurrency "$CONCURRENCY" --warmup "$WARMUP" --client-alg "$CLIENT_ALG" --assertions "$ASSERTIONS" | tee -a "$SUMMARY"
echo "hub RSS after load: $(ps -o rss= -p "$HUB_PID") KiB" >> "$SUMMARY"
cat "$SUMMARY"
