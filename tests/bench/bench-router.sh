#!/usr/bin/env bash
# The router benchmark of issue #4: loss-free forwarding rate of plain kernel
# forwarding (1), netserv-click with plain-router.click (2p) and netserv-click
# with the NetServ graph sending all UDP through channel 0 to the C echo process
# and back (3), 64- and 340-byte packets, one run, side by side, with the ratios
# to kernel forwarding. Options are passed to mlffr.sh (e.g. --reps 1 --trial 1).
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
"$top/tests/bench/mlffr.sh" --configs "1 2p 3" --sizes "64 340" "$@"
csv=$top/build/bench/mlffr.csv
[ -r "$csv" ] || { echo "no $csv"; exit 1; }
echo
echo "Ratios to kernel forwarding (configuration 1), medians of this run:"
python3 - "$csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
med = {(r["config"], r["size"]): r["median_kpps"] for r in rows}
print("%-5s %-34s %8s %10s %10s" % ("cfg", "configuration", "size", "kpps", "ratio/1"))
for r in rows:
    k = med.get(("1", r["size"]))
    v = r["median_kpps"]
    ratio = "%.2f" % (float(v) / float(k)) if v and k and float(k) > 0 else "-"
    print("%-5s %-34s %7sB %10s %10s   %s" % (r["config"], r["name"], r["size"], v or "-", ratio, r["status"]))
PY
