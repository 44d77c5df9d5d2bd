#!/usr/bin/env bash
# Channels in the router graph: GIST Q-mode (UDP 270) through the router goes
# to fromclickS and is not forwarded, while port-270 traffic to or from the
# router itself is not diverted; a peer on fromclick0/toclick0 modifies packets
# and they arrive modified; killing and restarting the peer does not stop
# forwarding, and the restarted peer gets its packets again.
. "$(dirname "$0")/lib.sh"
rt_require
rt_topology
rt_start

# --- GIST diversion -----------------------------------------------------------
peer_start S record "$WORK/S.log" PS
udp_recv rcv $RCV 270 6 "$WORK/rcv270.log" RX1
ns_exec snd python3 "$UDPTOOL" send $RCV 270 5 50
for _ in $(seq 50); do [ "$(lines $WORK/S.log)" -ge 5 ] && break; sleep 0.1; done
check "5 GIST-port packets addressed to rcv reached fromclickS" test "$(lines $WORK/S.log)" = 5
check "...as UDP to port 270" test "$(awk '$2==17 && $3==270' $WORK/S.log | wc -l)" = 5
wait $RX1
check "...and none was forwarded to rcv" test "$(lines $WORK/rcv270.log)" = 0

udp_recv rtr $R1 270 4 "$WORK/rtr270.log" RX2
ns_exec snd python3 "$UDPTOOL" send $R1 270 3 50
wait $RX2
check "port 270 addressed to the router reaches its stack (3/3)" test "$(lines $WORK/rtr270.log)" = 3
udp_recv rcv $RCV 270 4 "$WORK/rcv270b.log" RX3
ns_exec rtr python3 "$UDPTOOL" send $RCV 270 3 50
wait $RX3
check "port 270 sent by the router's own stack is forwarded, not diverted (3/3)" test "$(lines $WORK/rcv270b.log)" = 3
check "fromclickS still has only the 5 transit packets" test "$(lines $WORK/S.log)" = 5
kill $PS; wait $PS 2>/dev/null

# --- slot 0 modifies packets ---------------------------------------------------
check "ns.config written through ControlSocket" hwrite ns.config "udp dst port 6000, false, false, false, -"
peer_start 0 modify "$WORK/slot0.log" P0
udp_recv rcv $RCV 6000 5 "$WORK/rcv6000.log" RX4
ns_exec snd python3 "$UDPTOOL" send $RCV 6000 20 100
wait $RX4
check "20 packets through slot 0 arrived at rcv" test "$(lines $WORK/rcv6000.log)" = 20
check "...all modified by the peer (TOS 0x2e, payload rewritten)" test "$(awk '$2==46 && $3=="MODIFIE"' $WORK/rcv6000.log | wc -l)" = 20
check "the peer saw exactly those 20" test "$(lines $WORK/slot0.log)" = 20
udp_recv rcv $RCV 6001 4 "$WORK/rcv6001.log" RX5
ns_exec snd python3 "$UDPTOOL" send $RCV 6001 10 100
wait $RX5
check "port 6001 (no slot) forwarded unmodified (10/10)" test "$(awk '$2==0 && $3=="netserv"' $WORK/rcv6001.log | wc -l)" = 10

# --- the reader dies and comes back ------------------------------------------
kill $P0; wait $P0 2>/dev/null
for _ in $(seq 50); do [ "$(hread to0.connected)" = false ] && break; sleep 0.1; done
check "the engine noticed the reader left" test "$(hread to0.connected)" = false
check "forwarding continues without the reader (ping)" ns_exec snd ping -c 3 -i 0.2 -W 2 -q $RCV
udp_recv rcv $RCV 6000 6 "$WORK/rcv6000b.log" RX6
ns_exec snd python3 "$UDPTOOL" send $RCV 6000 5 100 100 0
peer_start 0 modify "$WORK/slot0b.log" P0
ns_exec snd python3 "$UDPTOOL" send $RCV 6000 10 100 100 100
wait $RX6
check "after the reader restarted, its packets arrive modified again (10/10)" \
  test "$(awk '$1>=100 && $2==46 && $3=="MODIFIE"' $WORK/rcv6000b.log | wc -l)" = 10
check "the channel counts 2 connections" test "$(hread to0.connections)" = 2
kill $P0; wait $P0 2>/dev/null
rt_stop
finish
