#!/usr/bin/env bash
# REQ-HA-4 load-shedding benchmark: the hub past saturation keeps its latency for the requests it admits and sheds
# the rest with 503 overloaded. Run by hand, never in CI. See bench/overload/README.md. Loopback only; everything
# started here is stopped on exit.
#
#   bench/overload/run.sh           full run (about 6 minutes)
#
# Environment (defaults in brackets): BUILD [1] MVN_ARGS [-B -o -q] HUB_PORT [18080] HOME_PORT [18081]
# PROXY_PORT [18082] THREADS [nproc] HUB_WARMUP [40] MAX_SECONDS [15] PHASE_SECONDS [20] PHASE_WARMUP [3]
# LOADS ["0.7 2 3"] (open-loop rates as multiples of the measured saturation) AUTH [assertion] CALLER_ALG [EdDSA]
# HUB_ID [ymt:hub:bench] HUB_JAVA_OPTS [] HUB_CPUS [1] CLIENT_CPUS [0] (taskset lists: the hub on its own core, so the
# load it is offered does not also take its CPU) MAX_IN_FLIGHT [the hub's default] WORK [mktemp] KEEP_WORK [0]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VERIFY="$ROOT/bench/verify"
BUILD=${BUILD:-1}
MVN_ARGS=${MVN_ARGS:--B -o -q}
HUB_PORT=${HUB_PORT:-18080}
HOME_PORT=${HOME_PORT:-18081}
PROXY_PORT=${PROXY_PORT:-18082}
THREADS=${THREADS:-$(nproc)}
HUB_WARMUP=${HUB_WARMUP:-40}
MAX_SECONDS=${MAX_SECONDS:-15}
PHASE_SECONDS=${PHASE_SECONDS:-20}
PHASE_WARMUP=${PHASE_WARMUP:-3}
LOADS=${LOADS:-0.7 2 3}
AUTH=${AUTH:-assertion}
CALLER_ALG=${CALLER_ALG:-EdDSA}
HUB_ID=${HUB_ID:-ymt:hub:bench}
HUB_JAVA_OPTS=${HUB_JAVA_OPTS:-}
HUB_CPUS=${HUB_CPUS-1}
CLIENT_CPUS=${CLIENT_CPUS-0}
PIN=${CLIENT_CPUS:+taskset -c $CLIENT_CPUS}
SHEDDING=${MAX_IN_FLIGHT:+-Dymt.overload.max-in-flight=$MAX_IN_FLIGHT}
WORK=${WORK:-$(mktemp -d /tmp/ymt-bench-overload.XXXXXX)}
KEEP_WORK=${KEEP_WORK:-0}
ADMIN_TOKEN="bench-$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"
HUB_URL="http://127.0.0.1:$HUB_PORT"
HOME_URL="http://127.0.0.1:$HOME_PORT"
LIB="$ROOT/hub/target/quarkus-app/lib/main"
SUMMARY="$WORK/summary.txt"

# codes FILE N: N distinct codes (signed with iat at the predicted end of signing), then waits until they are valid.
codes() {
  local g from
  g=$(bench gen --dir "$WORK" --n "$2" --threads "$THREADS" --out "$1" --auth "$AUTH" --hub-id "$HUB_ID" \
    --caller-alg "$CALLER_ALG" | grep '^RESULT')
  from=$(field "$g" valid_from)
  while (( $(date +%s) < from + 2 )); do sleep 1; done
}

. "$ROOT/bench/lib.sh"

