#!/usr/bin/env bash
# NetServ signaling along  pub -- r1 -- plain -- r2 -- user  (r1, r2 NetServ
# nodes intercepting with netfilter REDIRECT; plain a router without NetServ).
# SETUP reaches r1 and r2 and not plain; PROBE returns the stack r2 then r1
# with addresses and module status; the last node is found through ICMP port
# unreachable and, when the user sends none, after back-off; REMOVE removes
# from both; no answer in time exits 4; TRIGGER comes back along the reverse path; soft state at r2
# lives while r1 refreshes (until REMOVE or the module ttl) and expires when
# r1 stops; a path without NetServ
# nodes says so (exit 3); malformed GIST is counted and dropped.
set -u
. "$(dirname "$0")/../netns/netns.sh"
ns_init
. "$(dirname "$0")/lib.sh"
need_jar
build_path
ns_exec pub "$SIGNAL" keygen --out "$work/pub.key" || fail "keygen"
intercept r1; intercept r2
start_node r1 r1 "state_validity_ms = 3000" "retry_limit_ms = 3000"
start_node r2 r2 "state_validity_ms = 3000" "retry_limit_ms = 3000"
M=NetServ.apps.NetMonitor_1.0.0

# 1. SETUP toward user: r2 then r1 answer, plain never sees a controller
signal setup $M --ttl 600 --user janedoe --filter-proto udp --filter-port 5060
expect_rc 0 "setup"
grep -q "^SETUP $M" "$work/r1.acted" || fail "r1 did not act on SETUP"
grep -q "^SETUP $M" "$work/r2.acted" || fail "r2 did not act on SETUP"
[ ! -e "$work/plain.acted" ] || fail "plain acted"
[ "$(grep -c '^NETSERV/0.1 200' "$work/out")" -eq 2 ] || fail "setup: expected 2 blocks"
pass "SETUP reached r1 and r2 (not plain)"
[ "$(counter r2 no-peer/icmp)" -ge 1 ] || fail "r2 did not find itself last through ICMP"
pass "r2 found as last node through ICMP port unreachable"

# 2. PROBE: stack r2 then r1, with addresses and module status
signal probe --probe status
expect_rc 0 "probe"
order=$(grep '^node-id:' "$work/out" | awk '{print $2}' | tr '\n' ' ')
[ "$order" = "r2 r1 " ] || fail "probe stack order '$order', expected 'r2 r1 '"
grep -q "^node-address: 10.147.3.254" "$work/out" || fail "r2 address missing"
grep -q "^node-address: 10.147.1.254" "$work/out" || fail "r1 address missing"
[ "$(grep -c "^module: $M state=ACTIVE" "$work/out")" -eq 2 ] || fail "module status missing"
pass "PROBE stack r2, r1 with addresses and module status"
signal probe --json
expect_rc 0 "probe --json"
python3 -c "import json,sys; d=json.load(open('$work/out')); assert d['outcome']=='ok' and [dict(n['headers'])['node-id'] for n in d['nodes']]==['r2','r1'], d" \
  || fail "probe --json"
pass "PROBE --json"

# 3. TRIGGER: r2 sends the wrapped PROBE back toward pub; r2 then r1 act on the way back
signal trigger probe $M
expect_rc 0 "trigger"
order=$(grep '^node-id:' "$work/out" | awk '{print $2}' | tr '\n' ' ')
[ "$order" = "r2 r1 " ] || fail "triggered stack order '$order'"
pass "TRIGGER round trip (r2, r1 on the reverse path)"

# 4. the user answers no ICMP: r2 is found last after back-off (3 s here)
before=$(counter r2 no-peer/timeout)
ns_exec user iptables -A OUTPUT -p icmp --icmp-type port-unreachable -j DROP
signal probe --timeout 40
expect_rc 0 "probe without ICMP"
[ "$(counter r2 no-peer/timeout)" -gt "$before" ] || fail "r2 did not time out to last node"
[ "$(grep -c '^node-id:' "$work/out")" -eq 2 ] || fail "probe without ICMP: 2 blocks expected"
ns_exec user iptables -F OUTPUT
pass "r2 found as last node after back-off without ICMP"

