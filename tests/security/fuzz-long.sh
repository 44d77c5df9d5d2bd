#!/usr/bin/env bash
# make fuzz — the long fuzzing runs (issue #14 item 9). make test runs the short ones:
# ctest fuzz.* (the C++ targets with a bounded seeded mutation run) and the Jazzer
# tests in their regression mode plus their bounded mutation runs.
#
#   FUZZ_SECONDS=N   time per target (default 300)
# 1. libFuzzer + ASan/UBSan on the C++ targets (dataplane/fuzz/), built with clang in
#    build-fuzz/; new inputs go to build-fuzz/corpus/X, crashes to build-fuzz/crashes/X
#    (turn each into a regression input under dataplane/fuzz/corpus/X).
# 2. Jazzer on the Java parsers (each for its @FuzzTest maxDuration): NCM text, GIST/NSLP
#    (seeded from ../shared/gist-vectors), node policy XML, container control requests, and
#    the apps' own parsers: the SIP fast paths (keepalive NOTIFY matcher, overload SipScan and
#    Sending Entity), the SIP block (JAIN-SIP), STUN/TURN (mediarelay), HTTP fields (activecdn).
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
secs=${FUZZ_SECONDS:-300}
B=build-fuzz
fail=0
if [ -e /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a ] && command -v clang++ >/dev/null; then
  cmake -S . -B $B -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DNETSERV_LIBFUZZER=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer" >/dev/null \
    && cmake --build $B -j "$(nproc)" --target fuzz_click_config fuzz_controlsocket || exit 1
  for t in click_config controlsocket; do
    mkdir -p $B/corpus/$t $B/crashes/$t
    seeds=(dataplane/fuzz/corpus/$t); [ $t = click_config ] && seeds+=(click-configs)
    echo "make fuzz: libFuzzer $t for ${secs}s"
    $B/bin/fuzz_$t -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -artifact_prefix=$B/crashes/$t/ \
      $B/corpus/$t "${seeds[@]}" 2>&1 | tail -5 || fail=1
  done
else
  echo "make fuzz: clang's libFuzzer runtime missing (apt-get install libclang-rt-14-dev): C++ targets skipped"
fi
# JAZZER_FUZZ=1 makes @FuzzTest mutate (for its maxDuration) instead of replaying; only
# controller/core has a -Pfuzz profile, the environment reaches every module's test JVM
export JAZZER_FUZZ=1
for spec in controller/core:NcmParserFuzzTest controller/core:PolicyFuzzTest nsis/core:GistParserFuzzTest \
            container/runtime:ControlRequestFuzzTest container/api:PacketFilterFuzzTest \
            container/blocks/sip:SipCodecFuzzTest apps/keepalive:KeepAliveFuzzTest apps/overload:SipScanFuzzTest \
            apps/mediarelay:TurnFuzzTest apps/activecdn:HttpFieldsFuzzTest; do
  mod=${spec%%:*} cls=${spec#*:}
  [ -n "$(find "$mod/src/test/java" -name "$cls.java" 2>/dev/null)" ] || continue
  echo "make fuzz: Jazzer $cls ($mod)"
  mvn -B -ntp -q -pl "$mod" test -Pfuzz -Dtest="$cls" -Dsurefire.failIfNoSpecifiedTests=false || fail=1
done
exit $fail
