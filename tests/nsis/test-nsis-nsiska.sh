#!/usr/bin/env bash
# Interoperability with NSIS-ka, by replay: the NSIS-ka querier's captured
# messages (../shared/gist-vectors, addresses 10.88.1.1 -> 10.88.2.1) are sent
# byte for byte to our netserv-nsisd standing where NSIS-ka's responder stood;
# our Responses, SCD, MA-Hello reply and Endpoint-Found Error are checked
# field by field (the Error byte for byte), and NSIS-ka's Confirm (with our
# cookie spliced in) and Data are accepted in D-mode and C-mode.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
vec="$top/../shared/gist-vectors"
[ -d "$vec" ] || { echo "skip: NSIS-ka vectors absent at $vec (../shared)"; exit 77; }
. "$(dirname "$0")/../netns/netns.sh"
ns_init
. "$(dirname "$0")/lib.sh"
need_jar
# the captures' own topology (isolated namespaces, so their addresses are safe to reuse)
ns_host a; ns_host r; ns_host b
ns_link a a0 r r0; ns_link r r1 b b0
ns_addr a a0 10.88.1.1/24; ns_addr r r0 10.88.1.254/24; ns_addr r r1 10.88.2.254/24; ns_addr b b0 10.88.2.1/24
ns_route a default via 10.88.1.254; ns_route b default via 10.88.2.254; ns_forwarding r on
ns_bg b ctl python3 "$top/tests/nsis/test_controller.py" "$work/b.ctl" b "$work/b.acted"
printf 'node_id = b\ncontroller_socket = %s\nstatus_socket = %s\n' "$work/b.ctl" "$work/b.status" > "$work/b.conf"
ns_bg b nsisd sh -c "exec '$NSISD' --config '$work/b.conf' 2>>'$work/b.log'"
for i in $(seq 1 100); do [ -S "$work/b.status" ] && break; sleep 0.1; done
[ -S "$work/b.status" ] || { cat "$work/b.log"; fail "netserv-nsisd did not come up"; }
ns_exec a python3 "$top/tests/nsis/nsiska_replay.py" "$vec" || { cat "$work/b.log"; fail "replay"; }
sleep 0.5
[ "$(counter b confirms)" -ge 2 ] || fail "NSIS-ka's Confirms (D-mode and C-mode) not accepted: $(counter b confirms)"
[ "$(counter b rx-confirm-bad-cookie)" -eq 0 ] || fail "a Confirm was refused for its cookie"
[ "$(counter b rx-nslp-data)" -ge 2 ] || fail "NSIS-ka's Data (D-mode and C-mode) not delivered: $(counter b rx-nslp-data)"
[ "$(counter b ma-accepted)" -eq 1 ] || fail "no C-mode MA accepted"
[ "$(counter b rx-malformed)" -eq 0 ] || fail "our node found NSIS-ka's messages malformed"
# "Hello World!" is GIST-valid but not a NetServ NSLP message: counted and dropped by the NSLP
# (D-mode Data, C-mode Data and the data in vector 03's Query: three deliveries)
[ "$(counter b nslp-malformed)" -ge 3 ] || fail "the NSLP did not get (and reject) NSIS-ka's three test payloads: $(counter b nslp-malformed)"
pass "NSIS-ka's messages accepted; our answers match what NSIS-ka sends"