# 5. REMOVE from both
signal remove $M --user janedoe
expect_rc 0 "remove"
signal probe
expect_rc 0 "probe after remove"
! grep -q "^module: " "$work/out" || fail "module still listed after REMOVE"
pass "REMOVE removed the module from r1 and r2"
# every session so far crossed r1 -> r2 in C-mode over one messaging association
[ "$(counter r1 ma-opened)" -eq 1 ] || fail "r1 opened $(counter r1 ma-opened) MAs toward r2; expected one, reused"
[ "$(counter r2 confirms)" -ge 5 ] || fail "r2 saw too few handshakes: $(counter r2 confirms)"
pass "one C-mode MA r1 -> r2 reused by $(counter r2 confirms) sessions"

# 5b. no answer reaches pub within --timeout: exit 4
ns_exec pub iptables -A INPUT -p udp --sport 270 -j DROP
signal probe --timeout 3
expect_rc 4 "probe whose answers are all lost"
ns_exec pub iptables -F INPUT
pass "no answer within --timeout: exit 4"

# 6. malformed GIST to r2 (sent from plain, so r1 does not intercept it): counted, dropped, daemon alive
ns_exec plain python3 - <<'PY'
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for p in [b"", b"\x4e\x04", b"\x12\x34\x56\x78\x01\x01\x00\x00", b"\x4e\x04\xbd\xa5\x01\x01\x00\x09\x7f\xff\x03\x00",
          b"\x4e\x04\xbd\xa5\x02\x01\x00\x00\x7f\xff\x03\x00", b"\x4e\x04\xbd\xa5" + bytes(range(200))]:
    s.sendto(p, ("10.147.3.254", 270))
PY
sleep 1
[ "$(counter r2 rx-malformed)" -ge 6 ] || fail "malformed datagrams not counted: $(counter r2 rx-malformed)"
signal probe
expect_rc 0 "probe after malformed input"
pass "malformed GIST counted and dropped; r2 still answers"

# 7. soft state: r1 refreshes its SETUP session toward r2; when r1 stops, r2's state expires
signal setup $M --ttl 600
expect_rc 0 "setup for soft state"
sleep 5   # > 3 s validity: only refresh keeps it
[ "$(counter r2 routing-states)" -ge 1 ] || fail "r2 lost routing state although r1 refreshes"
[ "$(counter r1 refreshes)" -ge 1 ] || fail "r1 sent no refresh"
pass "routing state at r2 kept alive by r1's refreshes"
wait_r2_empty() {
  local i
  for i in $(seq 1 100); do
    [ "$(counter r2 routing-states)" -eq 0 ] && return 0
    sleep 0.2
  done
  return 1
}
signal remove $M
expect_rc 0 "remove ends the refreshed session"
[ "$(counter r1 nslp-refresh-stopped)" -ge 1 ] || fail "REMOVE did not stop r1's refresh"
wait_r2_empty || fail "r2 routing state did not expire after REMOVE stopped the refresh"
pass "REMOVE stops the refresh; the state at r2 expires"
signal setup $M --ttl 600
expect_rc 0 "setup again"
stop_node r1
wait_r2_empty || fail "r2 routing state did not expire after r1 stopped"
pass "soft state at r2 expired when refreshes stopped"

# 8. no NetServ node on the path: stop intercepting
stop_node r2; unintercept r1; unintercept r2
signal probe --timeout 20
expect_rc 3 "path without NetServ nodes"
grep -q "no NetServ node on path" "$work/err" || fail "no clear 'no NetServ node on path' message"
pass "no NetServ node on path: exit 3"
echo "all nsis path tests passed"
