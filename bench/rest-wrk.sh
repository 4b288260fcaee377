#!/usr/bin/env bash
# REST load through the api-gateway with wrk as the load generator, in its own process (as the issue's "wrk or a Java
# load driver" allows). The server side is the `rest` driver's platform: storage, analytics and the gateway in one JVM,
# embedded store seeded with NIFTY chains of 21 strikes, per-client rate limit off. Both share this machine's cores.
#
#   bench/rest-wrk.sh [PATH...]        default: the two target paths
# Environment: CONNECTIONS (64), THREADS (2), WARMUP (10 s), DURATION (15 s), SERVER_JAVA_OPTS (-Xmx1g, the default `run` heap; default GC G1),
# UNCACHED (1: storage's latest-chain memo off, every chain request reads the store; default: the memo on, as in production),
# SERVICE (the service wrk calls, default api-gateway; e.g. SERVICE=storage with the path /health calls storage directly).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
WARMUP="${WARMUP:-10}"
DURATION="${DURATION:-15}"
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:--Xmx1g}"
command -v wrk >/dev/null || { echo "rest-wrk: wrk is not installed (Debian/Ubuntu: apt-get install wrk)" >&2; exit 2; }
paths=("$@")
[ ${#paths[@]} -gt 0 ] || paths=('/api/data/chain/NIFTY?limit=1' '/api/analytics/pcr/NIFTY')

cd "$ROOT"
./deltastream bench -l >/dev/null   # builds the benchmarks when sources changed
log="$(mktemp)"
serve_seconds=$(( ${#paths[@]} * (WARMUP + DURATION + 5) + 60 ))
uncached=()
[ "${UNCACHED:-0}" = 1 ] && uncached=(--uncached)
DELTASTREAM_BENCH_JAVA_OPTS="$SERVER_JAVA_OPTS" ./deltastream bench rest --serve "$serve_seconds" "${uncached[@]}" >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 480); do   # up to 4 min: start-up is slow on a busy machine
    grep -q '^api-gateway ' "$log" && break
    kill -0 $server 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.5
done
service="${SERVICE:-api-gateway}"
base="$(awk -v s="$service" '$1 == s {print $2}' "$log")"
[ -n "$base" ] || { cat "$log" >&2; echo "rest-wrk: $service did not start (or is not part of the rest platform)" >&2; exit 1; }
echo "$service $base; wrk $THREADS threads, $CONNECTIONS connections, ${WARMUP} s warm-up, ${DURATION} s measured;" \
     "server JVM: $SERVER_JAVA_OPTS; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg);" \
     "storage memo $([ "${UNCACHED:-0}" = 1 ] && echo off || echo on)"
for path in "${paths[@]}"; do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$base$path" >/dev/null
    echo "== $path"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$base$path" \
        | grep -E 'Latency Distribution|^ +(50|75|90|99)%|Requests/sec|requests in|Non-2xx|Socket errors'
done
