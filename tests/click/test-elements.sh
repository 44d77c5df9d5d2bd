#!/usr/bin/env bash
# Per-element configuration tests: runs every tests/click/cases/*.click with
# build/bin/netserv-click on pcaps built by make-pcaps.py and compares output
# packets and -h handler values with the expectations make-pcaps.py derives
# from each element's documented Click semantics. Then feeds bad
# configurations and checks for Click-style errors (never a crash).
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin="${NETSERV_CLICK:-$repo/build/bin/netserv-click}"  # NETSERV_CLICK: e.g. a sanitizer build
[ -x "$bin" ] || { echo "test-elements: $bin not built (run make build)" >&2; exit 1; }
work=$(mktemp -d /tmp/netserv-click-elements.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 "$here/make-pcaps.py" "$work/gen" || exit 1
fail=0 pass=0
for conf in "$here"/cases/*.click; do
  name=$(basename "$conf" .click)
  d="$work/run/$name"; mkdir -p "$d"
  cp "$work/gen/in/mixed.pcap" "$d/in.pcap"
  hargs=()
  for h in $(grep -o '^// HANDLERS:.*' "$conf" | sed 's#// HANDLERS:##'); do hargs+=(-h "$h"); done
  (cd "$d" && timeout 30 "$bin" -f "$conf" "${hargs[@]}" > handlers.out 2> stderr.out); rc=$?
  if [ $rc -ne 0 ]; then
    echo "FAIL $name: exit $rc"; sed 's/^/    /' "$d/stderr.out" | head -10; fail=$((fail+1)); continue
  fi
  if python3 "$here/compare-case.py" "$work/gen/expect/$name" "$d"; then pass=$((pass+1)); echo "ok   $name"
  else echo "FAIL $name"; fail=$((fail+1)); fi
done

# ---- bad configurations: "config<TAB>expected message fragment"
bad_case() {
  local conf=$1 want=$2
  printf '%s\n' "$conf" > "$work/bad.click"
  (cd "$work" && timeout 10 "$bin" -f bad.click > bad.out 2> bad.err); local rc=$?
  if [ $rc -eq 0 ] || [ $rc -ge 124 ]; then
    echo "FAIL bad config (exit $rc): $conf"; fail=$((fail+1)); return
  fi
  if ! grep -qF -- "$want" "$work/bad.err"; then
    echo "FAIL bad config: $conf"; echo "    wanted: $want"; sed 's/^/    got:    /' "$work/bad.err" | head -5; fail=$((fail+1)); return
  fi
  pass=$((pass+1)); echo "ok   bad: $want"
}
bad_case 'x :: NoSuchClass;'                                   "bad.click:1: unknown element class 'NoSuchClass'"
bad_case 'i :: Idle; d :: Discard;
i -> [1] d;'                                                   "bad.click:2: 'd' has no input 1"
bad_case 'InfiniteSource -> Tee(1) -> Unqueue -> Discard;'      "push output 0 connected to 'Unqueue@3 :: Unqueue' pull input 0"
bad_case 'InfiniteSource -> c :: Counter(FOO 1) -> Discard;'   "FOO: unknown argument"
bad_case 'InfiniteSource -> Strip -> Discard;'                 "LENGTH: required argument missing"
bad_case 'InfiniteSource -> Strip(abc) -> Discard;'            "LENGTH: type mismatch"
bad_case 'InfiniteSource(LIMIT 1 -> Discard;'                  "unbalanced '('"
bad_case 'InfiniteSource("abc) -> Discard;'                    "unterminated quoted string"
bad_case 'InfiniteSource -> Strip($N) -> Discard;'             "LENGTH: type mismatch"
bad_case 'require(nosuchpackage); Idle -> Discard;'            "requirement 'nosuchpackage' not available"
bad_case 'elementclass A { input -> Null -> output }
Idle -> a :: A -> Discard; a[1] -> Discard;'                  "'a' has no output 1"
bad_case 'a :: Idle; a :: Idle;'                               "redeclaration of element 'a'"
bad_case 'Idle -> ;'                                           "syntax error"
bad_case 'Idle -> Counter;'                                    "output 0 unused"
bad_case 'FromDump(/nonexistent/x.pcap) -> Discard;'           "/nonexistent/x.pcap: No such file or directory"
bad_case 'InfiniteSource -> Tee(3) -> Discard;'                "implies"
bad_case 'ControlSocket(SCTP, 5);'                             "unknown socket type 'SCTP'"
bad_case 'InfiniteSource -> ToDump(x.pcap, ENCAP BOGUS);'      "bad encapsulation type 'BOGUS'"
bad_case 'DriverManager(jump); Idle -> Discard;'               "unknown instruction 'jump'"
# compound overloads
bad_case 'elementclass F { ... }; Idle -> F -> Discard;'       "'...' must follow an overload"
bad_case 'elementclass F { $a | input -> output || ... }; Idle -> F(1) -> Discard;' "no earlier definition"
bad_case 'elementclass F { $a | input -> output || $a, $b | input -> output }; Idle -> F -> Discard;' "wrong number of arguments to compound element"
bad_case 'Idle -> [0] s :: StrideSched(1, -2) -> Discard; Idle -> [1] s;' "number of tickets) must be >= 0"
# rewriter family
bad_case 'Idle -> rw :: IPRewriter(pattern 1.0.0.1 - - - 0 0, MAPPING_CAPACITY nosuch) -> Discard;' "bad MAPPING_CAPACITY"
bad_case 'Idle -> rw :: IPRewriter(pattern 1.0.0.1 - - - 0 0, REPLY_ANNO GLITTER) -> Discard;' "REPLY_ANNO: expected an annotation"
bad_case 'd :: Discard; Idle -> rw :: IPRewriter(d) -> d;'      "element 'd' is not an IPMapper"
bad_case 'RandomSeed(-3); Idle -> Discard;'                    "SEED: expected an unsigned 32-bit integer"
bad_case 'r :: RoundRobinIPMapper(1.0.0.1 - - - 0); Idle -> IPRewriter(r) -> Discard;' "expected 'SADDR SPORT DADDR DPORT FOUTPUT ROUTPUT'"
bad_case 'd :: Discard; Idle -> ICMPRewriter(d) -> d;'          "element 'd' is not an IP rewriter"
bad_case 'Idle -> ICMPPingRewriter(pattern 1.0.0.1 - 5-1 0 0) -> Discard;' "bad source port"

# ---- bad pcap input: not a pcap, and a trace cut in the middle of a packet
printf 'hello, not a pcap file at all' > "$work/junk.pcap"
bad_case "FromDump($work/junk.pcap, STOP true) -> Discard;"  "not a tcpdump file"
n=$(python3 -c "import sys; d=open(sys.argv[1],'rb').read(); open(sys.argv[2],'wb').write(d[:-5])" "$work/gen/in/mixed.pcap" "$work/trunc.pcap"; \
    cd "$work" && timeout 10 "$bin" -e "FromDump(trunc.pcap, STOP true) -> c :: Counter -> Discard;" -h c.count 2> trunc.err)
total=$(python3 -c "import struct,sys; d=open(sys.argv[1],'rb').read(); o=24; n=0
while o+16<=len(d): n+=1; o+=16+struct.unpack('<I',d[o+8:o+12])[0]
print(n)" "$work/gen/in/mixed.pcap")
if [ "$n" = "$((total-1))" ] && grep -q "truncated packet" "$work/trunc.err"; then pass=$((pass+1)); echo "ok   truncated trace: $n of $total packets, error reported"
else fail=$((fail+1)); echo "FAIL truncated trace: got '$n' packets of $total"; cat "$work/trunc.err"; fi

echo "test-elements: $pass passed, $fail failed"
[ $fail -eq 0 ]
