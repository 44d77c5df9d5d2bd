#!/usr/bin/env bash
# The router benchmark of issue #4: loss-free forwarding rate of plain kernel
# forwarding (1), netserv-click with plain-router.click (2p) and netserv-click
# with the NetServ graph sending all UDP through channel 0 to the C echo process
# and back (3), 64- and 340-byte packets, one run, side by side, with the ratios
# to kernel forwarding. Options are passed to mlffr.sh (e.g. --reps 1 --trial 1).
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$top/tests/bench/mlffr.sh" --configs "1 2p 3" --sizes "64 340" "$@" | tee "$log"
# from mlffr.sh's table on stdout (build/bench/mlffr.csv may be rewritten by a
# concurrent run of another configuration set)
echo
echo "Ratios to kernel forwarding (configuration 1), medians of this run:"
python3 - "$log" <<'PY'
import re, sys
row = re.compile(r"^(1|2p|3)\s+(.{32})\s+(\d+)B\s+(\S+)\s+(\S+)\s+(\S+)\s+\S+\s+\S+\s+\S+\s+(.*)$")
rows = [m.groups() for m in map(row.match, open(sys.argv[1]).read().splitlines()) if m]
med = {(c, size): v for c, _, size, _, v, _, _ in rows}
print("%-5s %-34s %6s %10s %10s" % ("cfg", "configuration", "size", "kpps", "ratio/1"))
for c, name, size, lo, v, hi, status in rows:
    k = med.get(("1", size))
    try:
        ratio = "%.2f" % (float(v) / float(k)) if float(k) > 0 else "-"
    except (TypeError, ValueError):
        ratio = "-"
    print("%-5s %-34s %5sB %10s %10s   %s" % (c, name.strip(), size, v, ratio, status.strip()))
PY
