#!/usr/bin/env bash
# The dashboard's part of the Maven build (services/api-gateway and app call it):
#   maven.sh build   npm ci when the lock file changed, then npm run build, only when web/ changed since the last build
#   maven.sh test    the Vitest unit tests
#   maven.sh e2e     the browser tests against the app jar ($DELTASTREAM_JAR, run with $DELTASTREAM_JAVA)
# Without Node.js 20+ (or, for e2e, without Chromium) it says what is missing and succeeds: the platform builds and
# runs without its dashboard. CI installs both, so there everything runs.
set -euo pipefail
cd "${BASH_SOURCE[0]%/*}/.."
step="${1:?usage: maven.sh build|test|e2e}"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1 || [ "$(node_major)" -lt 20 ]; then
  echo "dashboard: Node.js 20 or newer with npm not found: dashboard $step skipped" \
       "(install Node.js 20 or newer with npm, then run ./deltastream build)"
  exit 0
fi

dependencies() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
  fi
}

case "$step" in
  build)
    stamp=target/build.stamp
    if [ -f target/dist/index.html ] && [ -f "$stamp" ] && [ -z "$(find . -path ./node_modules -prune -o \
        -path ./target -prune -o -type f -newer "$stamp" -print -quit)" ]; then
      echo "dashboard: up to date"
      exit 0
    fi
    dependencies
    mkdir -p target
    touch target/build.stamp.next
    npm run build
    mv target/build.stamp.next "$stamp"
    ;;
  test)
    dependencies
    npm test
    ;;
  e2e)
    chromium="${CHROMIUM:-/usr/bin/chromium}"
    if [ ! -x "$chromium" ]; then
      echo "dashboard: Chromium not found at $chromium: browser tests skipped (install it: apt-get install chromium)"
      exit 0
    fi
    dependencies
    npm run e2e
    ;;
  *)
    echo "maven.sh: unknown step '$step' (build, test or e2e)" >&2
    exit 2
    ;;
esac
