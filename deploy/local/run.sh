#!/usr/bin/env bash
# One-machine Yimatong federation: a national hub, a regional hub "yrd" under it, member simulators
# 310000 and 320000 under yrd and 620000 under the national hub, all on 127.0.0.1; then a scenario whose
# steps are printed in plain words and checked. Exit 0 only if every step gave the expected answer.
# Every process started here is stopped on exit. See deploy/local/README.md.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="${REPO:-$(cd "$HERE/../.." && pwd)}"
BUILD="${BUILD:-1}"
WORK="${WORK:-$REPO/deploy/local/work}"
START_TIMEOUT="${START_TIMEOUT:-180}"     # seconds to wait for a hub or a simulator to be ready
UNKNOWN_LIMIT_MS="${UNKNOWN_LIMIT_MS:-1500}" # an unreachable home must be answered UNKNOWN within this

HUB_JAR="$REPO/hub/target/quarkus-app/quarkus-run.jar"
SIM_JAR="$REPO/province-adapters/target/ymt-member-simulator.jar"
CP="$REPO/hub/target/quarkus-app/lib/main/*"
ADMIN_TOKEN="local-admin-$RANDOM$RANDOM"
NATIONAL_ID="ymt:hub:national"
YRD_ID="ymt:hub:yrd"

PIDS=()
FAILED=0
STEP=0

say() { printf '%s\n' "$*"; }
die() { say "FATAL: $*" >&2; exit 1; }

