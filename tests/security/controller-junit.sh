# Sourced by tests/security/test-controller-*.sh: runs controller JUnit attack tests and prints
# their "ATTACK | surface | attack tried | expected outcome | PASS|FAIL" lines (the table in
# SECURITY.md is built from them). Fails when a test fails, a line says FAIL, or no line came.
# usage: run_controller_attacks TestClass[,TestClass...] [extra mvn arguments...]
#   CTL_WRAP="ip netns exec NS"  runs Maven (and so the test JVM) under that command, offline
run_controller_attacks() {
  local cls=$1; shift
  local top; top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  command -v mvn >/dev/null || { echo "SKIP: mvn missing" >&2; exit 77; }
  local log; log=$(mktemp /tmp/nsv-ctl-attacks.XXXXXX)
  local out; out=$(mktemp /tmp/nsv-ctl-attacks-out.XXXXXX)
  (cd "$top" && timeout 600 ${CTL_WRAP:-} mvn -B -ntp -q ${CTL_WRAP:+-o} -pl controller/core test -Dtest="$cls" -Dnetserv.attack.log="$log" "$@") >"$out" 2>&1
  local rc=$?
  cat "$log"
  # a test that skipped itself (not root, container runtime not built) is a skip, not a pass
  local r skipped=0 tests=0
  for r in "$top"/controller/core/target/surefire-reports/TEST-*."${cls%%,*}".xml; do
    [ -f "$r" ] || continue
    tests=$(grep -o '<testsuite [^>]*' "$r" | grep -o ' tests="[0-9]*"' | grep -o '[0-9]*')
    skipped=$(grep -o '<testsuite [^>]*' "$r" | grep -o ' skipped="[0-9]*"' | grep -o '[0-9]*')
  done
  if [ "$rc" -eq 0 ] && [ "${tests:-0}" -gt 0 ] && [ "${skipped:-0}" -eq "${tests:-0}" ]; then
    echo "SKIP: $cls skipped itself: $(grep -o 'message="[^"]*"' "$r" | head -1)" >&2
    rm -f "$log" "$out"
    exit 77
  fi
  local lines fails
  lines=$(grep -c '^ATTACK |' "$log" || true)
  fails=$(grep -c '| FAIL$' "$log" || true)
  if [ "$rc" -ne 0 ] || [ "${lines:-0}" -eq 0 ] || [ "${fails:-0}" -ne 0 ]; then
    echo "FAIL: $cls (mvn exit $rc, $lines attack lines, $fails failed); last output:"
    grep -E 'Tests run|FAIL|ERROR|expected' "$out" | head -30
    rm -f "$log" "$out"
    exit 1
  fi
  echo "PASS: $cls ($lines attacks)"
  rm -f "$log" "$out"
}