NGINX_PID=
cleanup() {
  local rc=$?
  stop_hub
  if [[ -n "$NGINX_PID" ]] && kill -0 "$NGINX_PID" 2>/dev/null; then kill -TERM "$NGINX_PID" 2>/dev/null || true; fi
  [[ "$KEEP_WORK" == 1 || $rc != 0 ]] || rm -rf "$WORK/codes" "$WORK/hub-home/pgdata"
  log "work folder: $WORK (summary.txt, hub.log)"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$WORK/codes" "$WORK/nginx/tmp"
: > "$SUMMARY"
for tool in nginx wrk java javac curl openssl; do
  command -v "$tool" >/dev/null || die "$tool is missing (Debian: apt-get install -y nginx wrk openjdk-17-jdk-headless curl openssl)"
done
if [[ "$BUILD" == 1 ]]; then
  log "building (./mvnw $MVN_ARGS install -DskipTests)"
  (cd "$ROOT" && ./mvnw $MVN_ARGS install -DskipTests)
fi
[[ -d "$LIB" ]] || die "$LIB is missing: build first"
CP="$LIB/*"
javac -nowarn -d "$WORK/classes" -cp "$CP" "$VERIFY/VerifyBench.java" 2> >(grep -v '^Note:' >&2)
bench() { $PIN java -cp "$CP:$WORK/classes" VerifyBench "$@"; }

# The same mock home as bench/verify: nginx answering every verification GREEN/LIVE at once.
bench keys --dir "$WORK" --hub-id "$HUB_ID" --home-url "$HOME_URL" --caller-alg "$CALLER_ALG" >/dev/null
# (this kit calls it over plain http; its https listener needs a certificate all the same)
bench_pki
sed -e "s#@WORK@#$WORK#g" -e "s#@PORT@#$HOME_PORT#g" -e "s#@TLS_PORT@#${HOME_TLS_PORT:-18083}#g" \
  -e "s#@PROXY_PORT@#$PROXY_PORT#g" "$VERIFY/mock-home.nginx.conf" > "$WORK/nginx/nginx.conf"
TZ=UTC $PIN nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" >"$WORK/nginx/stdout.log" 2>&1 &
NGINX_PID=$!
sleep 1

# hub_up [-Dname=value ...]: a fresh hub (own database), both members registered, warmed up with wrk.
hub_up() {
  stop_hub; HUB_PID=
  rm -rf "$WORK/hub-home"
  start_hub "$@"
  for member in 310000 620000; do
    curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
      --data-binary "@$WORK/register-$member.json" "$HUB_URL/v1/admin/members/ymt:member:$member" \
      || die "registering ymt:member:$member failed"
  done
  local n=$(( HUB_WARMUP * 4000 ))
  codes "$WORK/codes/warmup.tsv" "$n"
  log "hub ($*): warm-up ${HUB_WARMUP} s"
  $PIN wrk -t1 -c64 -d"${HUB_WARMUP}s" -s "$VERIFY/distinct.lua" "$HUB_URL/v1/verifications" \
    -- "$WORK/codes/warmup.tsv" 1 > "$WORK/wrk-warmup.txt"
}

# open_loop NAME RATE: fresh codes, then the open-loop client at RATE; one RESULT line into the summary.
open_loop() {
  local name=$1 rate=$2 n
  n=$(awk -v r="$rate" -v s="$PHASE_SECONDS" -v w="$PHASE_WARMUP" 'BEGIN { print int(r * (s + w)) + 100 }')
  codes "$WORK/codes/$name.tsv" "$n"
  log "$name: open loop at $rate req/s for ${PHASE_WARMUP}+${PHASE_SECONDS} s"
  local r
  r=$(bench load --url "$HUB_URL/v1/verifications" --codes "$WORK/codes/$name.tsv" --rate "$rate" \
    --seconds "$PHASE_SECONDS" --warmup "$PHASE_WARMUP" --connections 256 --timeout-ms 5000 2>/dev/null | grep '^RESULT')
  note "$name loadavg=$(cut -d' ' -f1 /proc/loadavg) $r"
  printf '%-22s offered %6.0f/s  admitted(200) %6s  ok p50 %8s ms  ok p99 %8s ms  all p99 %8s ms  outcomes %s\n' \
    "$name" "$rate" "$(field "$r" ok)" "$(field "$r" ok_p50_ms)" "$(field "$r" ok_p99_ms)" "$(field "$r" p99_ms)" \
    "$(field "$r" outcomes)" >> "$WORK/table.txt"
}

: > "$WORK/table.txt"
hub_up $SHEDDING
n=$(( MAX_SECONDS * 6000 ))
codes "$WORK/codes/max.tsv" "$n"
$PIN wrk -t1 -c64 -d"${MAX_SECONDS}s" --latency -s "$VERIFY/distinct.lua" "$HUB_URL/v1/verifications" \
  -- "$WORK/codes/max.tsv" 1 > "$WORK/wrk-max.txt"
SATURATION=$(awk '/^Requests\/sec/ {printf "%d", $2}' "$WORK/wrk-max.txt")
log "saturation (wrk, closed loop, 64 connections): $SATURATION req/s"
note "saturation_req_per_s=$SATURATION"
for x in $LOADS; do
  open_loop "shedding-x$x" "$(awk -v s="$SATURATION" -v x="$x" 'BEGIN { printf "%d", s * x }')"
done
hub_up -Dymt.overload.max-in-flight=0
for x in $LOADS; do
  [[ "$x" == 0.7 ]] && continue
  open_loop "no-shedding-x$x" "$(awk -v s="$SATURATION" -v x="$x" 'BEGIN { printf "%d", s * x }')"
done

{
  echo
  echo "== bench/overload summary ($(date -u +%FT%TZ), $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'))"
  echo "saturation: $SATURATION verifications/s (wrk, 64 connections); open-loop client, 256 connections, 5 s timeout"
  cat "$WORK/table.txt"
  echo "hub on cores ${HUB_CPUS:-any}, client, wrk and nginx on ${CLIENT_CPUS:-any}; max in flight ${MAX_IN_FLIGHT:-256 (default)}"
  echo "hub JVM options: hub/jvm.options ${HUB_JAVA_OPTS}; auth: $AUTH ($CALLER_ALG caller key)"
} | tee -a "$SUMMARY"
