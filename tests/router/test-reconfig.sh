#!/usr/bin/env bash
# Live reconfiguration of the container classifier under a steady packet stream:
# ns.config is rewritten through ControlSocket (slot 0 -> slot 1) and then through
# the /click filesystem (slot 1 -> slot 0) while 2500 numbered UDP packets flow.
# Every packet must arrive exactly once, and each must be seen by exactly one
# slot, in three runs: slot 0, then slot 1, then slot 0 (never interleaved).
. "$(dirname "$0")/lib.sh"
rt_require
use_fs=1
if ! "$CLICK" --help | grep -q -- --clickfs; then use_fs=0; fi
if [ $use_fs = 1 ] && [ ! -c /dev/fuse ]; then echo "note: /dev/fuse missing: the /click part of this test is skipped"; use_fs=0; fi
rt_topology
mnt=$WORK/click
if [ $use_fs = 1 ]; then mkdir -p "$mnt"; rt_start --clickfs "$mnt" NS0="udp dst port 6000"
else rt_start NS0="udp dst port 6000"; fi

peer_start 0 echo "$WORK/s0.log" P0
peer_start 1 echo "$WORK/s1.log" P1
N=2500 PPS=500
udp_recv rcv $RCV 6000 $(( N / PPS + 6 )) "$WORK/rcv.log" RX
ns_bg snd TX python3 "$UDPTOOL" send $RCV 6000 $N $PPS 100
# switch on progress, not on time: after slot 0 has seen 300 packets ...
for _ in $(seq 200); do [ "$(lines $WORK/s0.log)" -ge 300 ] && break; sleep 0.05; done
check "ns.config rewritten through ControlSocket (slot 0 -> slot 1)" hwrite ns.config "false, udp dst port 6000, false, false, -"
# ... and back after slot 1 has seen 300
for _ in $(seq 200); do [ "$(lines $WORK/s1.log)" -ge 300 ] && break; sleep 0.05; done
if [ $use_fs = 1 ]; then
  check "ns.config rewritten through /click/ns/config (slot 1 -> slot 0)" \
    fs_write $mnt/ns/config 'udp dst port 6000, false, false, false, -'
else
  hwrite ns.config "udp dst port 6000, false, false, false, -"
fi
wait $TX
wait $RX
sleep 0.5
kill $P0 $P1; wait $P0 $P1 2>/dev/null

check "all $N packets arrived at rcv exactly once" test "$(awk '{print $1}' $WORK/rcv.log | sort -n | uniq | wc -l)-$(lines $WORK/rcv.log)" = "$N-$N"
# which slot saw each sequence number, in sequence order
awk '{print $4, 0}' $WORK/s0.log > $WORK/seen; awk '{print $4, 1}' $WORK/s1.log >> $WORK/seen
check "every packet was seen by exactly one slot" test "$(awk '{print $1}' $WORK/seen | sort -n | uniq | wc -l)-$(lines $WORK/seen)" = "$N-$N"
runs=$(sort -n $WORK/seen | awk '{print $2}' | uniq | tr -d '\n')
check "slots in sequence order are runs 0,1,0 (got '$runs')" test "$runs" = 010
check "ns.config reads back the last rule" sh -c "python3 $top/tests/router/clickctl.py $CTL read ns.config | grep -q 'udp dst port 6000, false'"
if [ $use_fs = 1 ]; then
  # bad pattern: rejected with an errno, the old program stays, /click/errors explains
  if fs_write $mnt/ns/config 'udp dst port banana, false, false, false, -'; then bad "a bad pattern was accepted"
  else check "a bad pattern is rejected with EINVAL" grep -q "Errno 22" "$WORK/fs_write.err"; fi
  check "/click/errors says why" sh -c "nsenter -t $RTR_PID -m cat $mnt/errors | grep -q banana"
  check "the old program stays" sh -c "nsenter -t $RTR_PID -m cat $mnt/ns/config | grep -q 'udp dst port 6000'"
fi
rt_stop
finish
