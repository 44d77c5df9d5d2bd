#!/usr/bin/env bash
# A router configuration written for real Click runs unchanged: the
# two-interface IP router Click's conf/make-ip-conf.pl generates (user-level
# settings: FromDevice, Print(toh) -> Discard, handle_pings), kept in
# click-configs/examples/make-ip-conf-2if.click, in rtr between snd and rcv:
#   snd(eth0 10.60.1.1) -- (r0 10.60.1.254) rtr (r1 10.60.2.254) -- (eth0 10.60.2.1)rcv
# Checks: ping through and to the router, UDP, TCP, TTL expiry (ICMP time
# exceeded from the router), and handler reads through a ControlSocket.
. "$(dirname "$0")/lib.sh"
[ -x "$CLICK" ] || skip "build/bin/netserv-click not built (make build)"
[ "$(id -u)" -eq 0 ] || skip "router tests need root (network namespaces)"
CONF=$top/click-configs/examples/make-ip-conf-2if.click
MAC0=02:00:00:3c:01:fe MAC1=02:00:00:3c:02:fe   # the addresses the configuration names

ns_init
WORK=$(mktemp -d /tmp/nsclickconf.XXXXXX)
CTL=$WORK/click.sock
stop_router() {
  if [ -n "${RTR_PID:-}" ] && kill -0 "$RTR_PID" 2>/dev/null; then
    kill -TERM "$RTR_PID"
    for _ in $(seq 50); do kill -0 "$RTR_PID" 2>/dev/null || break; sleep 0.1; done
  fi
  RTR_PID=
}
trap 'stop_router; ns_cleanup; rm -rf "$WORK"' EXIT
ns_host snd; ns_host rtr; ns_host rcv
ns_link snd eth0 rtr r0 1800   # snd sends 1728-byte datagrams whole (FromDevice keeps frames up to its SNAPLEN, ~2000); IPFragmenter(1500) splits them for r1
ns_link rtr r1 rcv eth0
ns_exec rtr ip link set r0 address $MAC0
ns_exec rtr ip link set r1 address $MAC1
for i in r0 r1; do   # the Linux stack of rtr stays out: no addresses, no IPv6
  ns_exec rtr sysctl -qw net.ipv6.conf.$i.disable_ipv6=1
  command -v ethtool >/dev/null && ns_exec rtr ethtool -K $i gro off lro off >/dev/null 2>&1
done
ns_addr snd eth0 $SND/24; ns_addr rcv eth0 $RCV/24
ns_route snd default via $R0; ns_route rcv default via $R1
if command -v ethtool >/dev/null; then
  ns_exec snd ethtool -K eth0 tso off gso off >/dev/null 2>&1 || true
  ns_exec rcv ethtool -K eth0 tso off gso off >/dev/null 2>&1 || true
fi

ns_bg rtr RTR_PID "$CLICK" -u "$CTL" "$CONF" >"$WORK/router.log" 2>&1
for _ in $(seq 100); do [ -S "$CTL" ] && break; kill -0 "$RTR_PID" 2>/dev/null || break; sleep 0.1; done
[ -S "$CTL" ] || { echo "router did not start:"; cat "$WORK/router.log"; exit 1; }

check "ping snd -> rcv through the router" ns_exec snd ping -c 3 -i 0.2 -W 2 -q $RCV
check "ping rcv -> snd through the router" ns_exec rcv ping -c 2 -i 0.2 -W 2 -q $SND
check "ping the router's r0 address $R0 (ICMPPingResponder)" ns_exec snd ping -c 2 -i 0.2 -W 2 -q $R0
check "ping the router's far address $R1 from snd" ns_exec snd ping -c 2 -i 0.2 -W 2 -q $R1
check "ping with 1728-byte datagrams (IPFragmenter(1500) on r1)" ns_exec snd ping -c 2 -i 0.2 -W 2 -q -M dont -s 1700 $RCV

# UDP
udp_recv rcv $RCV 7777 10 "$WORK/udp" UDPRX
ns_exec snd python3 "$UDPTOOL" send $RCV 7777 20 200 200
for _ in $(seq 50); do [ "$(lines "$WORK/udp")" -ge 20 ] && break; sleep 0.1; done
check "20 UDP datagrams forwarded snd -> rcv (got $(lines "$WORK/udp"))" test "$(lines "$WORK/udp")" -ge 20
kill $UDPRX 2>/dev/null

# TCP
mkdir -p $WORK/www && head -c 200000 /dev/urandom > $WORK/www/blob
ns_bg rcv HTTPD python3 -m http.server 8080 --bind $RCV --directory $WORK/www
for _ in $(seq 150); do ns_exec rcv ss -ltn | grep -q "$RCV:8080" && break; sleep 0.1; done
ns_exec snd python3 -c "
import urllib.request; open('$WORK/blob.got','wb').write(urllib.request.urlopen('http://$RCV:8080/blob', timeout=10).read())" 2>/dev/null
check "200 kB over TCP through the router, intact" cmp -s $WORK/www/blob $WORK/blob.got
kill $HTTPD 2>/dev/null

# TTL expiry: DecIPTTL -> ICMPError(timeexceeded) from the router
out=$(ns_exec snd ping -c 1 -t 1 -W 2 $RCV 2>&1 || true)
check "TTL 1 gives ICMP time exceeded from $R0" sh -c "echo '$out' | grep -qi 'From $R0.*Time to live exceeded'"
check "ControlSocket: dt1.drops counted the expired packet" test "$(hread dt1.drops)" -ge 1

# ControlSocket reads
check "ControlSocket: rt.table lists the static route" sh -c "python3 $top/tests/router/clickctl.py $CTL read rt.table | grep -q '10.61.0.0/16'"
sndmac=$(ns_exec snd cat /sys/class/net/eth0/address | tr : -)
check "ControlSocket: arpq0.table has snd's MAC" sh -c "python3 $top/tests/router/clickctl.py $CTL read arpq0.table | grep -qi '$sndmac'"
check "ControlSocket: fr1.fragments > 0 after the big pings" test "$(hread fr1.fragments)" -gt 0
check "ControlSocket: config is the file, unchanged" sh -c "python3 $top/tests/router/clickctl.py $CTL read config | grep -q 'gio0 :: IPGWOptions(10.60.1.254)'"
check "ControlSocket: out1.highwater_length readable" sh -c "python3 $top/tests/router/clickctl.py $CTL read out1.highwater_length >/dev/null"
stop_router
finish
