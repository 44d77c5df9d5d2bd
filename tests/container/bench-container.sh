#!/usr/bin/env bash
# Container packet-path benchmark (see bench_container.py) and the dispatcher's
# Java-side cost per packet (JMH, with the allocation profiler). Not part of make test.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top/tests/container" && timeout 900 python3 -u bench_container.py
rc=$?
echo
echo "=== JMH: dispatcher cost per packet (ns/op; gc.alloc.rate.norm = bytes allocated per packet)"
cd "$top"
cp_file=$(mktemp)
if mvn -B -q -ntp -pl container/dispatcher dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null 2>&1 \
   && [ -d container/dispatcher/target/test-classes/META-INF ]; then
  java -cp "container/dispatcher/target/test-classes:container/dispatcher/target/classes:$(cat "$cp_file")" \
    org.openjdk.jmh.Main DispatcherBench -f 1 -wi 2 -w 1s -i 3 -r 1s -prof gc 2>&1 \
    | awk '/^Benchmark +\(size\)/{p=1} p' || rc=1
else
  echo "JMH classes not built (mvn -pl container/dispatcher -am install)"; rc=1
fi
rm -f "$cp_file"
exit $rc
