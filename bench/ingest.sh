#!/usr/bin/env bash
# Ingest benchmark: N simulated signals (default 1,000,000) into a fresh store,
# side by side with the sqlite3 command-line tool's `.import` of the same file
# into one plain table. Prints each run and the medians: wall time, signals/s,
# the ratio to sqlite3, and peak memory (max RSS).
#
#   bench/ingest.sh            # 1,000,000 signals, 5 runs each
#   ROWS=200000 RUNS=3 bench/ingest.sh
#   BIN=/path/to/other/waakvlam bench/ingest.sh   # another build, without rebuilding
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-5}

if [ -z "${BIN:-}" ]; then
  swift build -c release --product waakvlam >/dev/null
  BIN=.build/release/waakvlam
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# 100,000 households in 5,000 buildings over 8 years (about 1.2 million signals), then cut to exactly ROWS.
"$BIN" simulate --residents 100000 --buildings 5000 --months 96 --seed 1 --now 2026-11-23 --out "$WORK/sim" >/dev/null
head -n $((ROWS + 1)) "$WORK/sim/signals.csv" > "$WORK/signals.csv"
rows=$(($(wc -l < "$WORK/signals.csv") - 1))
echo "input: $rows signals, $(du -m "$WORK/signals.csv" | cut -f1) MB CSV"

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

: > "$WORK/waakvlam.times"; : > "$WORK/sqlite.times"; : > "$WORK/ratios"
for run in $(seq "$RUNS"); do
  rm -rf "$WORK/state" "$WORK/plain.sqlite"
  /usr/bin/time -f "%e %M" -o "$WORK/t" "$BIN" ingest --config config/waakvlam.yaml --state-dir "$WORK/state" --now 2026-11-23 "$WORK/signals.csv" >/dev/null
  read -r w_secs w_kb < "$WORK/t"; echo "$w_secs $w_kb" >> "$WORK/waakvlam.times"
  stored=$(sqlite3 "$WORK/state/waakvlam.sqlite" "SELECT count(*) FROM signal")
  /usr/bin/time -f "%e %M" -o "$WORK/t" sqlite3 "$WORK/plain.sqlite" ".import --csv $WORK/signals.csv signal"
  read -r s_secs s_kb < "$WORK/t"; echo "$s_secs $s_kb" >> "$WORK/sqlite.times"
  awk -v w="$w_secs" -v s="$s_secs" 'BEGIN { print w / s }' >> "$WORK/ratios"
  echo "run $run: waakvlam ingest ${w_secs}s (${w_kb} KB peak, $stored stored) | sqlite3 .import ${s_secs}s (${s_kb} KB peak)"
  [ "$stored" -eq "$rows" ] || { echo "stored $stored of $rows signals" >&2; exit 1; }
done

w_median=$(cut -d' ' -f1 "$WORK/waakvlam.times" | median)
s_median=$(cut -d' ' -f1 "$WORK/sqlite.times" | median)
w_peak=$(cut -d' ' -f2 "$WORK/waakvlam.times" | sort -n | tail -1)
r_median=$(median < "$WORK/ratios")
awk -v rows="$rows" -v w="$w_median" -v s="$s_median" -v r="$r_median" -v peak="$w_peak" 'BEGIN {
  printf "median waakvlam ingest: %.2f s = %.0f signals/s (target >= 100000)\n", w, rows / w
  printf "median sqlite3 .import: %.2f s = %.0f rows/s\n", s, rows / s
  printf "median of the run-by-run ratios waakvlam / sqlite3: %.2f (target <= 3)\n", r
  printf "peak memory waakvlam (max RSS of any run): %.0f MB (target < 200)\n", peak / 1024
}'
