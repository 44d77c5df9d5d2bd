#!/usr/bin/env bash
# Fuzzes the controller's NCM reader/parser with Jazzer for a bounded time (the @FuzzTest's
# maxDuration, 30 s): no exception but a 4xx/5xx refusal may escape, refusals are one line,
# accepted messages have a stable canonical (signed) form. Findings fail the test, and so does
# a run in which the fuzz test did not run at all (renamed, filtered out, profile missing).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
command -v mvn >/dev/null || { echo "SKIP: mvn missing"; exit 77; }
report=controller/core/target/surefire-reports/TEST-org.netserv.controller.ncm.NcmParserFuzzTest.xml
rm -f "$report"
timeout 300 mvn -B -ntp -q -pl controller/core test -Pfuzz -Dtest=NcmParserFuzzTest || exit 1
[ -f "$report" ] || { echo "FAIL: no surefire report for NcmParserFuzzTest: the fuzz test did not run"; exit 1; }
ran=$(grep -o '<testsuite [^>]*' "$report" | grep -o ' tests="[0-9]*"' | grep -o '[0-9]*')
skipped=$(grep -o '<testsuite [^>]*' "$report" | grep -o ' skipped="[0-9]*"' | grep -o '[0-9]*')
[ "${ran:-0}" -gt "${skipped:-0}" ] || { echo "FAIL: NcmParserFuzzTest ran ${ran:-0} tests, ${skipped:-0} skipped"; exit 1; }
echo "PASS: NcmParserFuzzTest ran $ran fuzz tests ($skipped skipped)"
