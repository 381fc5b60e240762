#!/usr/bin/env bash
# One busy household must not delay another's notice (issue 12). Starts a daemon on a store with
# the 100,000-household registry, drops a spool file of ROWS signals with half on one household
# (bench/shapes.sh `one`), and while it is being stored sends PROBES cannabis-farm observations
# for unrelated households through `waakvlam ingest` (the daemon's socket), one a second. Prints,
# for each, the time from sending it to its notice in notices.jsonl.
#
#   bench/busy-neighbour.sh              # ROWS=1000000 PROBES=10
#   BIN=.build-bench/release/waakvlam ROWS=200000 bench/busy-neighbour.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
PROBES=${PROBES:-10}
BIN=$(realpath "${BIN:-.build/release/waakvlam}")
WORK=$(mktemp -d)
trap 'kill -TERM ${pid:-0} 2>/dev/null || true; rm -rf "$WORK"' EXIT
"$BIN" simulate --residents 100000 --buildings 5000 --months 96 --seed 1 --now 2026-11-23 --out "$WORK/sim" >/dev/null
bench/shapes.sh "$WORK/sim/signals.csv" "$WORK/sim/registry.csv" "$ROWS" "$WORK/shapes" 1
state=$WORK/state
"$BIN" ingest --config config/waakvlam.yaml --state-dir "$state" --now 2026-11-23 "$WORK/sim/buildings.csv" "$WORK/sim/registry.csv" >/dev/null
"$BIN" serve --config config/waakvlam.yaml --state-dir "$state" >"$WORK/serve.log" 2>&1 &
pid=$!
until [ -S "$state/waakvlam.sock" ]; do sleep 0.2; done
mkdir -p "$state/inbox"; cp "$WORK/shapes/one.csv" "$state/.one.csv"; touch -d '-1 minute' "$state/.one.csv"
mv "$state/.one.csv" "$state/inbox/one.csv"
until [ "$(sqlite3 "$state/waakvlam.sqlite" "SELECT count(*) FROM signal" 2>/dev/null || echo 0)" -gt 0 ]; do sleep 0.1; done
echo "spool file of $ROWS rows (half on one household) being stored; probes:"
for probe in $(seq "$PROBES"); do
  ref=PROBE$probe
  start=$(date +%s.%N)
  printf 'source,id,type,occurred_at,resident\nprobe,%s,waarneming.hennep,2026-11-22,%s\n' "$probe" "$ref" | "$BIN" ingest --config config/waakvlam.yaml --state-dir "$state" --format csv - >/dev/null
  until grep -q "\"probe:$probe\"" "$state/log/notices.jsonl" 2>/dev/null; do sleep 0.005; done
  end=$(date +%s.%N)
  stored=$(sqlite3 "$state/waakvlam.sqlite" "SELECT count(*) FROM signal")
  awk -v s="$start" -v e="$end" -v p="$probe" -v n="$stored" 'BEGIN { printf "probe %d: notice after %.0f ms (%d signals stored)\n", p, (e - s) * 1000, n }'
  sleep 1
done
awk '/VmHWM/ { printf "daemon peak RSS %.0f MB\n", $2 / 1024 }' /proc/$pid/status
