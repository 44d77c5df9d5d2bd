#!/usr/bin/env bash
# What our GIST puts on the wire, checked by an independent decoder: capture a
# D-mode/C-mode exchange (SETUP, PROBE, an Endpoint-Found Error, ICMP last
# node) between a publisher and a node on pub -- r1 -- user, decode it with
# ../shared/gist-vectors/decode.py (written from the RFC 5971 layouts) and
# require: no deviation line ("!!"), every message type we send present,
# magic on every UDP message, all UDP 270 -> 270.
set -u
dec="$(cd "$(dirname "$0")/../.." && pwd)/../shared/gist-vectors/decode.py"
[ -f "$dec" ] || { echo "skip: independent decoder $dec absent (../shared)"; exit 77; }
command -v tcpdump >/dev/null || { echo "tcpdump not installed (deps/debian-packages.txt)"; exit 1; }
. "$(dirname "$0")/../netns/netns.sh"
ns_init
. "$(dirname "$0")/lib.sh"
need_jar
ns_host pub; ns_host r1; ns_host user
ns_link pub eth0 r1 eth0; ns_link r1 eth1 user eth0
ns_addr pub eth0 10.147.1.1/24; ns_addr r1 eth0 10.147.1.254/24; ns_addr r1 eth1 10.147.4.1/24; ns_addr user eth0 10.147.4.2/24
ns_route pub default via 10.147.1.254; ns_route user default via 10.147.4.1; ns_forwarding r1 on
ns_exec pub "$SIGNAL" keygen --out "$work/pub.key" || fail "keygen"
intercept r1
start_node r1 r1
ns_bg pub dump tcpdump -i eth0 -U -s0 -w "$work/wire.pcap" "udp port 270 or tcp or icmp" 2>/dev/null
sleep 1
signal setup NetServ.apps.W_1.0.0 --ttl 60
expect_rc 0 "setup"
signal probe
expect_rc 0 "probe"
# a Query for an NSLPID r1 does not serve, addressed to r1 itself: Endpoint Found
rc=0; ns_exec pub "$SIGNAL" probe --key "$work/pub.key" --dest 10.147.1.254 --nslpid 32766 --timeout 10 >/dev/null 2>&1 || rc=$?
expect_rc 3 "foreign NSLPID at an endpoint"
sleep 1
kill "$dump"; wait "$dump" 2>/dev/null
python3 "$dec" -v "$work/wire.pcap" > "$work/decoded.txt" 2>&1 || { cat "$work/decoded.txt"; fail "decoder failed"; }
if grep -n '^ *!!' "$work/decoded.txt"; then fail "the independent decoder flags deviations from RFC 5971 (above)"; fi
for t in "Query(C)" Response Confirm Data Error; do
  grep -q ": $t " "$work/decoded.txt" || { cat "$work/decoded.txt" | head -50; fail "no $t on the wire"; }
done
! grep -E 'UDP [0-9.]+:[0-9]+ > [0-9.]+:[0-9]+' "$work/decoded.txt" | grep -vq 'UDP [0-9.]*:270 > [0-9.]*:270' || fail "UDP not 270 -> 270"
! grep -E '^#[0-9]+ .* UDP .*:270' "$work/decoded.txt" | grep -vq 'magic=0x4E04BDA5' || fail "a UDP message without magic"
grep -q 'C-mode message: Data' "$work/decoded.txt" || fail "no C-mode Data"
[ -n "${NSIS_WIRE_KEEP:-}" ] && cp "$work/decoded.txt" "$NSIS_WIRE_KEEP"
pass "$(grep -c '^#' "$work/decoded.txt") captured packets decode cleanly with the independent RFC 5971 decoder"
