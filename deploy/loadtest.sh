#!/usr/bin/env bash
# Load benchmark (not a test): wrk against /healthz and /api/v1/ask on `pindesk serve` over loopback.
# Usage: deploy/loadtest.sh [DURATION] [ROUNDS]   (default 20s, 1 round; threads 2, connections 32; needs wrk)
# Prints each endpoint's requests/s and errors, then how /api/v1/ask compares with /healthz. With several
# rounds, the two alternate DURATION each and the ratio is the median of the rounds' ratios: on a machine
# whose speed drifts (a shared host), both endpoints then meet the same drift.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-20s}"
ROUNDS="${2:-1}"
PINDESK="${PINDESK:-$(command -v pindesk || echo .venv/bin/pindesk)}"
command -v wrk >/dev/null || { echo "loadtest: wrk is not installed (apt-get install wrk)" >&2; exit 2; }

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
WORK="$(mktemp -d)"
# Its own SQLite file: answering abstained queries writes rows there, not into a real store; no rate limit.
PINDESK_RATELIMIT=off PINDESK_DATABASE_URL="sqlite:///$WORK/pindesk.sqlite3" "$PINDESK" serve --host 127.0.0.1 --port "$PORT" \
  >"$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 120); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 2; }
  sleep 0.5
done

run() {  # run NAME ARGS...: wrk's report in $WORK/NAME.txt, then "NAME requests/s errors"
  local name="$1"; shift
  wrk -t2 -c32 -d"$DURATION" --latency "$@" >"$WORK/$name.txt"
  local rps errors
  rps="$(awk '/^Requests\/sec:/ {print $2}' "$WORK/$name.txt")"
  errors="$(awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$WORK/$name.txt")"
  printf '%-14s %10s requests/s  %s errors  (p99 %s)\n' "$name" "$rps" "$errors" \
    "$(awk '$1 == "99%" {print $2}' "$WORK/$name.txt")"
  echo "$rps" >"$WORK/$name.rps"
}

echo "pindesk serve on 127.0.0.1:$PORT; wrk -t2 -c32 -d$DURATION; $ROUNDS round(s)"
: >"$WORK/ratios"
for round in $(seq "$ROUNDS"); do
  [ "$ROUNDS" -gt 1 ] && echo "round $round"
  run healthz "http://127.0.0.1:$PORT/healthz"
  run ask -s deploy/ask.lua "http://127.0.0.1:$PORT"
  python3 -c "import sys; h, a = (float(open(f).read()) for f in sys.argv[1:]); print(a / h)" \
    "$WORK/healthz.rps" "$WORK/ask.rps" >>"$WORK/ratios"
done
python3 -c "import statistics, sys; r = [float(x) for x in open(sys.argv[1])]; \
print(f'ratio ask/healthz: {statistics.median(r):.2f}' + (f' (median of {len(r)} rounds, {min(r):.2f} to {max(r):.2f})' \
if len(r) > 1 else '') + ' (target at least 0.50)')" "$WORK/ratios"
