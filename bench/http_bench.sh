#!/usr/bin/env bash
# Load benchmark of POST /api/v1/screen with ~1 KB posts, wrk (Debian) on loopback.
#   bench/http_bench.sh [BUILD_DIR] [SECONDS] [RATE]
# Starts BUILD_DIR/jianmei serve on a free port (rate limit off, 64 workers), then runs wrk at
# saturation and at a fixed RATE (default 1000 req/s) through bench/http_screen.lua, and stops
# the server with SIGTERM. wrk shares the machine's cores with the server: say so with figures.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}; seconds=${2:-20}; rate=${3:-1000}
command -v wrk >/dev/null || { echo "http_bench: wrk is missing (apt-get install wrk)" >&2; exit 2; }
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
printf '[server]\nport = 0\nrate_per_second = 0\nthreads = 64\n' > "$work/server.toml"
JIANMEI_HOME="$work" "$build/jianmei" --kb "$root/kb" serve --config "$work/server.toml" \
  > "$work/out" 2> "$work/err" &
pid=$!
for _ in $(seq 100); do grep -q listening "$work/out" && break; sleep 0.1; done
url="http://$(sed -n 's/^listening on //p' "$work/out")"
echo "server $url (pid $pid); $(nproc) cores; wrk $(wrk -v 2>&1 | head -1 | cut -d' ' -f2)"
curl -fsS -o /dev/null -d '{"text":"warm-up"}' "$url/api/v1/screen" 2>/dev/null || true

echo "saturation: wrk -t2 -c16 -d${seconds}s"
wrk -t2 -c16 -d"${seconds}s" -s "$root/bench/http_screen.lua" "$url" | grep '^requests'
echo "fixed rate ${rate} req/s: wrk -t2 -c32 -d${seconds}s"
wrk -t2 -c32 -d"${seconds}s" -s "$root/bench/http_screen.lua" "$url" -- "$rate" 2 | grep '^requests'
echo "server: $(curl -fsS "$url/metrics" | grep -E '^jianmei_http_requests_total' | tr '\n' ' ')"
kill -TERM "$pid"; wait "$pid"; echo "server stopped: exit $?"
