#!/usr/bin/env bash
# Start-up time of each service started alone (`./deltastream service NAME`, its own JVM, in-process bus, a fresh
# DATA_DIR): milliseconds from the launcher's spawn to the first HTTP 200 of the service's /health, polled every 10 ms.
# The figure includes the launcher's checks and the JVM's own start; an unmeasured first start builds the jar if needed.
#
#   bench/startup.sh [SERVICE...]      default: every service
# Environment: RUNS (3, each service started that many times; the median is printed with the min and max).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${RUNS:-3}"
services=("$@")
[ ${#services[@]} -gt 0 ] || services=(storage analytics auth logging-service trade-simulator feed-generator
    worker-enricher socket-gateway api-gateway ai-analyst)
command -v curl >/dev/null || { echo "startup: curl is not installed" >&2; exit 2; }

cd "$ROOT"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }

# Starts SERVICE once and prints the milliseconds to its first healthy /health.
start_once() {
    local service="$1" port data start pid healthy=""
    port="$(free_port)"
    data="$(mktemp -d)"
    start="$(now_ms)"
    env -u REDIS_URL PORT="$port" DATA_DIR="$data" ./deltastream service "$service" >"$data/log" 2>&1 &
    pid=$!
    for _ in $(seq 1 6000); do   # up to 60 s after the jar is built
        if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health")" = 200 ]; then
            healthy="$(now_ms)"
            break
        fi
        kill -0 $pid 2>/dev/null || break
        sleep 0.01
    done
    kill $pid 2>/dev/null || true
    wait $pid 2>/dev/null || true
    [ -n "$healthy" ] || { cat "$data/log" >&2; echo "startup: $service never became healthy" >&2; exit 1; }
    rm -rf "$data"
    echo $((healthy - start))
}

start_once storage >/dev/null   # unmeasured: builds the jar when the sources changed
echo "service start-up to the first healthy /health; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg);" \
     "$RUNS runs each"
printf '%-16s %8s %8s %8s\n' service 'median' 'min' 'max'
for service in "${services[@]}"; do
    times=()
    for _ in $(seq 1 "$RUNS"); do
        t="$(start_once "$service")"
        times+=("$t")
    done
    sorted=($(printf '%s\n' "${times[@]}" | sort -n))
    printf '%-16s %6d ms %6d ms %6d ms\n' "$service" "${sorted[$(( ${#sorted[@]} / 2 ))]}" "${sorted[0]}" "${sorted[-1]}"
done
