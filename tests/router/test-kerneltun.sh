#!/usr/bin/env bash
# KernelTun: IP packets between the Linux stack and the graph. In a namespace,
# a tun device 10.60.9.1/24 feeds ICMPPingResponder, whose replies go back into
# the tun: pinging 10.60.9.2 from the namespace's stack must get answers, and
# non-ICMP packets the stack sends arrive with the IP header annotation (the
# IPClassifier sees them).
. "$(dirname "$0")/lib.sh"
rt_require
ns_init
W=$(mktemp -d /tmp/nsrouter-tun.XXXXXX)
trap 'kill $TP 2>/dev/null; ns_cleanup; rm -rf "$W"' EXIT
ns_host h
cat > "$W/tun.click" <<'CLICK'
tun :: KernelTun(10.60.9.1/24, DEVNAME nstun0);
c :: IPClassifier(icmp type echo, udp dst port 9999, -);
tun -> c;
c[0] -> pongs :: Counter -> ICMPPingResponder -> tun;
c[1] -> udp :: Counter -> Discard;
c[2] -> Discard;
CLICK
ns_bg h TP "$CLICK" -u "$W/c.sock" "$W/tun.click"
for _ in $(seq 100); do ns_exec h ip link show nstun0 >/dev/null 2>&1 && [ -S "$W/c.sock" ] && break; sleep 0.1; done
CTL=$W/c.sock
check "KernelTun created nstun0 with 10.60.9.1/24" sh -c "ip netns exec $(ns_name h) ip -4 addr show dev nstun0 | grep -q 10.60.9.1/24"
check "ping through the tun is answered by the graph" ns_exec h ping -c 3 -i 0.2 -W 2 -q 10.60.9.2
check "the graph answered 3 echo requests" test "$(hread pongs.count)" -ge 3
ns_exec h python3 -c "
import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(5): s.sendto(b'x'*50, ('10.60.9.2', 9999))"
sleep 0.3
check "UDP from the stack reached the IPClassifier (5)" test "$(hread udp.count)" = 5
check "tun.count counts what the stack sent" test "$(hread tun.count)" -ge 8
kill $TP; wait $TP 2>/dev/null
check "the tun disappears with the router" sh -c "! ip netns exec $(ns_name h) ip link show nstun0 2>/dev/null"
finish
