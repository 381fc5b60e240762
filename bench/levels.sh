#!/usr/bin/env bash
# Stoplight engine benchmark: RESIDENTS simulated households (default 100,000) in
# BUILDINGS buildings (5,000) with MONTHS months of signals (12), ingested by the
# real ingest path into a store that is cached under .build-bench/levels-data/
# (FRESH=1 rebuilds it). Then, through LevelKeeper as the daemon drives it:
#   (a) evaluateAll after each one-day clock jump, RUNS times (target < 1 s), and
#       the pure in-memory Stoplight.evaluate at the same moments;
#   (b) SAMPLES times: one new signal for a random household through the Ingestor
#       (a one-line CSV in memory), then catchUp until it returns (target < 1 ms median).
# Prints each run, min/median/max (p99 for (b)), a breakdown of where the time goes,
# peak memory (VmHWM of the measurements) and the verdict against each target.
#
#   bench/levels.sh                    # 100,000 residents, 5,000 buildings, 5 runs, 200 samples
#   RESIDENTS=20000 BUILDINGS=1000 RUNS=3 bench/levels.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RESIDENTS=${RESIDENTS:-100000}
BUILDINGS=${BUILDINGS:-5000}
MONTHS=${MONTHS:-12}
RUNS=${RUNS:-5}
SAMPLES=${SAMPLES:-200}

swift build -c release --scratch-path .build-bench --product waakvlam-bench >/dev/null
args=(levels --residents "$RESIDENTS" --buildings "$BUILDINGS" --months "$MONTHS" --runs "$RUNS" --samples "$SAMPLES"
      --seed 1 --end 2026-11-23 --config config/waakvlam.yaml)
[ "${FRESH:-0}" = 1 ] && args+=(--fresh)
exec .build-bench/release/waakvlam-bench "${args[@]}"
