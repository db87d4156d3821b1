#!/usr/bin/env bash
# PERF-4 benchmark (DESIGN.md §11): POST /v1/token and POST /v1/introspect throughput of a running hub, against
# the raw sign and verify rates of the hub token's algorithm measured in the same run. Run by hand, never in CI.
# Loopback only; everything started here is stopped on exit.
#
# Environment (defaults in brackets): BUILD [1] MVN_ARGS [-B -o -q] HUB_PORT [18190] ALG [SM2] DURATION [15]
# DIAG_ASYNC_COMMIT [0]: 1 turns PostgreSQL's synchronous_commit off after start (a diagnosis of where the hub
# waits, never a PERF figure: the hub then answers before its audit event is durable).
# RAW_SECONDS [5] WARMUP [5] CONCURRENCY [64] CLIENT_ALG [EdDSA] HUB_JAVA_OPTS [] WORK [mktemp]
# AUTH [session|assertion]: the department's session as Authorization: Bearer (REQ-AUTH-2), or a client assertion per
# request. ASSERTIONS (AUTH=assertion) [the raw all-thread verify rate x DURATION x 1.2: more than the hub could use]
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
bench raw --alg "$ALG" --seconds "$RAW_SECONDS" | tee "$WORK/raw.txt" | tee -a "$SUMMARY"
raw_rate() { sed -n "s/^RESULT raw op=$1 alg=[^ ]* threads=$2 rate=\([0-9]*\).*/\1/p" "$WORK/raw.txt" | head -1; }
VERIFY=$(raw_rate verify "$(nproc)"); SIGN=$(raw_rate sign "$(nproc)")
# Each request spends one client assertion, and the hub cannot answer faster than it verifies a token.
ASSERTIONS=${ASSERTIONS:-$(( VERIFY * DURATION * 12 / 10 + 1000 ))}

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
  --concurrency "$CONCURRENCY" --warmup "$WARMUP" --client-alg "$CLIENT_ALG" --assertions "$ASSERTIONS" \
  --auth "${AUTH:-session}" | tee -a "$SUMMARY"
echo "hub RSS after load: $(ps -o rss= -p "$HUB_PID") KiB" >> "$SUMMARY"
rate_of() { sed -n "s/^RESULT $1 ok=[0-9]* failed=\([0-9]*\) seconds=[0-9]* rate=\([0-9.]*\) ran_out=\([a-z]*\).*/\2 \1 \3/p" "$SUMMARY" | head -1; }
read -r EXCHANGE EXCHANGE_FAILED EXCHANGE_OUT <<<"$(rate_of exchange)"
read -r INTROSPECT INTROSPECT_FAILED INTROSPECT_OUT <<<"$(rate_of introspect)"
{
  echo
  echo "== bench/tokens summary ($(date -u +%FT%TZ), $(nproc) cores, $ALG hub tokens, client authentication: ${AUTH:-session} ($CLIENT_ALG key))"
  awk -v e="${EXCHANGE:-0}" -v v="$VERIFY" -v s="$SIGN" -v f="${EXCHANGE_FAILED:-?}" -v o="${EXCHANGE_OUT:-?}" 'BEGIN { b = 1 / (1 / v + 1 / s)
    printf "PERF-4 exchange %s /s / bound 1/(1/verify + 1/sign) = %.0f /s: %.2f (goal >= 0.8) %s; failed %s, ran out %s\n", e, b, e / b, (e / b >= 0.8 ? "MET" : "NOT MET"), f, o }'
  awk -v i="${INTROSPECT:-0}" -v v="$VERIFY" -v f="${INTROSPECT_FAILED:-?}" -v o="${INTROSPECT_OUT:-?}" 'BEGIN {
    printf "PERF-4 introspection %s /s / raw verify %s /s: %.2f (goal >= 0.6) %s; failed %s, ran out %s\n", i, v, i / v, (i / v >= 0.6 ? "MET" : "NOT MET"), f, o }'
} >> "$SUMMARY"
cat "$SUMMARY"
