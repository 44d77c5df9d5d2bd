#!/usr/bin/env bash
# Fuzzes the controller's NCM reader/parser with Jazzer for a bounded time (the @FuzzTest's
# maxDuration, 30 s): no exception but a 4xx/5xx refusal may escape, refusals are one line,
# accepted messages have a stable canonical (signed) form. Findings fail the test.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
command -v mvn >/dev/null || { echo "SKIP: mvn missing"; exit 77; }
exec timeout 300 mvn -B -ntp -q -pl controller/core test -Pfuzz -Dtest=NcmParserFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
