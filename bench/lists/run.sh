#!/usr/bin/env bash
# PERF-3 benchmark (DESIGN.md §11): ingest of N-entry daily batches through the hub against a plain COPY of the
# same rows into the same PostgreSQL, in one run: a first upload (all new), then a steady-state day (the same
# subjects, 1 % changed). Run by hand, never in CI. Loopback only; the hub and its
# embedded PostgreSQL started here are stopped on exit.
#
#   bench/lists/run.sh                 1,000,000 entries
#   N=10000000 bench/lists/run.sh      10 M entries (PERF-3: within 120 s, default heap)
#
#   ORDER=random bench/lists/run.sh   the file out of canonical (sub) order: the hub sorts it in PostgreSQL
#                                     (the contract asks for canonical order, the default here)
#
# Environment (defaults in brackets): N [1000000] ORDER [sorted|random] BUILD [1] MVN_ARGS [-B -o -q] HUB_PORT [18090]
# HUB_ID [ymt:hub:bench] HUB_JAVA_OPTS [] (after hub/jvm.options, as the README starts the hub) HUB_READY_SECONDS [180] WORK [mktemp] KEEP_WORK [0]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/bench/lists"
N=${N:-1000000}
ORDER=${ORDER:-sorted}
BUILD=${BUILD:-1}
MVN_ARGS=${MVN_ARGS:--B -o -q}
HUB_PORT=${HUB_PORT:-18090}
HUB_ID=${HUB_ID:-ymt:hub:bench}
HUB_JAVA_OPTS=${HUB_JAVA_OPTS:-}
HUB_READY_SECONDS=${HUB_READY_SECONDS:-180}
WORK=${WORK:-$(mktemp -d /tmp/ymt-bench-lists.XXXXXX)}
mkdir -p "$WORK"
KEEP_WORK=${KEEP_WORK:-0}
ADMIN_TOKEN="bench-$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"
HUB_URL="http://127.0.0.1:$HUB_PORT"
APP="$ROOT/hub/target/quarkus-app"

log() { printf '%s [bench-lists] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

. "$ROOT/bench/lib.sh"

cleanup() {
  local rc=$?
  stop_hub
  if [[ "$KEEP_WORK" != 1 ]]; then rm -rf "$WORK"; else log "work files kept in $WORK"; fi
  exit $rc
}
trap cleanup EXIT INT TERM

if [[ "$BUILD" == 1 ]]; then
  log "building the hub (package, tests skipped)"
  (cd "$ROOT" && flock /tmp/ymt-mvn.lock ./mvnw $MVN_ARGS package -pl hub -am -DskipTests)
fi
[[ -f "$APP/quarkus-run.jar" ]] || die "no $APP/quarkus-run.jar: build first (BUILD=1)"

log "starting the hub on $HUB_PORT (hub/jvm.options ${HUB_JAVA_OPTS})"
start_hub
PG_PORT=$(sed -n 's/.*Started embedded PostgreSQL on port \([0-9]*\).*/\1/p' "$WORK/hub.log" | head -1)
[[ -n "$PG_PORT" ]] || die "could not find the embedded PostgreSQL port in $WORK/hub.log"
log "hub ready; PostgreSQL on $PG_PORT; loadavg $(cut -d' ' -f1-3 /proc/loadavg)"

CP="$APP/app/*:$APP/lib/main/*"
YMT_DB_PASSWORD=$(cat "$WORK/hub-home/db-password") java -Xmx2g -cp "$CP" "$HERE/ListsBench.java" "$HUB_URL" "$ADMIN_TOKEN" "$HUB_ID" \
  "jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" "$N" "$WORK" "$ORDER" | tee "$WORK/results.txt"
grep -E 'Batch .* (entries read|stored)' "$WORK/hub.log" | tail -5 >&2 || true
grep '^RESULT phase=ratio' "$WORK/results.txt" | sed 's/NOT_MET/NOT MET/' >&2
log "hub JVM options: hub/jvm.options ${HUB_JAVA_OPTS}; hub RSS at end: $(ps -o rss= -p "$HUB_PID" | awk '{printf "%d MiB", $1/1024}')"
