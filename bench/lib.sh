# Shared by the bench kits (sourced, not run): one hub with its own embedded PostgreSQL in $WORK/hub-home.
# Expects ROOT, WORK, HUB_PORT, HUB_URL, HUB_ID, ADMIN_TOKEN, HUB_JAVA_OPTS (word-split on purpose); gives
# log, die, note and field to the kits.
# The benches measure the hub, not a member's quota: quotas are off unless HUB_QUOTAS says otherwise. HUB_CPUS
# (a taskset list) pins the hub to those cores.

# A kit may define its own log and die before sourcing this (bench/lists tags its lines).
declare -F log >/dev/null || log() { printf '%s [bench] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
declare -F die >/dev/null || die() { log "ERROR: $*"; exit 1; }
# A line of the kit's summary file ($SUMMARY).
note() { printf '%s\n' "$*" >> "$SUMMARY"; }
# The value of key=value in a RESULT line.
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1" | head -1; }

HUB_PID=

# bench_pki: a throwaway PKI in $WORK/tls (ca, home: the mock home's server certificate for 127.0.0.1, hub: the hub's
# client certificate for $HUB_ID), for the mock home's https listener (bench/verify/mock-home.nginx.conf).
bench_pki() {
  local name subject extensions
  mkdir -p "$WORK/tls"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$WORK/tls/ca.key" \
    -out "$WORK/tls/ca.crt" -days 2 -subj "/CN=Yimatong bench CA" 2>/dev/null
  while read -r name subject extensions; do
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$WORK/tls/$name.key" \
      -out "$WORK/tls/$name.csr" -subj "/CN=$subject" 2>/dev/null
    openssl x509 -req -in "$WORK/tls/$name.csr" -CA "$WORK/tls/ca.crt" -CAkey "$WORK/tls/ca.key" -CAcreateserial \
      -days 2 -out "$WORK/tls/$name.crt" -extfile <(printf '%b\n' "$extensions") 2>/dev/null
  done <<EOF2
home 127.0.0.1 subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth
hub $HUB_ID extendedKeyUsage=clientAuth
EOF2
}

# start_hub [-Dname=value ...]: starts the hub in the background (HUB_PID, log in $WORK/hub.log) as the README does
# (hub/jvm.options; HUB_JAVA_OPTS after it) and waits until it answers, at most HUB_READY_SECONDS (180).
start_hub() {
  local jar="$ROOT/hub/target/quarkus-app/quarkus-run.jar"
  [[ -f "$jar" ]] || die "$jar is missing: build first (BUILD=1)"
  mkdir -p "$WORK/hub-home"
  YMT_HOME="$WORK/hub-home" YMT_HTTP_PORT="$HUB_PORT" YMT_ADMIN_TOKEN="$ADMIN_TOKEN" YMT_HUB_ENTITY_ID="$HUB_ID" \
    YMT_HUB_PUBLIC_URL="$HUB_URL" ${HUB_CPUS:+taskset -c "$HUB_CPUS"} java @"$ROOT/hub/jvm.options" $HUB_JAVA_OPTS ${HUB_QUOTAS:--Dymt.quotas.enabled=false} "$@" -jar "$jar" >"$WORK/hub.log" 2>&1 &
  HUB_PID=$!
  local deadline=$(( $(date +%s) + ${HUB_READY_SECONDS:-180} ))
  until curl -fs -o /dev/null "$HUB_URL/.well-known/yimatong" 2>/dev/null; do
    kill -0 "$HUB_PID" 2>/dev/null || { tail -30 "$WORK/hub.log" >&2; die "the hub exited while starting (see $WORK/hub.log)"; }
    (( $(date +%s) < deadline )) || die "the hub did not start within ${HUB_READY_SECONDS:-180} s (see $WORK/hub.log)"
    sleep 1
  done
}

# stop_hub: the hub (TERM, then KILL after 30 s) and its embedded PostgreSQL, should that outlive it.
stop_hub() {
  if [[ -n "$HUB_PID" ]] && kill -0 "$HUB_PID" 2>/dev/null; then
    log "stopping the hub (pid $HUB_PID)"
    kill -TERM "$HUB_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$HUB_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL "$HUB_PID" 2>/dev/null || true
  fi
  local pg="$WORK/hub-home/pgdata/postmaster.pid"
  if [[ -f "$pg" ]]; then
    local pgpid; pgpid=$(head -1 "$pg")
    if [[ -n "$pgpid" ]] && kill -0 "$pgpid" 2>/dev/null; then
      log "stopping the hub's embedded PostgreSQL (pid $pgpid)"; kill -INT "$pgpid" 2>/dev/null || true
    fi
  fi
}
