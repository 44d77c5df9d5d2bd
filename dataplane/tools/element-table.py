#!/usr/bin/env python3
"""Prints the Markdown table of Click's user-level element set: which classes
netserv-click ships (from the engine's own element table, `netserv-click
--list-elements`) and, for the others, why not (click-userlevel-elements.txt).
  element-table.py build/bin/netserv-click > table.md"""
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
ours = set(subprocess.run([sys.argv[1], "--list-elements"], check=True, capture_output=True, text=True).stdout.split())
rows, known = [], set()
for line in open(os.path.join(here, "click-userlevel-elements.txt")):
    if line.startswith("#") or not line.strip():
        continue
    cls, group, why = (line.rstrip("\n").split("\t") + ["", ""])[:3]
    known.add(cls)
    rows.append((group, cls, "yes" if cls in ours else "no", "" if cls in ours else (why or "not yet")))
for cls in sorted(ours - known):
    rows.append(("netserv", cls, "yes", ""))
shipped = sum(1 for r in rows if r[2] == "yes")
print("| group | class | shipped | why not |")
print("|---|---|---|---|")
for r in rows:
    print("| %s | %s | %s | %s |" % r)
print()
print("%d of %d classes shipped." % (shipped, len(rows)))
