#!/usr/bin/env bash
# Every element class netserv-click registers has a section in the generated
# reference (build/doc/elements.md, made from the doc blocks in the headers).
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
bin="$repo/build/bin/netserv-click"; doc="$repo/build/doc/elements.md"
[ -x "$bin" ] || { echo "test-elementdoc: $bin not built" >&2; exit 1; }
[ -f "$doc" ] || { echo "test-elementdoc: $doc not generated (make build)" >&2; exit 1; }
missing=0
for cls in $("$bin" -q -e 'Idle -> Discard;' -h classes); do
  if ! grep -qx "## $cls" "$doc"; then echo "no documentation section for $cls"; missing=$((missing+1)); fi
done
echo "test-elementdoc: $missing undocumented element classes"
[ $missing -eq 0 ]
