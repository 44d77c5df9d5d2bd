#!/usr/bin/env bash
# make-table.sh — runs every tests/security/test-*.sh and builds the attack table
# of SECURITY.md from what they print. Each test prints one line per attack:
#   ATTACK | <surface> | <attack tried> | <expected outcome> | PASS|FAIL
#
#   tests/security/make-table.sh            print the table (Markdown) on stdout
#   tests/security/make-table.sh --write    also replace the table in SECURITY.md
#                                           (between its BEGIN/END ATTACK TABLE markers)
#   ONLY=PATTERN                            run only test-PATTERN*.sh
# A test that exits 77 is listed as SKIPPED with its reason; one that fails without
# printing its own FAIL line gets a FAIL row (its exit status and last output line).
# Exit status: 1 if any row is FAIL, else 0. Logs: $LOGDIR (default a temp dir).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
write=0; [ "${1:-}" = --write ] && write=1
LOGDIR=${LOGDIR:-$(mktemp -d /tmp/netserv-security.XXXXXX)}
mkdir -p "$LOGDIR"
rows=() failed=0
for t in "$here"/test-${ONLY:-}*.sh; do
  [ -f "$t" ] || continue
  name=$(basename "$t" .sh)
  log=$LOGDIR/$name.log
  echo "make-table: running $name (log $log)" >&2
  bash "$t" >"$log" 2>&1; rc=$?
  mapfile -t found < <(grep -a '^ATTACK |' "$log" | sed 's/^ATTACK | //')
  if [ $rc -eq 77 ]; then
    rows+=("$name | (whole test) | $(tail -1 "$log" | tr '|' '/') | - | SKIPPED")
    continue
  fi
  for r in "${found[@]}"; do
    rows+=("$name | $r")
    [[ $r == *"| FAIL" ]] && failed=1
  done
  if [ $rc -ne 0 ] && ! printf '%s\n' "${found[@]}" | grep -q '| FAIL$'; then
    rows+=("$name | (whole test) | exit $rc: $(grep -av '^ATTACK' "$log" | tail -1 | tr '|' '/') | exit 0 | FAIL")
    failed=1
  fi
done
table() {
  echo "Produced by \`tests/security/make-table.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), $(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo '?') ($(uname -r))."
  echo
  echo "| test | surface | attack tried | expected outcome | result |"
  echo "|---|---|---|---|---|"
  for r in "${rows[@]}"; do echo "| $r |"; done
}
out=$(table)
echo "$out"
if [ $write = 1 ]; then
  f=$top/SECURITY.md
  grep -q '<!-- BEGIN ATTACK TABLE -->' "$f" && grep -q '<!-- END ATTACK TABLE -->' "$f" \
    || { echo "make-table: $f has no ATTACK TABLE markers" >&2; exit 2; }
  python3 - "$f" "$out" <<'PY'
import sys
path, table = sys.argv[1], sys.argv[2]
text = open(path).read()
head, rest = text.split("<!-- BEGIN ATTACK TABLE -->", 1)
_, tail = rest.split("<!-- END ATTACK TABLE -->", 1)
open(path, "w").write(head + "<!-- BEGIN ATTACK TABLE -->\n" + table + "\n<!-- END ATTACK TABLE -->" + tail)
PY
  echo "make-table: table written to $f" >&2
fi
exit $failed
