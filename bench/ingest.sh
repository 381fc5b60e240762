#!/usr/bin/env bash
# Ingest benchmark at every feed shape (issue 12), side by side with the sqlite3 command-line
# tool's `.import` of the same file into one plain table. One line per shape: median rows/s,
# the median of the run-by-run ratios to `.import`, and peak memory (max RSS of any run).
#
#   bench/ingest.sh                          # 1,000,000 signals per shape, 3 runs each
#   ROWS=200000 BASE=400000 NEW=40000 RUNS=1 bench/ingest.sh    # smaller, to try it out
#   SHAPES="sorted shuffled" bench/ingest.sh # only some shapes
#   BIN=/path/to/other/waakvlam bench/ingest.sh   # another build, without rebuilding
#   DATA=/tmp/ingest-data bench/ingest.sh          # keep the simulated feeds there for the next run
#
# Shapes (bench/shapes.sh cuts them from one simulated feed, seeded):
#   sorted, shuffled, busy (20 % on 2,000 households + 5 % building-only), one (half on one
#   household): ROWS signals into a fresh store holding the 100,000-household registry;
#   registry: the 100,000 registry records into an empty store;
#   populated: NEW signals into a store already holding BASE (with the registry), directly;
#   spool: the same through a running daemon's spool (timed from the drop to the run's end).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
BASE=${BASE:-2000000}
NEW=${NEW:-200000}
RUNS=${RUNS:-3}
SHAPES=${SHAPES:-sorted shuffled busy one registry populated spool}
NOW=2026-11-23

if [ -z "${BIN:-}" ]; then
  swift build -c release --product waakvlam >/dev/null
  BIN=.build/release/waakvlam
fi
BIN=$(realpath "$BIN")
WORK=${WORK:-$(mktemp -d)}
trap 'rm -rf "$WORK"' EXIT
run_ingest() { "$BIN" ingest --config config/waakvlam.yaml --state-dir "$1" --now $NOW "${@:2}" >/dev/null; }
count() { sqlite3 "$1/waakvlam.sqlite" "SELECT count(*) FROM $2"; }

# 100,000 households in 5,000 buildings over 8 years (about 1.2 million signals), and a longer
# history (22 years) for the populated store: its first BASE signals, then the NEW after them.
DATA=${DATA:-$WORK/data}
[ -f "$DATA/sim/signals.csv" ] || "$BIN" simulate --residents 100000 --buildings 5000 --months 96 --seed 1 --now $NOW --out "$DATA/sim" >/dev/null
ln -sfn "$DATA/sim" "$WORK/sim"
bench/shapes.sh "$WORK/sim/signals.csv" "$WORK/sim/registry.csv" "$ROWS" "$WORK/shapes" 1
cp "$WORK/sim/registry.csv" "$WORK/shapes/registry.csv"
# The store every signal shape starts from: buildings and registry, no signals.
run_ingest "$WORK/registered" "$WORK/sim/buildings.csv" "$WORK/sim/registry.csv"
if [[ " $SHAPES " == *" populated "* || " $SHAPES " == *" spool "* ]]; then
  [ -f "$DATA/long/signals.csv" ] || "$BIN" simulate --residents 100000 --buildings 5000 --months 264 --seed 2 --now $NOW --out "$DATA/long" >/dev/null
  ln -sfn "$DATA/long" "$WORK/long"
  head -n $((BASE + 1)) "$WORK/long/signals.csv" > "$WORK/base.csv"
  sed -n "1p;$((BASE + 2)),$((BASE + NEW + 1))p" "$WORK/long/signals.csv" > "$WORK/shapes/new.csv"
  cp -r "$WORK/registered" "$WORK/populated"
  run_ingest "$WORK/populated" "$WORK/base.csv"
  echo "populated store: $(count "$WORK/populated" signal) signals, $(du -m "$WORK/populated/waakvlam.sqlite" | cut -f1) MB"
