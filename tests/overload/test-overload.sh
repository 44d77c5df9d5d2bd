#!/usr/bin/env bash
# Overload Control end to end (paper §4.4, RFC 7339/7415) with real peers and a real
# NetServ node:   publisher (Kamailio RE + trigger) -- r1 (NetServ) -- uac (SIPp)
#  1. without the module, 5x the server's capacity: goodput collapses;
#  2. the RE crosses its threshold, signals SETUP; r1 installs the Sending Entity; at 5x
#     the server's goodput stays within 10 % of capacity and the 503s come from r1
#     (source address, marker header), counted in the module's STATUS and PROBE;
#  3. edge cases with a scripted RE through the same module: stale oc-seq, malformed
#     feedback, expired and zero oc-validity, exempt and non-INVITE requests, truncated
#     SIP and malformed Via parameters — none crashes or stalls it;
#  4. the load stays low: the RE signals REMOVE and r1 drops the module.
# OVL_ALGO=rate runs it with the RFC 7415 rate algorithm instead of loss.
# The full ramp 0.5x..10x is tests/bench/bench-overload.sh (make bench).
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/overload/lib.sh"
RATE=$((OVL_CAPACITY * 5))
ALGO=${OVL_ALGO:-loss}

ovl_init
step "topology publisher -- r1 -- uac, NetServ node r1, Kamailio RE (capacity $OVL_CAPACITY calls/s)"
ovl_topology
ovl_start_re $ALGO
ok "r1 up; RE on $RE_IP:5060"

step "without the module: $RATE calls/s (5x capacity) for 12 s"
ovl_sipp_bg $RATE 12 base
sleep 4
ovl_window 6 base
ovl_sipp_wait
BASE=$GOODPUT
info "server goodput $BASE calls/s; 503s: $SERVER_503 from the server, $EDGE_503 from r1; SIPp: $(ovl_sipp_goodput base 4 10) calls/s"
awk -v g="$BASE" -v c=$OVL_CAPACITY 'BEGIN { exit !(g < 0.8 * c) }' || fail "goodput $BASE did not collapse below 0.8 x $OVL_CAPACITY"
[ "$EDGE_503" = 0 ] || fail "503s from r1 without the module"
ok "goodput collapsed to $BASE calls/s (capacity $OVL_CAPACITY)"
sleep $((OVL_LOW_SECONDS + 2))   # the RE's load is low again

step "with the trigger: $RATE calls/s; the RE signals SETUP, r1 installs the Sending Entity"
ovl_start_trigger $ALGO
ovl_sipp_bg $RATE 50 se
t0=$(date +%s.%N)
wait_for 60 "Sending Entity on r1" module_running r1 $OVL_MODULE || fail "r1 never ran $OVL_MODULE: $(tail -5 "$WORK/publisher/overload-trigger.log")"
t1=$(date +%s.%N)
info "SE active on r1 $(awk -v a=$t0 -v b=$t1 'BEGIN { printf "%.1f", b - a }') s after the load started"
info "ns.config at r1: $(click_read r1 ns.config | tr '\n' ' ')"
sleep 10  # the feedback loop settles and the queue built before the SE drains
ovl_window 10 se
from=$(awk -v a=$t0 -v b=$t1 'BEGIN { printf "%d", b - a + 6 }')
info "server goodput $GOODPUT calls/s (SIPp: $(ovl_sipp_goodput se $from $((from + 10))) calls/s); 503s: $EDGE_503 from r1 ($MARKED_503 with the marker), $SERVER_503 from the server"
awk -v g="$GOODPUT" -v c=$OVL_CAPACITY 'BEGIN { exit !(g >= 0.9 * c && g <= 1.1 * c) }' \
  || fail "goodput $GOODPUT not within 10 % of $OVL_CAPACITY"
[ "$EDGE_503" -gt 0 ] && [ "$MARKED_503" = "$EDGE_503" ] || fail "expected marked 503s from r1: $EDGE_503 from r1, $MARKED_503 marked"
[ "$EDGE_503" -gt "$SERVER_503" ] || fail "more 503s from the server ($SERVER_503) than from r1 ($EDGE_503)"
line=$(ovl_status); info "r1 STATUS: $line"
[[ "$line" =~ rejected=([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -gt 0 ] || fail "r1's module reports no rejections"
[[ "$line" =~ algorithm=$ALGO ]] || fail "r1's module is not running the $ALGO algorithm"
probe=$(ns_exec publisher "$SIGNAL" probe --dest $UA_IP --key "$WORK/keys/publisher.key" --user publisher --retry-limit 8 --timeout 60 2>&1) \
  || fail "PROBE failed: $probe"
echo "$probe" | grep "OverloadControl" | grep -q "rejected=[1-9].*algorithm=$ALGO" \
  || fail "PROBE does not show the module's counters: $probe"
info "PROBE: $(echo "$probe" | grep -i overload | head -2 | tr -s ' ')"
ok "goodput $GOODPUT calls/s at 5x (capacity $OVL_CAPACITY); $EDGE_503 503s from r1, $SERVER_503 from the server"

step "edge cases through the module with a scripted RE on $PROBE_IP"
ns_bg publisher PROBE_RE python3 "$top/tests/overload/sip_probe.py" re $PROBE_IP:5060 >"$WORK/probe-re.log" 2>&1
sleep 0.5
before=$(ovl_status)
ns_exec uac python3 "$top/tests/overload/sip_probe.py" ua $UA_IP:5090 $PROBE_IP:5060 10.40.2.254 | sed 's/^/      /' \
  || fail "an edge case failed (see above)"
after=$(ovl_status); info "r1 STATUS after: $after"
[[ "$after" =~ malformed=([0-9]+) ]] && [[ "$before" =~ malformed=([0-9]+) ]] || true
[[ "$after" =~ stale=([1-9][0-9]*) ]] || fail "no stale feedback counted"
[[ "$after" =~ badfeedback=([1-9][0-9]*) ]] || fail "no malformed feedback counted"
[[ "$after" =~ absorbed=([1-9][0-9]*) ]] || fail "no ACK of an edge 503 absorbed"
ok "stale, malformed and expired feedback, exemptions, truncated SIP, bad Via params: all as RFC 7339 says"
ovl_sipp_wait

step "the load stays low: the RE signals REMOVE"
wait_for 60 "r1 without the module" not module_running r1 $OVL_MODULE || fail "r1 still runs $OVL_MODULE: $(tail -5 "$WORK/publisher/overload-trigger.log")"
grep -q "REMOVE toward $UA_IP" "$WORK/publisher/overload-trigger.log" || fail "the trigger did not signal REMOVE"
ok "REMOVE signaled; r1 no longer runs the Sending Entity"
demo_done
