#!/usr/bin/env bash
# The classification compiler under AddressSanitizer + UBSan: the pattern
# language tests, the optimiser differential test and the random-text fuzz
# test (click-elements/classify/*_test.cc that need no engine), built here
# with the sanitizers because the engine's test build does not use them.
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
src="$repo/click-elements/classify"
work=$(mktemp -d /tmp/netserv-classify-asan.XXXXXX)
trap 'rm -rf "$work"' EXIT
lib=(builder.cc program.cc names.cc lexical.cc classifier_lang.cc ipfilter_lang.cc)
flags=(-std=c++17 -g -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
       -I"$repo/click-elements" -DNETSERV_SOURCE_DIR="\"$repo\"")
fail=0
objs=()
for f in "${lib[@]}"; do
  g++ "${flags[@]}" -c "$src/$f" -o "$work/${f%.cc}.o" 2> "$work/lib.build" || {
    echo "FAIL $f: does not build"; sed 's/^/    /' "$work/lib.build" | head -20; exit 1; }
  objs+=("$work/${f%.cc}.o")
done
for t in classify_optimizer_test ipfilter_test classifier_test classify_conformance_test; do
  if ! g++ "${flags[@]}" "${objs[@]}" "$src/$t.cc" -lgtest -lgtest_main -lpthread -o "$work/$t" 2> "$work/$t.build"; then
    echo "FAIL $t: does not build"; sed 's/^/    /' "$work/$t.build" | head -20; fail=$((fail+1)); continue
  fi
  if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 "$work/$t" > "$work/$t.out" 2>&1; then
    echo "ok   $t under ASan/UBSan ($(grep -o '[0-9]* tests\? from' "$work/$t.out" | head -1 | cut -d' ' -f1) tests)"
  else
    echo "FAIL $t under ASan/UBSan"; tail -30 "$work/$t.out" | sed 's/^/    /'; fail=$((fail+1))
  fi
done
[ $fail -eq 0 ]
