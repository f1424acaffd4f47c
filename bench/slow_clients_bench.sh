#!/usr/bin/env bash
# p50/p99 of a well-behaved client (GET /healthz and POST /api/v1/screen on one kept-alive
# connection, from 127.0.0.1) while 1,000 slow connections are open: a third trickle their
# header a byte a second, a third sit idle after one request, a third trickle a body.
#   bench/slow_clients_bench.sh [BUILD_DIR] [SECONDS] [SLOW]
# The slow connections come from 127.0.0.2-127.0.0.6 (200 each, under the default
# max_connections_per_address of 256). SECONDS stays under header_timeout_ms (10 s), and the
# idle ones are given keep_alive_timeout_ms = 60000, so that none is ended by its deadline while
# measuring: all SLOW stay open throughout. Ends with SIGTERM and the exit status.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}; seconds=${2:-8}; slow=${3:-1000}
exec python3 "$root/tests/slow_clients.py" --jianmei "$build/jianmei" --kb "$root/kb" \
  --slow "$slow" --sources 5 --seconds "$seconds" --max-ms 1000000 \
  --config 'keep_alive_timeout_ms = 60000'
