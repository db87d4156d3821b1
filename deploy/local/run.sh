#!/usr/bin/env bash
# One-machine Yimatong federation: a national hub, a regional hub "yrd" under it, member simulators 310000,
# 320000 and 330000 (a SOAP gateway, dialect soap-md5) under yrd, 340000 under the provincial hub ah under yrd
# and 620000 under the national hub, all on
# 127.0.0.1; then a scenario whose steps are printed in plain words and checked. Exit 0 only if every step gave
# the expected answer. Every process started is stopped on exit. See deploy/local/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="${REPO:-$(cd "$HERE/../.." && pwd)}"
WORK="${WORK:-$REPO/deploy/local/work}"

if [[ "${BUILD:-1}" == 1 ]]; then
  echo "--- building (./mvnw -B -q install -DskipTests); BUILD=0 skips this"
  (cd "$REPO" && ./mvnw -B -q install -DskipTests)
fi
# The scenario's classes, the simulator's own classes (Population: the resident it plays knows their ID number)
# and exchange-schemas with its libraries from the hub's lib folder (which holds no simulator).
exec java -cp "$REPO/deploy/target/ymt-local-federation.jar:$REPO/province-adapters/simulator/target/member-simulator.jar:$REPO/hub/target/quarkus-app/lib/main/*" \
  org.yimatong.deploy.local.LocalFederation --repo "$REPO" --work "$WORK"
