#!/usr/bin/env bash
# PERF-1 / PERF-2 / PERF-5 benchmark of POST /v1/verifications, and PERF-6 of POST /v1/green-lookups (DESIGN.md §11). Run by hand, never in CI.
# See bench/verify/README.md. Loopback only; every phase is bounded in time; everything started here is
# stopped on exit.
#
#   bench/verify/run.sh            full run (hub + mock home + raw SM2 rate)
#   bench/verify/run.sh --smoke    short phases (about 10 s each), for trying the kit out
#   bench/verify/run.sh --no-hub   only what needs no hub: raw SM2 rate and the mock home's own figures
#
# Environment (defaults in brackets): BUILD [1] MVN_ARGS [-B -o -q] HUB_PORT [18080] HOME_PORT [18081] PROXY_PORT [18082]
# HOME_TLS_PORT [18083] HUB_CORE [0] OTHER_CORES [1] (PERF-1: the hub alone on HUB_CORE, everything else on OTHER_CORES)
# THREADS [nproc] RAW_SECONDS [5] HUB_WARMUP [45] MAX_SECONDS [20] WRK_THREADS [1] WRK_CONNECTIONS [64] RATE [2000]
# RATE_SECONDS [20] RATE_WARMUP [5] AUTH [session|assertion|none] CALLER_ALG [EdDSA] HUB_ID [ymt:hub:bench]
# HUB_JAVA_OPTS [] HUB_READY_SECONDS [180] WORK [mktemp] KEEP_WORK [0]
# DIAG_ASYNC_COMMIT [0]: 1 turns PostgreSQL's synchronous_commit off after start (a diagnosis of what waiting for the
# audit event's commit costs, never a PERF figure: the hub then answers before its audit event is durable).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/bench/verify"
MODE=full
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=1 ;;
    --no-hub) MODE=nohub ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown argument $arg" >&2; exit 2 ;;
  esac
done
if [[ "${SMOKE:-0}" == 1 ]]; then
  : "${RAW_SECONDS:=3}" "${MAX_SECONDS:=10}" "${RATE_SECONDS:=8}" "${RATE_WARMUP:=2}" "${HUB_WARMUP:=10}"
fi
BUILD=${BUILD:-1}
MVN_ARGS=${MVN_ARGS:--B -o -q}
HUB_PORT=${HUB_PORT:-18080}
HOME_PORT=${HOME_PORT:-18081}
PROXY_PORT=${PROXY_PORT:-18082}
HOME_TLS_PORT=${HOME_TLS_PORT:-18083}
HUB_CORE=${HUB_CORE:-0}
OTHER_CORES=${OTHER_CORES:-1}
THREADS=${THREADS:-$(nproc)}
RAW_SECONDS=${RAW_SECONDS:-5}
MAX_SECONDS=${MAX_SECONDS:-20}
HUB_WARMUP=${HUB_WARMUP:-45}
WRK_THREADS=${WRK_THREADS:-1}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-64}
RATE=${RATE:-2000}
RATE_SECONDS=${RATE_SECONDS:-20}
RATE_WARMUP=${RATE_WARMUP:-5}
AUTH=${AUTH:-session}
CALLER_ALG=${CALLER_ALG:-EdDSA}
HUB_ID=${HUB_ID:-ymt:hub:bench}
HUB_JAVA_OPTS=${HUB_JAVA_OPTS:-}
HUB_READY_SECONDS=${HUB_READY_SECONDS:-180}
WORK=${WORK:-$(mktemp -d /tmp/ymt-bench-verify.XXXXXX)}
KEEP_WORK=${KEEP_WORK:-0}
ADMIN_TOKEN="bench-$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"
HUB_URL="http://127.0.0.1:$HUB_PORT"
HOME_URL="http://127.0.0.1:$HOME_PORT"
HOME_TLS_URL="https://127.0.0.1:$HOME_TLS_PORT"
PROXY_URL="http://127.0.0.1:$PROXY_PORT"
LIB="$ROOT/hub/target/quarkus-app/lib/main"
SUMMARY="$WORK/summary.txt"

# The machine is shared: record how busy it was before each phase (others' builds skew every figure).
busy() { note "loadavg before $1: $(cut -d' ' -f1-3 /proc/loadavg)"; }

. "$ROOT/bench/lib.sh"

