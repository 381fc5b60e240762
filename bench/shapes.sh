#!/usr/bin/env bash
# Feed shapes for the ingest benchmark (issue 12), cut from one simulated feed, seeded.
#
#   bench/shapes.sh SIGNALS.csv REGISTRY.csv ROWS OUTDIR [SEED]
#
# Writes into OUTDIR, each with ROWS signals and the header:
#   sorted.csv    the first ROWS signals, in date order (the shape `simulate` writes);
#   shuffled.csv  the same rows in random order (an export sorted by id, arrears back-filled);
#   busy.csv      shuffled, with 20 % of the rows moved onto 2,000 busy households and
#                 5 % made building-only (the household dropped, its building kept);
#   one.csv       shuffled, with half of the rows on one household (a sender's placeholder).
# Rows moved to another household get that household's building, so every row stays valid.
set -euo pipefail
signals=$1 registry=$2 rows=$3 out=$4 seed=${5:-1}
mkdir -p "$out"
head -n $((rows + 1)) "$signals" > "$out/sorted.csv"
# shuf reads its randomness from a seeded stream, so the same seed gives the same order.
seeded() { openssl enc -aes-256-ctr -pass pass:"$seed" -nosalt </dev/zero 2>/dev/null; }
{ head -n 1 "$out/sorted.csv"; tail -n +2 "$out/sorted.csv" | shuf --random-source=<(seeded); } > "$out/shuffled.csv"

# Columns: source,id,type,occurred_at,resident,building,... ; registry: resident,building,...
reshape() { # $1 = share moved to busy households, $2 = how many busy households, $3 = share made building-only
  awk -F, -v OFS=, -v seed="$seed" -v moved="$1" -v busy="$2" -v bonly="$3" '
    NR == FNR { if (FNR > 1) { building[$1] = $2; if (n < busy) household[n++] = $1 }; next }
    FNR == 1 { srand(seed); print; next }
    {
      r = rand()
      if (r < moved) {
        $5 = household[int(rand() * n)]; $6 = building[$5]; $7 = ""
      } else if (r < moved + bonly) {
        if ($6 == "") $6 = building[$5]
        $5 = ""; $7 = ""
      }
      print
    }' "$registry" "$out/shuffled.csv"
}
reshape 0.20 2000 0.05 > "$out/busy.csv"
reshape 0.50 1 0 > "$out/one.csv"
