#!/usr/bin/env bash
# Classifier, IPClassifier and IPFilter through build/bin/netserv-click:
#  1. the Click conformance samples that use them (01-classifier, 03-ipfilter)
#     match real Click 2.1 byte for byte;
#  2. IPClassifier and IPFilter agree with an independent Python oracle
#     (tests/classify/oracle.py) on every IP packet of in.pcap;
#  3. the program handler prints Click's program for Click's own example;
#  4. bad patterns fail with Click's messages, never a crash;
#  5. live reconfiguration over the ControlSocket while packets flow: a bad
#     write is refused and the old program keeps classifying, a good write
#     takes effect, and no packet is lost or sent to a wrong output.
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin="$repo/build/bin/netserv-click"
shared="$repo/../shared/click-conformance"
[ -x "$bin" ] || { echo "test-classify-elements: $bin not built (run make build)" >&2; exit 1; }
if [ ! -f "$shared/in.pcap" ]; then
  echo "test-classify-elements: $shared absent, nothing to replay"; exit 77
fi
work=$(mktemp -d /tmp/netserv-classify.XXXXXX)
cs_pid=""
cleanup() { [ -n "$cs_pid" ] && kill "$cs_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=$((fail+1)); }

# ---- 1. conformance samples
"$shared/run_click.sh" "$bin" "$work/conf" >/dev/null 2>&1
mkdir -p "$work/expected"
for c in 01-classifier 03-ipfilter; do ln -s "$shared/expected/$c" "$work/expected/$c"; done
if python3 "$shared/compare.py" "$work/expected" "$work/conf"; then ok "conformance 01-classifier 03-ipfilter"
else bad "conformance 01-classifier 03-ipfilter"; fi

# ---- 2. oracle
patterns=$(python3 "$here/oracle.py" --patterns)
npat=$(printf '%s\n' "$patterns" | wc -l)
cp "$shared/in.pcap" "$work/in.pcap"
hargs=()
outs=""
filter=""
for ((i = 0; i < npat; i++)); do
  outs+="c[$i] -> c$i :: Counter -> Discard;"$'\n'
  hargs+=(-h "c$i.count")
done
i=0
while IFS= read -r line; do
  p=${line%,}; p=${p#  }
  filter+="  $i $p,"$'\n'; i=$((i+1))
done <<< "$patterns"
python3 "$here/oracle.py" "$work/in.pcap" > "$work/oracle.out"
for element in IPClassifier IPFilter; do
  if [ $element = IPClassifier ]; then body="$patterns"; else body="${filter%,$'\n'}"; fi
  cat > "$work/oracle.click" <<CONF
FromDump(in.pcap, STOP true, TIMING false) -> Classifier(12/0800) -> Strip(14) -> CheckIPHeader
  -> c :: $element(
$body);
$outs
CONF
  (cd "$work" && timeout 30 "$bin" -f oracle.click "${hargs[@]}" > got.out 2> got.err)
  rc=$?
  if [ $rc -ne 0 ]; then bad "$element oracle: exit $rc"; sed 's/^/    /' "$work/got.err" | head; continue; fi
  if diff <(tr -s ' \n' ' ' < "$work/oracle.out") <(tr -s ' \n' ' ' < "$work/got.out") >/dev/null; then
    ok "$element agrees with the oracle on in.pcap ($npat patterns)"
  else
    bad "$element oracle"; paste "$work/oracle.out" "$work/got.out" | sed 's/^/    /' | head -40
  fi
done

# ---- 3. program handler
cat > "$work/prog.click" <<'CONF'
Idle -> c :: Classifier(12/0806 20/0001, 12/0806 20/0002, 12/0800, -);
c[0] -> Discard; c[1] -> Discard; c[2] -> Discard; c[3] -> Discard;
CONF
(cd "$work" && timeout 10 "$bin" -q -f prog.click -h c.program > prog.out 2> prog.err)
cat > "$work/prog.want" <<'WANT'
 0  12/08060000%ffff0000  yes->step 1  no->step 3
 1  20/00010000%ffff0000  yes->[0]  no->step 2
 2  20/00020000%ffff0000  yes->[1]  no->[3]
 3  12/08000000%ffff0000  yes->[2]  no->[3]
safe length 22
alignment offset 0
WANT
if diff <(sed '/^$/d' "$work/prog.want") <(sed '/^$/d; /^c\.program:$/d' "$work/prog.out") >/dev/null; then ok "Classifier program handler"
else bad "Classifier program handler"; cat "$work/prog.out" "$work/prog.err" | sed 's/^/    /'; fi

# ---- 4. bad configurations
bad_case() {
  printf '%s\n' "$1" > "$work/bad.click"
  (cd "$work" && timeout 10 "$bin" -q -f bad.click > bad.out 2> bad.err); local rc=$?
  if [ $rc -eq 0 ] || [ $rc -ge 124 ]; then bad "bad config accepted or crashed (exit $rc): $1"; return; fi
  if grep -qF -- "$2" "$work/bad.err"; then ok "rejected: $1"
  else bad "bad config message: $1"; echo "    wanted: $2"; sed 's/^/    got:    /' "$work/bad.err" | head -5; fi
}
bad_case 'Idle -> Classifier(12/080) -> Discard;' 'pattern 0: value has odd number of hex digits'
bad_case 'Idle -> Classifier(12/0800, -) -> Discard;' 'need 1 arguments, one per output port'
bad_case 'Idle -> f :: IPFilter(allow tcp and) -> Discard;' "While configuring 'f :: IPFilter'"
bad_case 'Idle -> f :: IPFilter(allow tcp and) -> Discard;' 'pattern 0: missing expression'
bad_case 'Idle -> f :: IPFilter(3 tcp) -> Discard;' "pattern 0: slot '3' out of range"
bad_case 'Idle -> IPClassifier(dst port 99999) -> Discard;' "pattern 0: 'dst port': out of range, bound 65535"
bad_case 'Idle -> IPClassifier(echo) -> Discard;' "is ambiguous"
bad_case 'Idle -> IPClassifier((tcp) -> Discard;' ""

# ---- 5. live reconfiguration under traffic
# One UDP packet (10.3.0.1:1000 -> 10.3.0.2:5060) in a frame, as fast as the driver goes.
frame='\<00 00 00 00 00 01 00 00 00 00 00 02 08 00 45 00 00 1c 00 01 00 00 40 11 66 cc 0a 03 00 01 0a 03 00 02 03 e8 13 c4 00 08 00 00>'
cat > "$work/live.click" <<CONF
src :: InfiniteSource(DATA "$frame", LIMIT -1, STOP false)
  -> Strip(14) -> CheckIPHeader -> c :: IPClassifier(udp, -);
c[0] -> c0 :: Counter -> Discard; c[1] -> c1 :: Counter -> Discard;
CONF
(cd "$work" && exec timeout 60 "$bin" -u "$work/cs.sock" -f live.click > live.out 2> live.err) &
cs_pid=$!
python3 "$here/controlsocket.py" "$work/cs.sock" > "$work/cs.out" 2>&1 <<'SCRIPT'
READ c.config
EXPECT-DATA udp, -
WRITE c.config udp and, -
EXPECT-FAIL missing expression
READ c.config
EXPECT-DATA udp, -
WRITE c.config udp, tcp, -
EXPECT-FAIL need 2 arguments
WRITE c.config tcp, -
EXPECT-OK
READ c.program
EXPECT-DATA 264/00060000%00ff0000
WRITE c.pattern0 dst port 5060
EXPECT-OK
READ c.config
EXPECT-DATA dst port 5060, -
WRITE c.pattern1 ip frag
EXPECT-OK
WRITEDATA c.config false,\n  udp and src host 10.3.0.1
EXPECT-OK
READ c.program
EXPECT-DATA 268/0a030001%ffffffff
WRITE stop 1
SCRIPT
rc=$?
wait "$cs_pid" 2>/dev/null; cs_pid=""
if [ $rc -eq 0 ]; then ok "live reconfiguration over ControlSocket"
else bad "live reconfiguration"; sed 's/^/    /' "$work/cs.out" "$work/live.err" | tail -15; fi

echo "test-classify-elements: $fail failure(s)"
[ $fail -eq 0 ]
