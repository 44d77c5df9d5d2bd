#!/usr/bin/env bash
# hotconfig: replacing the whole graph while packets flow. The new graph takes
# over the interfaces' receive rings, the tap (the router's addresses and
# sockets stay), the channel sockets with their connected peer and queued
# packets, and the /click mount. A bad configuration is refused and the old
# graph keeps running. Written through ControlSocket, then through /click.
. "$(dirname "$0")/lib.sh"
rt_require
[ -c /dev/fuse ] || skip "/dev/fuse missing: cannot mount /click (load the fuse module)"
rt_topology
mnt=$WORK/click
rt_start --clickfs "$mnt" NS0="udp dst port 6000"
peer_start 0 modify "$WORK/s0.log" P0

# 1. same graph, new text, through ControlSocket, under a 1000-packet stream
N=1000 PPS=250
udp_recv rcv $RCV 6000 $(( N / PPS + 6 )) "$WORK/rcv.log" RX
ns_bg snd TX python3 "$UDPTOOL" send $RCV 6000 $N $PPS 100
sleep 1.5
check "hotconfig through ControlSocket accepted" hwrite hotconfig "$(cat $top/click-configs/netserv-router.click)"
sleep 0.5
check "the new graph runs (ns.config from the command-line define)" sh -c "python3 $top/tests/router/clickctl.py $CTL read ns.config | grep -q 'udp dst port 6000'"
wait $TX; wait $RX
got=$(lines $WORK/rcv.log); mod=$(awk '$2==46 && $3=="MODIFIE"' $WORK/rcv.log | wc -l)
check "all $N packets arrived across the swap (got $got)" test "$got" = $N
check "...every one through the slot-0 peer (modified: $mod)" test "$mod" = $N
check "the peer kept its connection (one connection in total)" test "$(hread to0.connections)" = 1
check "the channel counters were carried over ($N sent to the peer)" test "$(hread to0.count)" = $N
check "the tap survived: ping the router's address" ns_exec snd ping -c 2 -i 0.2 -W 2 -q $R0
check "the tap keeps its second address" sh -c "ip netns exec $(ns_name rtr) ip -4 addr show dev nstap0 | grep -q $R1"

# 2. a bad configuration is refused; the running graph stays
if hwrite hotconfig "fd0 :: FromDevice(r0); fd0 -> NoSuchElement;" 2>$WORK/bad.err; then bad "a bad hotconfig was accepted"
else ok "a bad hotconfig is refused ($(tail -1 $WORK/bad.err))"; fi
if fs_write $mnt/hotconfig "x :: Counter(; "; then bad "a bad hotconfig through /click was accepted"; else ok "a bad hotconfig through /click is refused with an errno"; fi
check "the old graph still forwards (ping)" ns_exec snd ping -c 2 -i 0.2 -W 2 -q $RCV

# 3. through /click: switch to the plain router (no channels)
check "hotconfig through /click/hotconfig accepted" fs_write $mnt/hotconfig "$(cat $top/click-configs/plain-router.click)"
sleep 0.5
check "/click now shows the plain graph (no ns element)" sh -c "! nsenter -t $RTR_PID -m test -e $mnt/ns"
udp_recv rcv $RCV 6000 4 "$WORK/rcv2.log" RX2
ns_exec snd python3 "$UDPTOOL" send $RCV 6000 20 100
wait $RX2
check "the plain graph forwards unmodified (20/20)" test "$(awk '$2==0 && $3=="netserv"' $WORK/rcv2.log | wc -l)" = 20
check "the fromclick0 channel is gone with its element" test ! -S "$DEVDIR/fromclick0"
kill $P0 2>/dev/null; wait $P0 2>/dev/null
rt_stop
finish
