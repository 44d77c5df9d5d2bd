#!/usr/bin/env bash
# make bench: every benchmark, one after the other; each prints its own table.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
rc=0
for b in "$top"/tests/bench/bench-*.sh; do
  [ -e "$b" ] || continue
  echo "=== $(basename "$b")"
  bash "$b" || rc=1
done
echo "=== mlffr.sh (the paper's forwarding experiment)"
bash "$top/tests/bench/mlffr.sh" || rc=1
exit $rc
