#!/usr/bin/env bash
# Soak: the real daemon (debug build, as in CI) through PHASES daemon instances of three
# simulated weeks each, ROUNDS rounds of feeding per instance (spool, socket, `waakvlam ingest`),
# with restarts (SIGTERM, and kill -9 mid spool file every fourth instance), rules reloads, log
# rotations, daily purges and one `waakvlam purge`; then checks every accepted signal is stored or
# purged by policy, every notice is in the log files once, memory did not grow, and the store is
# whole. Prints the figures. CI runs the same test at 12 x 6 (about 2.5 minutes).
#
#   bench/soak.sh                       # PHASES=30 ROUNDS=8: 630 simulated days, about 14 minutes
#   PHASES=20 ROUNDS=6 bench/soak.sh
#   SCRATCH=/path/to/.build bench/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PHASES=${PHASES:-30}
ROUNDS=${ROUNDS:-8}
SCRATCH=${SCRATCH:-.build}
swift build --build-tests --scratch-path "$SCRATCH" >/dev/null
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
WAAKVLAM_SOAK_PHASES="$PHASES" WAAKVLAM_SOAK_ROUNDS="$ROUNDS" \
  swift test --skip-build --scratch-path "$SCRATCH" --filter SoakProcessTests >"$log" 2>&1 || status=$?
sed -n '/^soak figures/,/^  instance/p; /^  instance/p' "$log" | awk '!seen[$0]++'
grep -E "recorded an issue|passed after|failed after" "$log" | grep -v "^↳" | cut -c1-400 || true
exit "$status"
