#!/usr/bin/env bash
# Differential conformance: runs the configurations REAL Click 2.1 ran
# (../shared/click-conformance) through build/bin/netserv-click and compares
# output pcaps (bytes, order) and -h handler values with compare.py.
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
shared="$repo/../shared/click-conformance"
bin="${NETSERV_CLICK:-$repo/build/bin/netserv-click}"  # NETSERV_CLICK: e.g. a sanitizer build
if [ ! -d "$shared" ]; then
  echo "test-conformance: $shared is absent (shared reference outputs of real Click); skipping" >&2
  exit 77
fi
[ -x "$bin" ] || { echo "test-conformance: $bin not built (run make build)" >&2; exit 1; }
out=$(mktemp -d /tmp/netserv-click-conformance.XXXXXX)
trap 'rm -rf "$out"' EXIT
bash "$shared/run_click.sh" "$bin" "$out"
for d in "$out"/*/; do
  if [ -s "$d/stderr.out" ]; then echo "--- stderr of $(basename "$d"):"; head -20 "$d/stderr.out"; fi
done
python3 "$shared/compare.py" "$shared/expected" "$out"