fi

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Through the daemon: starts `serve` on a copy of the populated store, drops the file into the
# spool as a sender does (written beside it, renamed in), and waits for its run to finish.
# Prints seconds and the daemon's peak RSS in KB.
through_spool() {
  local state=$1 file=$2
  # Retention kept out of the way: the populated store's old history would be purged at start.
  [ -d "$WORK/config" ] || { cp -r config "$WORK/config"
    sed -i 's/^\(  signals_after_horizon:\) [^#]*/\1 600 months /; s/^\(  moved_out:\) [^#]*/\1 600 months /' "$WORK/config/waakvlam.yaml"; }
  "$BIN" serve --config "$WORK/config/waakvlam.yaml" --state-dir "$state" >"$WORK/serve.log" 2>&1 &
  local pid=$!
  until [ -S "$state/waakvlam.sock" ]; do sleep 0.2; kill -0 $pid || { cat "$WORK/serve.log" >&2; exit 1; }; done
  mkdir -p "$state/inbox"; cp "$file" "$state/.drop.csv"; touch -d '-1 minute' "$state/.drop.csv"
  local start; start=$(date +%s.%N)
  mv "$state/.drop.csv" "$state/inbox/new.csv"
  until [ "$(sqlite3 "$state/waakvlam.sqlite" "SELECT count(*) FROM ingest_run WHERE channel = 'spool' AND finished_at IS NOT NULL" 2>/dev/null || echo 0)" -ge 1 ]; do sleep 0.1; done
  local end; end=$(date +%s.%N)
  local peak; peak=$(awk '/VmHWM/ { print $2 }' /proc/$pid/status)
  kill -TERM $pid; wait $pid || true
  awk -v s="$start" -v e="$end" -v p="$peak" 'BEGIN { printf "%.2f %d\n", e - s, p }'
}

printf '%-10s %9s %12s %9s %10s %12s\n' shape rows "rows/s" "x import" "peak MB" "sqlite s"
for shape in $SHAPES; do
  case $shape in
    registry) file=$WORK/shapes/registry.csv table=resident ;;
    populated|spool) file=$WORK/shapes/new.csv table=signal ;;
    *) file=$WORK/shapes/$shape.csv table=signal ;;
  esac
  rows=$(($(wc -l < "$file") - 1))
  : > "$WORK/w"; : > "$WORK/s"; : > "$WORK/r"
  for run in $(seq "$RUNS"); do
    rm -rf "$WORK/state" "$WORK/plain.sqlite"
    case $shape in
      registry) mkdir -p "$WORK/state" ;;
      populated|spool) cp -r "$WORK/populated" "$WORK/state" ;;
      *) cp -r "$WORK/registered" "$WORK/state" ;;
    esac
    before=0; [ -f "$WORK/state/waakvlam.sqlite" ] && before=$(count "$WORK/state" "$table")
    if [ "$shape" = spool ]; then
      read -r w_secs w_kb < <(through_spool "$WORK/state" "$file")
    else
      /usr/bin/time -f "%e %M" -o "$WORK/t" "$BIN" ingest --config config/waakvlam.yaml --state-dir "$WORK/state" --now $NOW "$file" >/dev/null
      read -r w_secs w_kb < "$WORK/t"
    fi
    stored=$(($(count "$WORK/state" "$table") - before))
    [ "$stored" -eq "$rows" ] || { echo "$shape: stored $stored of $rows" >&2; exit 1; }
    /usr/bin/time -f "%e %M" -o "$WORK/t" sqlite3 "$WORK/plain.sqlite" ".import --csv $file rows"
    read -r s_secs _ < "$WORK/t"
    echo "$w_secs $w_kb" >> "$WORK/w"; echo "$s_secs" >> "$WORK/s"
    awk -v w="$w_secs" -v s="$s_secs" 'BEGIN { print w / s }' >> "$WORK/r"
    echo "  $shape run $run: waakvlam ${w_secs}s (${w_kb} KB peak) | sqlite3 .import ${s_secs}s" >&2
  done
  w=$(cut -d' ' -f1 "$WORK/w" | median); s=$(median < "$WORK/s"); r=$(median < "$WORK/r")
  peak=$(cut -d' ' -f2 "$WORK/w" | sort -n | tail -1)
  awk -v n="$shape" -v rows="$rows" -v w="$w" -v s="$s" -v r="$r" -v p="$peak" \
    'BEGIN { printf "%-10s %9d %12.0f %9.2f %10.0f %12.2f\n", n, rows, rows / w, r, p / 1024, s }'
done
