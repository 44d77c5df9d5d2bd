#!/usr/bin/env bash
# The router forwards: ping, UDP and TCP (curl) from snd to rcv through
# netserv-click; ARP both ways; TTL 1 gives ICMP time exceeded from the router;
# the router's own (tap) addresses answer ping and a TCP socket.
. "$(dirname "$0")/lib.sh"
rt_require
command -v curl >/dev/null || skip "curl not installed"
rt_topology
rt_start

check "ping snd -> rcv through the engine" ns_exec snd ping -c 3 -i 0.2 -W 2 -q $RCV
check "ping rcv -> snd through the engine" ns_exec rcv ping -c 2 -i 0.2 -W 2 -q $SND

# ARP both ways: snd learned the router's r0 MAC from ARPResponder, the
# router's ARPQuerier learned snd's MAC
r0mac=$(ns_exec rtr cat /sys/class/net/r0/address)
check "snd resolved the router ($R0) to r0's MAC $r0mac" sh -c "ip netns exec $(ns_name snd) ip neigh show $R0 | grep -qi '$r0mac'"
sndmac=$(ns_exec snd cat /sys/class/net/eth0/address | tr : -)
check "the router's ARPQuerier learned snd's MAC" sh -c "python3 $top/tests/router/clickctl.py $CTL read arpq0.table | grep -qi '$sndmac'"

# UDP
ns_bg rcv UDPRX python3 -c "
import socket,sys
s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); s.bind(('$RCV',7777)); s.settimeout(5)
n=0
try:
    while n<20:
        d,a=s.recvfrom(2000)
        if d.startswith(b'netserv-udp') and a[0]=='$SND': n+=1
except socket.timeout: pass
open('$WORK/udp.count','w').write(str(n))"
for _ in $(seq 150); do ns_exec rcv ss -lun | grep -q "$RCV:7777" && break; sleep 0.1; done
ns_exec snd python3 -c "
import socket,time
s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)
for i in range(20): s.sendto(b'netserv-udp %d'%i+b'x'*200,('$RCV',7777)); time.sleep(0.01)"
wait $UDPRX
check "20 UDP datagrams forwarded snd -> rcv" test "$(cat $WORK/udp.count 2>/dev/null)" = 20

# TCP: curl from snd to an HTTP server in rcv
mkdir -p $WORK/www && head -c 200000 /dev/urandom > $WORK/www/blob
ns_bg rcv HTTPD python3 -m http.server 8080 --bind $RCV --directory $WORK/www
for _ in $(seq 150); do ns_exec rcv ss -ltn | grep -q "$RCV:8080" && break; sleep 0.1; done
ns_exec snd curl -s -m 10 -o $WORK/blob.got http://$RCV:8080/blob
check "curl fetched 200 kB over TCP through the engine, intact" cmp -s $WORK/www/blob $WORK/blob.got
kill $HTTPD 2>/dev/null

# TTL 1: time exceeded from the router's r0 address
out=$(ns_exec snd ping -c 1 -t 1 -W 2 $RCV 2>&1 || true)
check "TTL=1 gives ICMP time exceeded from $R0" sh -c "echo '$out' | grep -qi 'From $R0.*Time to live exceeded'"

# the router's own addresses (on the tap) answer
check "ping the router's tap address $R0 from snd" ns_exec snd ping -c 2 -i 0.2 -W 2 -q $R0
check "ping the router's far address $R1 from snd" ns_exec snd ping -c 2 -i 0.2 -W 2 -q $R1
ns_bg rtr TAPSRV python3 -c "
import socket
s=socket.socket(); s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1); s.bind(('$R0',9090)); s.listen(1); s.settimeout(10)
c,a=s.accept(); c.sendall(b'router-here '+a[0].encode()); c.close()"
for _ in $(seq 150); do ns_exec rtr ss -ltn | grep -q "$R0:9090" && break; sleep 0.1; done
got=$(ns_exec snd python3 -c "
import socket; s=socket.create_connection(('$R0',9090),timeout=5); print(s.recv(100).decode())" 2>&1)
check "a TCP socket on the router's tap address answers snd (got '$got')" test "$got" = "router-here $SND"
wait $TAPSRV 2>/dev/null

check "the engine counted frames on r0" test "$(hread fd0.count)" -gt 0
rt_stop
finish
