#!/usr/bin/env bash
# Smoke test of the launcher as a user runs it: `./deltastream run` brings up all ten services,
# each answers /health (200) and /metrics, SIGINT stops everything with exit code 0, and a second
# run reuses the build and keeps the data directory.
set -euo pipefail
# Job control: background jobs then keep SIGINT (otherwise bash starts them with SIGINT ignored).
set -m
cd "$(dirname "$0")/.."
ports=(8000 8001 8002 8003 8004 8005 8006 8007 8008 8009)
log="$(mktemp)"
data="$(mktemp -d)"

start_and_check() {
  for p in "${ports[@]}"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "smoke: port $p is already in use by another process; stop it first"; exit 1
    fi
  done
  DATA_DIR="$data" ./deltastream run > "$log" 2>&1 &
  pid=$!
  local deadline=$((SECONDS + 120))
  for p in "${ports[@]}"; do
    until curl -fsS -m 2 "http://localhost:$p/health" > /dev/null 2>&1; do
      if [ $SECONDS -gt $deadline ] || ! kill -0 "$pid" 2>/dev/null; then
        echo "smoke: service on port $p not healthy"; tail -n 50 "$log"; kill "$pid" 2>/dev/null || true; exit 1
      fi
      sleep 0.5
    done
    curl -fsS -m 5 "http://localhost:$p/metrics" | grep -c '^jvm_memory_used_bytes' > /dev/null || { echo "smoke: no metrics on $p"; exit 1; }
  done
  kill -INT "$pid"
  local rc=0
  wait "$pid" || rc=$?
  [ "$rc" -eq 0 ] || { echo "smoke: exit code $rc after SIGINT"; tail -n 30 "$log"; exit 1; }
}

start_and_check
echo "smoke: first run healthy, stopped with exit 0"
before="$(stat -c %Y app/target/deltastream.jar)"
start_and_check
[ "$(stat -c %Y app/target/deltastream.jar)" = "$before" ] || { echo "smoke: second run rebuilt"; exit 1; }
ls "$data"/*.db > /dev/null || { echo "smoke: no data kept in $data"; exit 1; }
echo "smoke: second run reused the build and kept $data"
rm -rf "$data" "$log"
