#!/usr/bin/env bash
# One hub as two instances on one PostgreSQL, on this machine (see deploy/local/README.md): instance a starts the
# embedded PostgreSQL in WORK/home, instance b joins it by YMT_DB_URL; both share the home folder's secrets.
# Prints both URLs and the admin token; Ctrl-C stops both.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="${REPO:-$(cd "$HERE/../.." && pwd)}"
WORK="${WORK:-$REPO/deploy/local/work-two-instances}"

if [[ "${BUILD:-1}" == 1 ]]; then
  echo "--- building (./mvnw -B -q install -DskipTests); BUILD=0 skips this"
  (cd "$REPO" && ./mvnw -B -q install -DskipTests)
fi
exec java -cp "$REPO/deploy/target/ymt-local-federation.jar:$REPO/hub/target/quarkus-app/lib/main/*" \
  org.yimatong.deploy.local.TwoInstances --repo "$REPO" --work "$WORK" "$@"
