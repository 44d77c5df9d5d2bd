#!/usr/bin/env bash
# Packets from containers carry only their slot's addresses (issue #14 item 4;
# DESIGN.md 3.7). Slot 0 is a tenant owning 10.60.2.0/24 (rcv's network, which
# also holds the router's address R1) with its module server at 10.60.9.1; slot 1
# is another tenant owning 10.60.7.0/24. On slot 0's packet channel (toclick0,
# the socket its container writes) we inject UDP with the router's sources, the
# other tenant's, a random one, and one addressed to the router itself from a
# foreign source: none may leave the router, each is counted by forged0.count.
# The slot's own traffic (its prefix, its server address, a diverted packet
# passed on toward its prefix) and slot 1's own traffic still get through, and
# so does ordinary forwarding.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rt_require
rt_topology
INJ="python3 $SEC/inject.py"
rt_start "SRC0=src net 10.60.2.0/24 or src host 10.60.9.1" "PASS0=dst net 10.60.2.0/24" \
         "SRC1=src net 10.60.7.0/24" "PASS1=dst net 10.60.7.0/24"
# receivers: the end user's host and the tenant's own network
: >"$WORK/snd.ready"; : >"$WORK/rcv.ready"; : >"$WORK/rtr.ready"
ns_bg snd SPID $INJ recv $SND 7000 10 "$WORK/snd.log" >"$WORK/snd.ready"
ns_bg rcv RPID $INJ recv $RCV 7002 10 "$WORK/rcv.log" >"$WORK/rcv.ready"
ns_bg rtr TPID $INJ recv $R1 7003 10 "$WORK/rtr.log" >"$WORK/rtr.ready"   # a service of the router's own
for _ in $(seq 100); do grep -q ready "$WORK/snd.ready" && grep -q ready "$WORK/rcv.ready" && grep -q ready "$WORK/rtr.ready" && break; sleep 0.1; done

ns_exec rtr $INJ send "$DEVDIR" 0 \
  "$R0:$SND:7000:forged-router0" "$R1:$SND:7000:forged-router1" \
  "10.60.7.5:$SND:7000:forged-tenant1" "198.51.100.7:$SND:7000:forged-random" \
  "198.51.100.7:$R1:7003:forged-to-router" "10.60.2.1:$R1:7003:own-to-router" "$R0:$RCV:7002:forged-router-pass" \
  "10.60.2.1:$SND:7000:own-prefix" "10.60.9.1:$SND:7000:own-server" "$SND:$RCV:7002:pass-on"
ns_exec rtr $INJ send "$DEVDIR" 1 "10.60.7.5:$SND:7000:tenant1-own" "$R1:$SND:7000:tenant1-forged-router"
sleep 1

S="packet channel toclickK"
has() { grep -q " $2\$" "$WORK/$1.log"; }
attack "$S" "slot 0 injects with the router's address $R0 as source" "dropped, counted" not has snd forged-router0
attack "$S" "slot 0 injects with the router's address $R1 (inside its own prefix) as source" "dropped, counted" not has snd forged-router1
attack "$S" "slot 0 injects with another tenant's source 10.60.7.5" "dropped, counted" not has snd forged-tenant1
attack "$S" "slot 0 injects with a random source 198.51.100.7" "dropped, counted" not has snd forged-random
attack "$S" "slot 0 sends to a service of the router itself ($R1, inside its prefix) with a random source" "dropped, counted" \
  not has rtr forged-to-router
attack "$S" "slot 0 passes on toward its prefix with the router's source" "dropped, counted" not has rcv forged-router-pass
attack "$S" "slot 1 injects with the router's source" "dropped, counted in forged1" not has snd tenant1-forged-router
c0=$(hread forged0.count); c1=$(hread forged1.count)
check "forged0.count is 6 (got $c0)" [ "$c0" = 6 ]
check "forged1.count is 1 (got $c1)" [ "$c1" = 1 ]
check "slot 0's own prefix source leaves" has snd own-prefix
check "slot 0's server address source leaves" has snd own-server
check "slot 0 reaches the router's service from its own prefix" has rtr own-to-router
check "a diverted packet passed on toward slot 0's prefix arrives" has rcv pass-on
check "slot 1's own traffic is unaffected" has snd tenant1-own
check "the end user's host got exactly the 3 legitimate packets" [ "$(lines "$WORK/snd.log")" = 3 ]

# bad input: a pattern the classifier cannot parse leaves the old one in place
check "a bad src0.config is refused" not hwrite src0.config "src net nonsense, -, -"
check "...and the old filter stays" sh -c "$(printf '%q ' python3 "$top/tests/router/clickctl.py" "$CTL" read src0.config) | grep -q 10.60.9.1"
# forwarding meanwhile
udp_recv rcv $RCV 5000 6 "$WORK/fwd.log" FPID || bad "receiver"
ns_exec snd python3 "$UDPTOOL" send $RCV 5000 20 100
for _ in $(seq 30); do [ "$(lines "$WORK/fwd.log")" -ge 18 ] && break; sleep 0.2; done
attack "forwarding" "forwarding while a slot injects forged packets (20 UDP snd -> rcv)" ">= 18 delivered" \
  [ "$(lines "$WORK/fwd.log")" -ge 18 ]
wait $SPID $RPID $TPID 2>/dev/null
finish
