#!/usr/bin/env bash
# Runs every integration test script tests/*/test-*.sh (each in its own process,
# with a time limit) and ends with a summary line "N passed, N failed".
# Scripts may exit 77 to report "skipped" with a reason on stderr (only where a
# prerequisite outside the project, like ../shared, is absent).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
limit=${NETSERV_TEST_TIMEOUT:-600}
pass=0 fail=0 skip=0 failed=()
for t in $(ls tests/*/test-*.sh 2>/dev/null | sort); do
  log="build/test-logs/${t//\//_}.log"; mkdir -p build/test-logs
  start=$(date +%s)
  timeout --kill-after=10 "$limit" bash "$t" >"$log" 2>&1
  rc=$?
  secs=$(( $(date +%s) - start ))
  case $rc in
    0) pass=$((pass+1)); echo "PASS $t (${secs}s)" ;;
    77) skip=$((skip+1)); echo "SKIP $t: $(tail -1 "$log")" ;;
    *) fail=$((fail+1)); failed+=("$t"); echo "FAIL $t (exit $rc, ${secs}s) — last lines of $log:"; tail -20 "$log" | sed 's/^/    /' ;;
  esac
done
echo "integration: $pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
