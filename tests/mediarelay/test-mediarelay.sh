#!/usr/bin/env bash
# Media Relay end to end: the module installed by a real SETUP into r1's container, then
# driven by independent clients through r1 (network namespaces):
#
#   publisher -- r1 -- lan -- ua-a (clients: coturn's turnutils_uclient, tests/mediarelay/turnclient.py)
#                        \--- ua-b (peer: coturn's turnutils_peer, echoes)
#
# Checks: uclient over UDP and TCP, with channels and with Send/Data indications, ≤ 1 % loss;
# the negative cases of turnclient.py (wrong password 401, stale nonce 438 and its retry,
# expired allocation 437, no permission, quota 486, truncated/oversized/runt messages, unknown
# attribute 420, bad channel numbers) each with the RFC's answer while allocation A keeps
# relaying; tshark's STUN dissector decodes every message the relay sent with no malformed
# or error-level field; the module's STATUS counters agree.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/demo/lib.sh"
. "$top/tests/mediarelay/lib-mediarelay.sh"
[ -f "$MR_JAR" ] || { echo "$MR_JAR missing: run 'make build'"; exit 1; }
for c in turnutils_uclient turnutils_peer tshark; do command -v $c >/dev/null || { echo "$c missing: run 'make deps'"; exit 1; }; done
TTL=300

demo_init
step "topology: publisher -- r1 -- lan -- ua-a, ua-b; r1 a NetServ node"
mr_topology
mr_start_r1
mr_module_server
ok "r1 up; its slot may bind $MR_PORT and $MR_RELAY_LOW-$MR_RELAY_HIGH"

step "SETUP of Media Relay toward ua-a"
mr_setup $UA_A "users=alice:wonderland;quota:qpw,user_quota=12,nonce_lifetime=3"
mr_wait_relay
ok "$(mr_status | sed 's/^module: //')"

ns_bg ua-b PEER turnutils_peer -L $UA_B -p 3480 >"$WORK/peer.log" 2>&1
ns_bg ua-a CAP tshark -i eth0 -f "host $R1_EDGE" -w "$WORK/ua-a.pcap" -q >"$WORK/tshark.log" 2>&1
sleep 2

step "coturn's turnutils_uclient through r1's relay to turnutils_peer in ua-b"
for flags in "" "-s" "-t" "-t -s"; do
  mr_uclient "$WORK/uclient$(echo "$flags" | tr -d ' -').log" $flags -n 100 -m 2 -l 172 -z 10
  ok "uclient ${flags:-(UDP, channels)}: $MR_UCLIENT_RESULT"
done

step "negative cases (tests/mediarelay/turnclient.py), allocation A must stay untouched"
p0=$(mr_counter dropped_no_permission) b0=$(mr_counter dropped_bad_channel) m0=$(mr_counter dropped_malformed)
ns_exec ua-a timeout 120 python3 "$top/tests/mediarelay/turnclient.py" $R1_EDGE $MR_PORT $UA_B 3480 \
  --user alice --password wonderland --quota-user quota:qpw --quota 12 --nonce-lifetime 3 --expect-relay-ip $R1_EDGE \
  2>&1 | tee "$WORK/turnclient.log" | sed 's/^/    /'
[ "${PIPESTATUS[0]}" = 0 ] || fail "a negative case got the wrong answer (above)"
p1=$(mr_counter dropped_no_permission) b1=$(mr_counter dropped_bad_channel) m1=$(mr_counter dropped_malformed)
[ "$p1" -gt "$p0" ] && [ "$b1" -ge $((b0 + 2)) ] && [ "$m1" -ge $((m0 + 3)) ] \
  || fail "STATUS counters disagree: dropped_no_permission $p0->$p1, dropped_bad_channel $b0->$b1, dropped_malformed $m0->$m1"
ok "STATUS: dropped_no_permission $p0->$p1, dropped_bad_channel $b0->$b1, dropped_malformed $m0->$m1"

step "tshark decodes what the relay sent"
sleep 1; kill "$CAP" 2>/dev/null || true; wait "$CAP" 2>/dev/null || true
dec=(-r "$WORK/ua-a.pcap" -d udp.port==$MR_PORT,stun -d tcp.port==$MR_PORT,stun)
sent=$(tshark "${dec[@]}" -Y "ip.src == $R1_EDGE && stun" 2>/dev/null | wc -l)
bad=$(tshark "${dec[@]}" -Y "ip.src == $R1_EDGE && (_ws.malformed || _ws.expert.severity == error)" 2>/dev/null | wc -l)
[ "$sent" -gt 100 ] || fail "only $sent STUN/ChannelData frames from the relay in the capture"
[ "$bad" = 0 ] || fail "$bad frames from the relay are malformed: $(tshark "${dec[@]}" -Y "ip.src == $R1_EDGE && (_ws.malformed || _ws.expert.severity == error)" 2>/dev/null | head -3)"
codes=$(tshark "${dec[@]}" -Y "ip.src == $R1_EDGE && stun.att.error" -T fields -e stun.att.error.class -e stun.att.error 2>/dev/null \
        | awk '{ print $1 * 100 + $2 }' | sort -u | tr '\n' ' ')
for want in 400 401 420 437 438 486; do [[ " $codes" == *" $want "* ]] || fail "no $want answer decoded (saw: $codes)"; done
kinds=$(tshark "${dec[@]}" -Y "ip.src == $R1_EDGE" -T fields -e stun.type -e stun.channel 2>/dev/null | sort -u | tr '\n' ' ')
[[ "$kinds" == *0x0017* ]] || fail "no Data indication decoded ($kinds)"
[[ "$kinds" == *0x4* ]] || fail "no ChannelData decoded ($kinds)"
ok "$sent frames from the relay decoded, none malformed; error codes seen: $codes"

step "STATUS and PROBE"
line=$(mr_status)
info "$line"
for c in allocations_total to_peer_packets to_client_packets channels; do
  [[ "$line" =~ " $c="([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -gt 0 ] || [ "$c" = channels ] || fail "STATUS $c is 0"
done
probe=$(ns_exec publisher "$SIGNAL" probe --dest $UA_A --key "$WORK/keys/publisher.key" --user publisher \
  --probe status,capabilities --retry-limit 8 --timeout 60 2>&1) || fail "PROBE failed: $probe"
echo "$probe" | sed 's/^/      /'
echo "$probe" | grep -q "$MR_MODULE" || fail "PROBE does not list $MR_MODULE"
ok "PROBE lists Media Relay on r1"
kill "$PEER" 2>/dev/null || true
demo_done
