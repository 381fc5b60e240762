#!/usr/bin/env bash
# Socket benchmark: a real daemon (release build) under a steady stream of `ingest`
# requests on its socket, RATE signals/s (default 1,000) for SECONDS (60) over FEEDERS
# connections (8); each signal makes one escalation notice. A subscriber on the same
# socket times each signal from request to notice. Prints p50/p90/p99/max and how many
# notices were missing (target: p99 < 10 ms, nothing dropped).
#
#   bench/socket.sh
#   RATE=500 SECONDS_=30 bench/socket.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${RATE:-1000}
DURATION=${SECONDS_:-60}
FEEDERS=${FEEDERS:-8}
swift build -c release --scratch-path .build-bench --product waakvlam >/dev/null
swift build -c release --scratch-path .build-bench --product waakvlam-bench >/dev/null
exec .build-bench/release/waakvlam-bench socket --rate "$RATE" --seconds "$DURATION" --feeders "$FEEDERS" \
  --binary .build-bench/release/waakvlam --config config/waakvlam.yaml