for tool in java curl python3; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is needed on the PATH"
done

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if ((${#PIDS[@]})); then
    say "--- stopping ${#PIDS[@]} processes"
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for _ in $(seq 1 150); do   # up to 15 s for the hubs to stop their embedded PostgreSQL
      local alive=0
      for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
      ((alive)) || break
      sleep 0.1
    done
    for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  fi
  say "logs: $WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- build
if [[ "$BUILD" == 1 ]]; then
  say "--- building (./mvnw -B -q install -DskipTests); BUILD=0 skips this"
  (cd "$REPO" && ./mvnw -B -q install -DskipTests) || die "build failed"
fi
[[ -f "$HUB_JAR" ]] || die "no $HUB_JAR (run with BUILD=1)"
[[ -f "$SIM_JAR" ]] || die "no $SIM_JAR (run with BUILD=1)"

rm -rf "$WORK"
mkdir -p "$WORK"

# ---------------------------------------------------------------- helpers
# json FILE EXPR: prints a Python expression over the parsed JSON "j" ('' if it fails)
json() { python3 - "$1" "$2" <<'PY' 2>/dev/null || true
import json, sys
try:
    j = json.load(open(sys.argv[1], encoding="utf-8"))
    v = eval(sys.argv[2], {"j": j})
    print(v if not isinstance(v, (dict, list)) else json.dumps(v, ensure_ascii=False))
except Exception:
    print("")
PY
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# assertion KEY_FILE ISSUER AUDIENCE: a fresh client assertion
assertion() { java -cp "$CP" "$HERE/ClientAssertion.java" "$1" "$2" "$3"; }

# wait_for_line FILE REGEX PID: waits for a line in a log; prints the match
wait_for_line() {
  local file="$1" regex="$2" pid="$3" deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || { say "process $pid exited; see $file" >&2; return 1; }
    if grep -m1 -E -o "$regex" "$file" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  say "timed out after ${START_TIMEOUT}s waiting for /$regex/ in $file" >&2
  return 1
}

wait_healthy() {   # URL PID LOG
  local url="$1" pid="$2" log="$3" deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || { say "hub exited; last log lines:" >&2; tail -n 30 "$log" >&2; return 1; }
    if curl -s --max-time 2 "$url/q/health" 2>/dev/null | grep -q '"status" *: *"UP"'; then return 0; fi
    sleep 0.5
  done
  say "hub at $url not UP after ${START_TIMEOUT}s; last log lines:" >&2
  tail -n 30 "$log" >&2
  return 1
}

# start_hub NAME ENTITY_ID PORT PARENT_ID PARENT_URL [-Dproperty=value ...]
start_hub() {
  local name="$1" id="$2" port="$3" parent_id="${4:-}" parent_url="${5:-}"
  shift 5
  local props=("$@")
  mkdir -p "$WORK/$name"
  (
    export YMT_HOME="$WORK/$name/home" YMT_HTTP_PORT="$port" YMT_HUB_ENTITY_ID="$id"
    export YMT_HUB_PUBLIC_URL="http://127.0.0.1:$port" YMT_ADMIN_TOKEN="$ADMIN_TOKEN"
    if [[ -n "$parent_id" ]]; then export YMT_HUB_PARENT_ENTITY_ID="$parent_id" YMT_HUB_PARENT_URL="$parent_url"; fi
    exec java ${HUB_JAVA_OPTS:--Xmx256m} -Dquarkus.http.host=127.0.0.1 ${props[@]+"${props[@]}"} -jar "$HUB_JAR"
  ) >"$WORK/$name/hub.log" 2>&1 &
  PIDS+=($!)
  eval "${name}_PID=$!"
}

# start_sim REGION HUB_ID HUB_URL: sets SIM_<region> (member API) and SIMADM_<region> (admin listener)
start_sim() {
  local region="$1" hub_id="$2" hub_url="$3" log="$WORK/sim-$1.log"
  java -jar "$SIM_JAR" --region "$region" --port 0 --admin-port 0 --alg SM2 --hub-id "$hub_id" \
    --hub-url "$hub_url" --key-file "$WORK/sim-$region.jwk.json" --residents 100 --seed 1 >"$log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  local url admin
  url=$(wait_for_line "$log" 'listening on http://127\.0\.0\.1:[0-9]+' "$pid" | sed 's/.*listening on //') || return 1
  admin=$(wait_for_line "$log" 'admin on http://127\.0\.0\.1:[0-9]+' "$pid" | sed 's/.*admin on //') || return 1
  eval "SIM_$region=$url SIMADM_$region=$admin"
}

# register HUB_URL ENTITY_ID RECORD_JSON: PUT /v1/admin/members/{id}
register() {
  local hub="$1" id="$2" body="$3" out code
  out="$WORK/register-${id//:/_}-at-${hub##*:}.json"
  code=$(curl -s -o "$out" -w '%{http_code}' --max-time 10 -X PUT "$hub/v1/admin/members/$id" \
    -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' -d "$body")
  if [[ "$code" != 2* ]]; then say "registering $id at $hub: HTTP $code $(cat "$out")" >&2; return 1; fi
}

platform_record() {   # ID NAME PREFIXES_JSON PARENT BASEURL
  printf '{"entityId":"%s","displayName":"%s","kind":"PLATFORM","regionPrefixes":%s,"parent":"%s","baseUrl":"%s","dialect":"v1","jwksUri":"%s/member/v1/jwks","status":"ACTIVE"}' \
    "$1" "$2" "$3" "$4" "$5" "$5"
}

step() { STEP=$((STEP + 1)); say ""; say "=== step $STEP: $*"; }
ok() { say "    OK: $*"; }
bad() { say "    FAILED: $*"; FAILED=$((FAILED + 1)); }

# verify AT_HUB CALLER KEY_FILE CODE OUT: POST /v1/verifications from a Gansu checkpoint; prints "http_code ms"
verify() {
  local hub="$1" hub_id="$2" caller="$3" key="$4" code="$5" out="$6" ca
  ca=$(assertion "$key" "$caller" "$hub_id") || return 1
  curl -s -o "$out" -w '%{http_code} %{time_total}' --max-time 10 -X POST "$hub/v1/verifications" \
    -H "Ymt-Client-Assertion: $ca" -H 'Content-Type: application/json' \
    -d "{\"code\":\"$code\",\"checkpoint\":{\"id\":\"gate-1\",\"region\":\"620102\",\"kind\":\"TRANSPORT\"},\"purpose\":\"entry\"}" \
    | awk '{printf "%s %d\n", $1, $2 * 1000}'
}

# ---------------------------------------------------------------- start
NATIONAL_PORT=$(free_port); YRD_PORT=$(free_port)
while [[ "$YRD_PORT" == "$NATIONAL_PORT" ]]; do YRD_PORT=$(free_port); done
NATIONAL="http://127.0.0.1:$NATIONAL_PORT"
YRD="http://127.0.0.1:$YRD_PORT"

say "--- starting the national hub ($NATIONAL_ID) on $NATIONAL and the regional hub ($YRD_ID) on $YRD"
say "    each with its own embedded PostgreSQL under $WORK/<hub>/home"
start_hub national "$NATIONAL_ID" "$NATIONAL_PORT" "" ""
# yrd issues tokens for the Shanghai platform's departments (client id ymt:member:310000), substantial or higher
start_hub yrd "$YRD_ID" "$YRD_PORT" "$NATIONAL_ID" "$NATIONAL" \
  '-Dymt.tokens.audiences."ymt:member:310000".minimum-level=substantial'

say "--- starting member simulators 310000 (Shanghai) and 320000 (Jiangsu) under yrd, 620000 (Gansu) under the national hub"
start_sim 310000 "$YRD_ID" "$YRD" || die "simulator 310000 did not start"
start_sim 320000 "$YRD_ID" "$YRD" || die "simulator 320000 did not start"
start_sim 620000 "$NATIONAL_ID" "$NATIONAL" || die "simulator 620000 did not start"
say "    310000 at $SIM_310000 (admin $SIMADM_310000)"
say "    320000 at $SIM_320000 (admin $SIMADM_320000)"
say "    620000 at $SIM_620000 (admin $SIMADM_620000)"

wait_healthy "$NATIONAL" "$national_PID" "$WORK/national/hub.log" || die "the national hub did not start"
wait_healthy "$YRD" "$yrd_PID" "$WORK/yrd/hub.log" || die "the yrd hub did not start"
say "    both hubs are UP"

say "--- registering members"
register "$NATIONAL" "$YRD_ID" "{\"entityId\":\"$YRD_ID\",\"displayName\":\"长三角 (Yangtze River Delta) regional hub\",\"kind\":\"HUB\",\"regionPrefixes\":[\"31\",\"32\",\"33\",\"34\"],\"parent\":\"$NATIONAL_ID\",\"baseUrl\":\"$YRD\",\"dialect\":\"v1\",\"jwksUri\":\"$YRD/v1/jwks\",\"status\":\"ACTIVE\"}" \
  || die "cannot register yrd at the national hub"
register "$NATIONAL" ymt:member:620000 "$(platform_record ymt:member:620000 '甘肃 (Gansu) health code' '["62"]' "$NATIONAL_ID" "$SIM_620000")" \
  || die "cannot register 620000 at the national hub"
register "$YRD" ymt:member:310000 "$(platform_record ymt:member:310000 '上海随申码 (Shanghai)' '["31"]' "$YRD_ID" "$SIM_310000")" \
  || die "cannot register 310000 at yrd"
register "$YRD" ymt:member:320000 "$(platform_record ymt:member:320000 '苏康码 (Jiangsu)' '["32"]' "$YRD_ID" "$SIM_320000")" \
  || die "cannot register 320000 at yrd"
say "    national: yrd (HUB, prefixes 31-34), 620000 (62); yrd: 310000 (31), 320000 (32)"

GANSU_KEY="$WORK/sim-620000.jwk.json"

# ---------------------------------------------------------------- step 1
step "a Shanghai resident's code is shown at a Gansu checkpoint; Gansu asks the national hub,"
say "    which routes national -> yrd -> 310000 and back"
curl -s --max-time 5 -o "$WORK/step1-code.json" "$SIMADM_310000/sim/residents/1/code"
CODE1=$(json "$WORK/step1-code.json" 'j["code"]')
COLOUR1=$(json "$WORK/step1-code.json" 'j["colour"]')
if [[ -z "$CODE1" ]]; then
  bad "no code from the Shanghai simulator: $(cat "$WORK/step1-code.json")"
else
  say "    resident 1 of Shanghai is $COLOUR1 at home"
  read -r HTTP MS < <(verify "$NATIONAL" "$NATIONAL_ID" ymt:member:620000 "$GANSU_KEY" "$CODE1" "$WORK/step1-answer.json")
  ST=$(json "$WORK/step1-answer.json" 'j["status"]'); SRC=$(json "$WORK/step1-answer.json" 'j["source"]')
  if [[ "$ST" == UNKNOWN ]]; then
    # The first routed call of a fresh federation fetches key sets and warms the JVMs; it can exceed the
    # 800 ms member-call budget (more so on a loaded machine). Ask once more, as a checkpoint would.
    say "    first answer (cold federation, ${MS} ms): $(cat "$WORK/step1-answer.json"); asking once more"
    cp "$WORK/step1-answer.json" "$WORK/step1-answer-cold.json"
    read -r HTTP MS < <(verify "$NATIONAL" "$NATIONAL_ID" ymt:member:620000 "$GANSU_KEY" "$CODE1" "$WORK/step1-answer.json")
    ST=$(json "$WORK/step1-answer.json" 'j["status"]'); SRC=$(json "$WORK/step1-answer.json" 'j["source"]')
  fi
  HOME_=$(json "$WORK/step1-answer.json" 'j.get("home")')
  say "    national hub answered HTTP $HTTP in ${MS} ms: $(cat "$WORK/step1-answer.json")"
  if [[ "$HTTP" == 200 && "$ST" == "$COLOUR1" && "$SRC" == LIVE ]]; then
    ok "the checkpoint sees $ST (source LIVE, home $HOME_)"
  else
    bad "expected HTTP 200, status $COLOUR1, source LIVE"
  fi
fi

# ---------------------------------------------------------------- step 2
step "the Shanghai platform goes down; the same kind of check must answer UNKNOWN quickly, never RED"
curl -s --max-time 5 -o "$WORK/step2-code.json" "$SIMADM_310000/sim/residents/3/code"
CODE2=$(json "$WORK/step2-code.json" 'j["code"]')
curl -s --max-time 5 -o "$WORK/step2-down.json" -X POST "$SIMADM_310000/sim/faults" -H 'Content-Type: application/json' -d '{"down":true}'
if curl -s --max-time 2 -o /dev/null "$SIM_310000/member/v1/jwks"; then
  bad "the Shanghai member API still answers after {\"down\":true}"
else
  say "    Shanghai member API at $SIM_310000 now refuses connections"
fi
if [[ -z "$CODE2" ]]; then
  bad "no code from the Shanghai simulator: $(cat "$WORK/step2-code.json")"
else
  read -r HTTP MS < <(verify "$NATIONAL" "$NATIONAL_ID" ymt:member:620000 "$GANSU_KEY" "$CODE2" "$WORK/step2-answer.json")
  ST=$(json "$WORK/step2-answer.json" 'j["status"]'); REASON=$(json "$WORK/step2-answer.json" 'j.get("reason")')
  say "    national hub answered HTTP $HTTP in ${MS} ms: $(cat "$WORK/step2-answer.json")"
  if [[ "$HTTP" == 200 && "$ST" == UNKNOWN && "$MS" -le "$UNKNOWN_LIMIT_MS" ]]; then
    ok "UNKNOWN (reason $REASON) in ${MS} ms (limit ${UNKNOWN_LIMIT_MS} ms)"
  else
    bad "expected HTTP 200, status UNKNOWN within ${UNKNOWN_LIMIT_MS} ms"
  fi
fi
curl -s --max-time 5 -o /dev/null -X POST "$SIMADM_310000/sim/faults" -H 'Content-Type: application/json' -d '{"down":false}'

# ---------------------------------------------------------------- step 3
step "a Jiangsu resident signs in at home (320000) and uses a Shanghai department by single sign-on:"
say "    the department (client ymt:member:310000) exchanges the Jiangsu ID token at yrd for a hub token"
SH_KEY="$WORK/sim-310000.jwk.json"
# exchange LEVEL OUT: logs a Jiangsu resident in at LEVEL and exchanges the ID token at yrd; prints the HTTP code
exchange() {
  local level="$1" out="$2" idt ca
  curl -s --max-time 5 -o "$out.login.json" -X POST "$SIMADM_320000/sim/login" -H 'Content-Type: application/json' \
    -d "{\"resident\":1,\"level\":\"$level\",\"audience\":\"$YRD_ID\"}"
  idt=$(json "$out.login.json" 'j["id_token"]')
  [[ -n "$idt" ]] || { say "    no ID token from 320000: $(cat "$out.login.json")"; echo 000; return; }
  ca=$(assertion "$SH_KEY" ymt:member:310000 "$YRD_ID") || { echo 000; return; }
  curl -s -o "$out" -w '%{http_code}' --max-time 10 -X POST "$YRD/v1/token" \
    --data-urlencode 'grant_type=urn:ietf:params:oauth:grant-type:token-exchange' \
    --data-urlencode "subject_token=$idt" \
    --data-urlencode 'subject_token_type=urn:ietf:params:oauth:token-type:id_token' \
    --data-urlencode 'audience=ymt:member:310000' \
    --data-urlencode 'client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer' \
    --data-urlencode "client_assertion=$ca"
}
HTTP=$(exchange substantial "$WORK/step3-token.json")
say "    yrd answered HTTP $HTTP: $(head -c 300 "$WORK/step3-token.json")..."
CLAIMS=$(json "$WORK/step3-token.json" '__import__("json").loads(__import__("base64").urlsafe_b64decode(j["access_token"].split(".")[1] + "=="))')
say "    hub token claims: $CLAIMS"
printf '%s' "$CLAIMS" >"$WORK/step3-claims.json"
T_AUD=$(json "$WORK/step3-claims.json" 'j["aud"] if isinstance(j["aud"], str) else ",".join(j["aud"])')
T_HOME=$(json "$WORK/step3-claims.json" 'j.get("home")')
T_ACR=$(json "$WORK/step3-claims.json" 'j.get("acr")')
T_ISS=$(json "$WORK/step3-claims.json" 'j.get("iss")')
if [[ "$HTTP" == 200 && "$T_ISS" == "$YRD_ID" && "$T_AUD" == *ymt:member:310000* && "$T_HOME" == ymt:member:320000 && "$T_ACR" == *substantial ]]; then
  ok "a hub token from $T_ISS for ymt:member:310000, home $T_HOME, level $T_ACR"
else
  bad "expected HTTP 200 and a token with iss $YRD_ID, aud ymt:member:310000, home ymt:member:320000, acr substantial"
fi
say "    the same resident signed in only at level basic must be refused (the department needs substantial)"
HTTP=$(exchange basic "$WORK/step3-basic.json")
say "    yrd answered HTTP $HTTP: $(head -c 300 "$WORK/step3-basic.json")"
if [[ "$HTTP" == 4* ]] && ! grep -q access_token "$WORK/step3-basic.json"; then
  ok "refused, no token"
else
  bad "expected a 4xx refusal without a token"
fi

# ---------------------------------------------------------------- step 4
step "Shanghai publishes its daily red/yellow list to yrd; a Gansu checkpoint then looks a listed"
say "    Shanghai resident up at the national hub, with Shanghai's platform down (so only the list can answer)"
curl -s --max-time 5 -o "$WORK/step4-residents.json" "$SIMADM_310000/sim/residents"
SUB3=$(json "$WORK/step4-residents.json" '[r for r in j["residents"] if r["n"] == 3][0]["listSub"]')
COL3=$(json "$WORK/step4-residents.json" '[r for r in j["residents"] if r["n"] == 3][0]["colour"]')
curl -s --max-time 20 -o "$WORK/step4-publish.json" -X POST "$SIMADM_310000/sim/lists/publish" \
  -H 'Content-Type: application/json' -d '{"to":"hub"}'
say "    publish answer: $(head -c 400 "$WORK/step4-publish.json")"
PUB_STATUS=$(json "$WORK/step4-publish.json" 'j["hub"]["status"]')
[[ "$PUB_STATUS" == 2* ]] || bad "yrd did not take the batch (HTTP $PUB_STATUS)"
say "    resident 3 of Shanghai is $COL3 at home, list pseudonym ${SUB3:0:16}..."
# green_lookup LIVE OUT: prints the HTTP code
green_lookup() {
  local ca
  ca=$(assertion "$GANSU_KEY" ymt:member:620000 "$NATIONAL_ID") || { echo 000; return; }
  curl -s -o "$2" -w '%{http_code}' --max-time 10 -X POST "$NATIONAL/v1/green-lookups" \
    -H "Ymt-Client-Assertion: $ca" -H 'Content-Type: application/json' \
    -d "{\"sub\":\"$SUB3\",\"rgn\":\"310000\",\"live\":$1}"
}
sleep 1   # the batch is ingested asynchronously
curl -s --max-time 5 -o /dev/null -X POST "$SIMADM_310000/sim/faults" -H 'Content-Type: application/json' -d '{"down":true}'
HTTP=$(green_lookup true "$WORK/step4-live.json")
say "    national hub (live=true) answered HTTP $HTTP: $(cat "$WORK/step4-live.json")"
ST=$(json "$WORK/step4-live.json" 'j["status"]'); SRC=$(json "$WORK/step4-live.json" 'j["source"]')
if [[ -n "$SUB3" && "$HTTP" == 200 && "$ST" == "$COL3" && "$SRC" == LIST ]]; then
  ok "$ST from the list (source LIST), though Shanghai's platform is down"
else
  bad "expected HTTP 200, status $COL3, source LIST"
fi
HTTP=$(green_lookup false "$WORK/step4-list.json")
say "    national hub (live=false, its own list state only) answered HTTP $HTTP: $(cat "$WORK/step4-list.json")"
say "    NOTE (not checked): lists stay at the hub they were uploaded to, so without live=true the national hub"
say "    answers from its own (empty) list state; see deploy/local/README.md"
curl -s --max-time 5 -o /dev/null -X POST "$SIMADM_310000/sim/faults" -H 'Content-Type: application/json' -d '{"down":false}'

# ---------------------------------------------------------------- result
say ""
if ((FAILED)); then
  say "RESULT: $FAILED of $STEP steps FAILED"
  exit 1
fi
say "RESULT: all $STEP steps gave the expected answer"
exit 0