NGINX_PID=; RSS_PID=
cleanup() {
  local rc=$?
  [[ -n "$RSS_PID" ]] && kill "$RSS_PID" 2>/dev/null || true
  stop_hub
  if [[ -n "$NGINX_PID" ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
    log "stopping nginx (pid $NGINX_PID)"; kill -TERM "$NGINX_PID" 2>/dev/null || true
  fi
  if [[ "$KEEP_WORK" != 1 && $rc == 0 ]]; then
    rm -rf "$WORK/codes" "$WORK/hub-home/pgdata"
  fi
  log "work folder: $WORK (summary.txt, hub.log, nginx/)"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# Waits until the clock reaches a code file's valid_from (plus a margin) and checks that a phase of $2 s
# ends before its valid_until.
wait_for_window() {
  local from=$1 until=$2 seconds=$3 now
  now=$(date +%s)
  if (( now < from + 2 )); then log "waiting $(( from + 2 - now )) s for the codes' validity window"; sleep $(( from + 2 - now )); fi
  now=$(date +%s)
  (( now + seconds + 5 <= until )) || log "WARNING: codes expire $(( until - now )) s from now, the phase lasts ${seconds} s"
}

mkdir -p "$WORK/codes" "$WORK/nginx/tmp"
: > "$SUMMARY"
log "work folder $WORK, mode $MODE"

# ---------------------------------------------------------------- tools and build
for tool in nginx wrk java javac curl openssl taskset; do
  command -v "$tool" >/dev/null || die "$tool is missing (Debian: apt-get install -y nginx wrk openjdk-17-jdk-headless curl openssl util-linux)"
done
if [[ "$BUILD" == 1 ]]; then
  log "building (./mvnw $MVN_ARGS install -DskipTests)"
  if command -v flock >/dev/null; then
    (cd "$ROOT" && flock /tmp/ymt-mvn.lock ./mvnw $MVN_ARGS install -DskipTests)
  else
    (cd "$ROOT" && ./mvnw $MVN_ARGS install -DskipTests)
  fi
fi
[[ -d "$LIB" ]] || die "$LIB is missing: build first (./mvnw -B -q install -DskipTests) or run with BUILD=1"
CP="$LIB/*"
javac -nowarn -d "$WORK/classes" -cp "$CP" "$HERE/VerifyBench.java" 2> >(grep -v '^Note:' >&2)
bench() { java -cp "$CP:$WORK/classes" VerifyBench "$@"; }
# The caller's credentials in generated requests: a session token fetched now (AUTH=session: one assertion buys
# five minutes of calls, REQ-AUTH-2), a client assertion per request (AUTH=assertion), or none.
auth_args() {
  local mode=${1:-$AUTH}
  if [[ "$mode" == session ]]; then
    local r
    r=$(bench session --dir "$WORK" --hub "$HUB_URL" --hub-id "$HUB_ID" --caller-alg "$CALLER_ALG" | grep '^RESULT')
    echo "--auth bearer --token $(field "$r" token)"
  else
    echo "--auth $mode"
  fi
}

# ---------------------------------------------------------------- keys, certificates and mock home
port_free "$HOME_PORT" || die "port $HOME_PORT is taken (HOME_PORT=...)"
port_free "$HOME_TLS_PORT" || die "port $HOME_TLS_PORT is taken (HOME_TLS_PORT=...)"
port_free "$PROXY_PORT" || die "port $PROXY_PORT is taken (PROXY_PORT=...)"
bench_pki
# The production configuration calls the home over https with the hub's certificate; the development one
# (re-registered at the end) over plain http with a client assertion per call.
bench keys --dir "$WORK" --hub-id "$HUB_ID" --home-url "$HOME_TLS_URL" --caller-alg "$CALLER_ALG" >/dev/null
sed "s#$HOME_TLS_URL#$HOME_URL#" "$WORK/register-310000.json" > "$WORK/register-310000-plain.json"
sed -e "s#@WORK@#$WORK#g" -e "s#@PORT@#$HOME_PORT#g" -e "s#@TLS_PORT@#$HOME_TLS_PORT#g" -e "s#@PROXY_PORT@#$PROXY_PORT#g" \
  "$HERE/mock-home.nginx.conf" > "$WORK/nginx/nginx.conf"
TZ=UTC nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" >"$WORK/nginx/stdout.log" 2>&1 &
NGINX_PID=$!
for _ in $(seq 1 50); do port_free "$HOME_PORT" || break; sleep 0.1; done
curl -sf -X POST -H 'Content-Type: application/json' -d '{}' "$HOME_URL/member/v1/verifications" | grep -q '"source":"LIVE"' \
  || die "the nginx mock home does not answer (see $WORK/nginx/error.log)"
curl -sf --cacert "$WORK/tls/ca.crt" --cert "$WORK/tls/hub.crt" --key "$WORK/tls/hub.key" -X POST \
  -H 'Content-Type: application/json' -d '{}' "$HOME_TLS_URL/member/v1/verifications" | grep -q '"source":"LIVE"' \
  || die "the nginx mock home does not answer over https with the hub's certificate (see $WORK/nginx/error.log)"
[[ "$(curl -s -o /dev/null -w '%{http_code}' --cacert "$WORK/tls/ca.crt" -X POST -d '{}' "$HOME_TLS_URL/member/v1/verifications")" == 400 ]] \
  || die "the nginx mock home answers https calls without a client certificate"
log "mock home (nginx, 1 worker) on $HOME_URL and $HOME_TLS_URL (client certificate required), pid $NGINX_PID"
calls() { sleep 1.2; wc -l < "$WORK/nginx/calls.log" 2>/dev/null || echo 0; }
# pin CORES PID...: every thread of each process, and of its children (nginx's worker, PostgreSQL's backends).
pin() {
  local cores=$1 pid child; shift
  for pid in "$@"; do
    [[ -n "$pid" ]] || continue
    taskset -a -p -c "$cores" "$pid" >/dev/null 2>&1 || true
    for child in $(pgrep -P "$pid" || true); do taskset -a -p -c "$cores" "$child" >/dev/null 2>&1 || true; done
  done
}
pg_pid() { head -1 "$WORK/hub-home/pgdata/postmaster.pid" 2>/dev/null || true; }
ALL_CORES="0-$(( $(nproc) - 1 ))"

# ---------------------------------------------------------------- hub
HUB_OK=0; HUB_WHY=
if [[ "$MODE" == full ]]; then
  port_free "$HUB_PORT" || die "port $HUB_PORT is taken (HUB_PORT=...)"
  log "starting the hub on $HUB_URL (embedded PostgreSQL in $WORK/hub-home)"
  # the hub's client certificate for https calls (REQ-AUTH-3), set as an operator would (README: TLS)
  start_hub -Dquarkus.tls.outbound.key-store.pem.0.cert="$WORK/tls/hub.crt" \
    -Dquarkus.tls.outbound.key-store.pem.0.key="$WORK/tls/hub.key" \
    -Dquarkus.tls.outbound.trust-store.pem.certs="$WORK/tls/ca.crt" -Dymt.outbound.tls-configuration-name=outbound
  log "hub up (pid $HUB_PID), RSS idle $(ps -o rss= -p "$HUB_PID") KiB"
  if [[ "${DIAG_ASYNC_COMMIT:-0}" == 1 ]]; then
    note "DIAGNOSIS: synchronous_commit=off (not a PERF figure)"
    echo "synchronous_commit = off" >> "$WORK/hub-home/pgdata/postgresql.conf"
    kill -HUP "$(pg_pid)"
  fi
  note "hub_rss_idle_kib=$(ps -o rss= -p "$HUB_PID" | tr -d ' ')"

  HUB_OK=1
  for member in 310000 620000; do
    code=$(curl -s -o "$WORK/register-$member.out" -w '%{http_code}' -X PUT \
      -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
      --data-binary "@$WORK/register-$member.json" "$HUB_URL/v1/admin/members/ymt:member:$member")
    if [[ "$code" != 200 && "$code" != 201 ]]; then
      HUB_OK=0; HUB_WHY="PUT /v1/admin/members/ymt:member:$member answered $code: $(head -c 300 "$WORK/register-$member.out")"
      break
    fi
  done
  if [[ "$HUB_OK" == 1 ]]; then
    # One verification by hand: it must be 200 and answered LIVE by the mock home.
    bench gen --dir "$WORK" --n 3 --out "$WORK/codes/probe.tsv" $(auth_args) --hub-id "$HUB_ID" \
      --caller-alg "$CALLER_ALG" --iat now >/dev/null 2>&1
    line=$(head -1 "$WORK/codes/probe.tsv")
    cred=${line%%$'\t'*}; hdr=()
    if [[ "$cred" == Bearer* ]]; then hdr=(-H "Authorization: $cred"); elif [[ "$cred" != - ]]; then hdr=(-H "Ymt-Client-Assertion: $cred"); fi
    code=$(curl -s -o "$WORK/probe.out" -w '%{http_code}' -X POST -H 'Content-Type: application/json' "${hdr[@]}" \
      --data-binary "${line#*$'\t'}" "$HUB_URL/v1/verifications")
    log "probe: HTTP $code $(head -c 300 "$WORK/probe.out")"
    if [[ "$code" != 200 ]] || ! grep -q '"source":"LIVE"' "$WORK/probe.out"; then
      HUB_OK=0; HUB_WHY="POST /v1/verifications answered $code: $(head -c 300 "$WORK/probe.out")"
    fi
  fi
  [[ "$HUB_OK" == 1 ]] || log "HUB NOT MEASURED: $HUB_WHY"
fi

# ---------------------------------------------------------------- raw SM2 verify rate (all cores)
busy raw
log "generating codes for the raw SM2 rate"
bench gen --dir "$WORK" --n 20000 --threads "$THREADS" --out "$WORK/codes/raw.tsv" --auth none --hub-id "$HUB_ID" \
  --caller-alg "$CALLER_ALG" --iat now >/dev/null
r=$(bench raw --dir "$WORK" --codes "$WORK/codes/raw.tsv" --threads "$THREADS" --seconds "$RAW_SECONDS" | grep '^RESULT')
RAW=$(field "$r" rate)
# PERF-1's yardstick: one thread on the core the hub will have to itself
r1=$(taskset -c "$HUB_CORE" java -cp "$CP:$WORK/classes" VerifyBench raw --dir "$WORK" --codes "$WORK/codes/raw.tsv" \
  --threads 1 --seconds "$RAW_SECONDS" | grep '^RESULT')
RAW1=$(field "$r1" rate)
log "raw SM2 verify: $RAW/s on $THREADS threads, $RAW1/s on 1 thread on core $HUB_CORE"
note "raw_sm2_verify_per_s_all_cores=$RAW threads=$THREADS"
note "raw_sm2_verify_per_s_1_thread_on_core_$HUB_CORE=$RAW1"

# ---------------------------------------------------------------- mock home alone
busy home
log "mock home: wrk max throughput, ${MAX_SECONDS} s"
wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${MAX_SECONDS}s" --latency -s "$HERE/distinct.lua" \
  "$HOME_URL/member/v1/verifications" -- "$WORK/codes/raw.tsv" "$WRK_THREADS" > "$WORK/wrk-home.txt"
HOME_MAX=$(awk '/^Requests\/sec/ {print $2}' "$WORK/wrk-home.txt")
note "home_max_req_per_s=$HOME_MAX (wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d${MAX_SECONDS}s)"
log "mock home: open loop at $RATE req/s, ${RATE_WARMUP}+${RATE_SECONDS} s"
r=$(bench load --url "$HOME_URL/member/v1/verifications" --codes "$WORK/codes/raw.tsv" --rate "$RATE" \
  --seconds "$RATE_SECONDS" --warmup "$RATE_WARMUP" 2>/dev/null | grep '^RESULT')
HOME_P50=$(field "$r" p50_ms); HOME_P99=$(field "$r" p99_ms)
note "home_at_rate: $r"

# ---------------------------------------------------------------- hub under load
# max_phase NAME AUTH [WRAP...]: distinct codes for MAX_SECONDS of the hub at the raw rate, then wrk at maximum
# throughput (wrk run under WRAP, e.g. a taskset), sampling the hub's RSS. Sets P_RATE, P_REQS, P_NON2XX, P_CALLS,
# P_RSS, P_PG_RSS.
max_phase() {
  local name=$1 auth=$2 n g before after rss_pid; shift 2
  n=$(awk -v r="$RAW" -v s="$MAX_SECONDS" 'BEGIN { n = int(r * s * 1.2) + 1000; if (n > 600000) n = 600000; print n }')
  log "$name: generating $n distinct codes ($auth)"
  g=$(bench gen --dir "$WORK" --n "$n" --threads "$THREADS" --out "$WORK/codes/$name.tsv" $(auth_args "$auth") \
    --hub-id "$HUB_ID" --caller-alg "$CALLER_ALG" | grep '^RESULT')
  wait_for_window "$(field "$g" valid_from)" "$(field "$g" valid_until)" "$MAX_SECONDS"
  [[ "$name" == pinned ]] && { pin "$HUB_CORE" "$HUB_PID"; pin "$OTHER_CORES" "$(pg_pid)" "$NGINX_PID"; }
  before=$(calls)
  busy "hub-$name"
  ( while kill -0 "$HUB_PID" 2>/dev/null; do
      hub=$(ps -o rss= -p "$HUB_PID" | tr -d ' ')
      pgpid=$(pg_pid)
      pg=$( [[ -n "$pgpid" ]] && ps -o rss= -p "$pgpid" --ppid "$pgpid" 2>/dev/null | awk '{s += $1} END {print s + 0}' || echo 0)
      echo "$hub $pg"; sleep 1
    done ) > "$WORK/rss-$name.txt" &
  rss_pid=$!; RSS_PID=$rss_pid
  log "$name: wrk max throughput, ${MAX_SECONDS} s"
  "$@" wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${MAX_SECONDS}s" --latency -s "$HERE/distinct.lua" \
    "$HUB_URL/v1/verifications" -- "$WORK/codes/$name.tsv" "$WRK_THREADS" > "$WORK/wrk-hub-$name.txt"
  kill "$rss_pid" 2>/dev/null || true; RSS_PID=
  [[ "$name" == pinned ]] && pin "$ALL_CORES" "$HUB_PID" "$(pg_pid)" "$NGINX_PID"
  after=$(calls)
  P_RATE=$(awk '/^Requests\/sec/ {print $2}' "$WORK/wrk-hub-$name.txt")
  P_REQS=$(awk '/requests in/ {print $1}' "$WORK/wrk-hub-$name.txt")
  P_NON2XX=$(awk '/Non-2xx/ {print $NF}' "$WORK/wrk-hub-$name.txt"); P_NON2XX=${P_NON2XX:-0}
  P_CALLS=$(( after - before ))
  P_RSS=$(awk 'max < $1 {max = $1} END {print max + 0}' "$WORK/rss-$name.txt")
  P_PG_RSS=$(awk 'max < $2 {max = $2} END {print max + 0}' "$WORK/rss-$name.txt")
  note "hub_${name}_req_per_s=$P_RATE requests=$P_REQS non_2xx=$P_NON2XX home_calls=$P_CALLS"
  note "hub_${name}_rss_max_kib=$P_RSS embedded_pg_rss_max_kib=$P_PG_RSS"
  note "wrk_${name}_distinct: $(grep distinct-codes "$WORK/wrk-hub-$name.txt")"
}

if [[ "$HUB_OK" == 1 ]]; then
  # Warm-up, not measured: a cold hub runs interpreted and JIT-compiles under load for the first half
  # minute or so (its throughput was seen climbing from ~200/s to over 2,000/s), which is not its steady state.
  if (( HUB_WARMUP > 0 )); then
    n=$(awk -v r="$RAW" -v s="$HUB_WARMUP" 'BEGIN { n = int(r * s * 0.6) + 1000; if (n > 400000) n = 400000; print n }')
    log "generating $n distinct codes to warm the hub up"
    g=$(bench gen --dir "$WORK" --n "$n" --threads "$THREADS" --out "$WORK/codes/warmup.tsv" $(auth_args) \
      --hub-id "$HUB_ID" --caller-alg "$CALLER_ALG" | grep '^RESULT')
    wait_for_window "$(field "$g" valid_from)" "$(field "$g" valid_until)" "$HUB_WARMUP"
    log "hub: warm-up, ${HUB_WARMUP} s (not measured)"
    wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${HUB_WARMUP}s" -s "$HERE/distinct.lua" \
      "$HUB_URL/v1/verifications" -- "$WORK/codes/warmup.tsv" "$WRK_THREADS" > "$WORK/wrk-hub-warmup.txt"
    note "hub_warmup: $(awk '/^Requests\/sec/ {print $2}' "$WORK/wrk-hub-warmup.txt") req/s over ${HUB_WARMUP} s"
  fi

  # PERF-1, production configuration: callers on sessions, the home over https with the hub's certificate; the
  # hub alone on HUB_CORE, wrk, nginx and PostgreSQL on OTHER_CORES.
  max_phase pinned "$AUTH" taskset -c "$OTHER_CORES"
  PIN_RATE=$P_RATE PIN_NON2XX=$P_NON2XX PIN_CALLS=$P_CALLS PIN_REQS=$P_REQS PIN_RSS=$P_RSS
  # the same on both cores
  max_phase two-cores "$AUTH"
  HUB_MAX=$P_RATE NON2XX=$P_NON2XX HOME_CALLS=$P_CALLS HUB_REQS=$P_REQS
  RSS_MAX=$(( P_RSS > PIN_RSS ? P_RSS : PIN_RSS )); PG_RSS_MAX=$P_PG_RSS

  # PERF-2: fresh codes again (the first set may be close to its expiry).
  n=$(awk -v r="$RATE" -v s="$RATE_SECONDS" -v w="$RATE_WARMUP" 'BEGIN { print int(r * (s + w)) + 100 }')
  log "generating $n distinct codes for the fixed-rate run"
  g=$(bench gen --dir "$WORK" --n "$n" --threads "$THREADS" --out "$WORK/codes/rate.tsv" $(auth_args) \
    --hub-id "$HUB_ID" --caller-alg "$CALLER_ALG" | grep '^RESULT')
  wait_for_window "$(field "$g" valid_from)" "$(field "$g" valid_until)" $(( RATE_SECONDS + RATE_WARMUP ))
  busy hub-rate
  log "hub: open loop at $RATE req/s, ${RATE_WARMUP}+${RATE_SECONDS} s"
  r=$(bench load --url "$HUB_URL/v1/verifications" --codes "$WORK/codes/rate.tsv" --rate "$RATE" \
    --seconds "$RATE_SECONDS" --warmup "$RATE_WARMUP" 2>/dev/null | grep '^RESULT')
  HUB_P50=$(field "$r" p50_ms); HUB_P99=$(field "$r" p99_ms)
  note "hub_at_rate: $r"
  note "hub_rss_after_kib=$(ps -o rss= -p "$HUB_PID" | tr -d ' ')"

  # PERF-6: green lookups answered from list state, against nginx proxying a POST to a local upstream, same run.
  busy proxy
  log "nginx proxy in front of the mock home: wrk max throughput, ${MAX_SECONDS} s"
  wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${MAX_SECONDS}s" --latency -s "$HERE/distinct.lua" \
    "$PROXY_URL/member/v1/verifications" -- "$WORK/codes/raw.tsv" "$WRK_THREADS" > "$WORK/wrk-proxy.txt"
  PROXY_MAX=$(awk '/^Requests\/sec/ {print $2}' "$WORK/wrk-proxy.txt")
  note "proxy_max_req_per_s=$PROXY_MAX"
  # With AUTH=assertion, one assertion per lookup, all made now: valid for 60 s, so the phase must fit in that.
  n=$(awk -v m="$PROXY_MAX" -v s="$MAX_SECONDS" 'BEGIN { n = int(m * 0.5 * s) + 1000; if (n > 600000) n = 600000; print n }')
  log "generating $n distinct green lookups"
  bench gen --kind green --dir "$WORK" --n "$n" --threads "$THREADS" --out "$WORK/codes/green.tsv" $(auth_args) \
    --hub-id "$HUB_ID" --caller-alg "$CALLER_ALG" >/dev/null
  busy hub-green
  log "hub: green lookups, wrk max throughput, ${MAX_SECONDS} s"
  wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${MAX_SECONDS}s" --latency -s "$HERE/distinct.lua" \
    "$HUB_URL/v1/green-lookups" -- "$WORK/codes/green.tsv" "$WRK_THREADS" > "$WORK/wrk-green.txt"
  GREEN_MAX=$(awk '/^Requests\/sec/ {print $2}' "$WORK/wrk-green.txt")
  GREEN_NON2XX=$(awk '/Non-2xx/ {print $NF}' "$WORK/wrk-green.txt"); GREEN_NON2XX=${GREEN_NON2XX:-0}
  note "hub_green_max_req_per_s=$GREEN_MAX non_2xx=$GREEN_NON2XX"
  note "wrk_green_distinct: $(grep distinct-codes "$WORK/wrk-green.txt")"

  # The development configuration beside it: the home over plain http, a client assertion per call each way.
  code=$(curl -s -o "$WORK/register-plain.out" -w '%{http_code}' -X PUT -H "Authorization: Bearer $ADMIN_TOKEN" \
    -H 'Content-Type: application/json' --data-binary "@$WORK/register-310000-plain.json" \
    "$HUB_URL/v1/admin/members/ymt:member:310000")
  if [[ "$code" == 200 ]]; then
    max_phase development assertion
    DEV_RATE=$P_RATE DEV_NON2XX=$P_NON2XX
  else
    DEV_RATE=; log "re-registering the home over plain http answered $code: development figure skipped"
  fi
fi

# ---------------------------------------------------------------- summary
{
  echo
  echo "== bench/verify summary ($(date -u +%FT%TZ), $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'))"
  grep '^DIAGNOSIS' "$SUMMARY" || true
  echo "raw SM2 verify, $THREADS threads:        $RAW /s   (1 thread: $RAW1 /s)"
  echo "mock home (nginx) max:               $HOME_MAX req/s"
  echo "mock home at $RATE req/s:            p50 $HOME_P50 ms, p99 $HOME_P99 ms"
  grep '^loadavg' "$SUMMARY" | tr '\n' ';' | sed 's/;$/\n/'

  if [[ "$HUB_OK" == 1 ]]; then
    awk -v h="$PIN_RATE" -v r="$RAW1" -v n="$PIN_NON2XX" -v c="$PIN_CALLS" -v q="$PIN_REQS" -v core="$HUB_CORE" 'BEGIN {
      printf "PERF-1 hub on core %s alone: %s req/s / raw 1 thread %s /s = %.2f (goal >= 0.6) %s%s\n", core, h, r, h / r, (h / r >= 0.6 ? "MET" : "NOT MET"), (n > 0 ? "  INVALID: " n " non-2xx answers" : "")
      printf "       home calls %d for %d requests%s\n", c, q, (c < q * 0.99 ? "  WARNING: the hub did not ask the home for every code" : "") }'
    awk -v h="$HUB_MAX" -v r="$RAW" -v n="$NON2XX" 'BEGIN {
      printf "       both cores: %s req/s / raw %s /s = %.2f%s\n", h, r, h / r, (n > 0 ? "  INVALID: " n " non-2xx answers" : "") }'
    [[ -n "${DEV_RATE:-}" ]] && awk -v h="$DEV_RATE" -v r="$RAW" -v n="$DEV_NON2XX" 'BEGIN {
      printf "       development configuration (plain http, an assertion per call each way), both cores: %s req/s = %.2f of raw%s\n", h, h / r, (n > 0 ? "  INVALID: " n " non-2xx answers" : "") }'
    awk -v h="$HUB_P99" -v m="$HOME_P99" -v r="$RATE" 'BEGIN { a = h - m
      printf "PERF-2 p99 at %s req/s: hub %.3f ms - home %.3f ms = %.3f ms added (goal <= 10 ms) %s\n", r, h, m, a, (a <= 10 ? "MET" : "NOT MET") }'
    awk -v k="$RSS_MAX" -v p="$PG_RSS_MAX" 'BEGIN { m = k / 1024
      printf "PERF-5 hub RSS max under load %.0f MiB (goal <= 512 MiB) %s; embedded PostgreSQL %.0f MiB besides\n", m, (m <= 512 ? "MET" : "NOT MET"), p / 1024 }'
    awk -v g="$GREEN_MAX" -v p="$PROXY_MAX" -v n="$GREEN_NON2XX" 'BEGIN {
      printf "PERF-6 green lookups %s req/s / nginx proxy %s req/s = %.2f (goal >= 0.3) %s%s\n", g, p, g / p, (g / p >= 0.3 ? "MET" : "NOT MET"), (n > 0 ? "  INVALID: " n " non-2xx answers" : "") }'
    echo "hub JVM options: hub/jvm.options (as the README runs it) ${HUB_JAVA_OPTS}; auth: $AUTH ($CALLER_ALG caller key)"
  else
    echo "HUB NOT MEASURED${HUB_WHY:+: $HUB_WHY}"
  fi
} | tee -a "$SUMMARY"
