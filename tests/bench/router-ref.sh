# Benchmark configuration "ref": build/bin/netserv-tpacket-fwd, the project's C
# AF_PACKET (TPACKET_V3 receive ring, sendmmsg transmit) forwarder: the ceiling
# a user-space AF_PACKET path reaches on this machine, measured in the same run
# as netserv-click. Same setup as netserv-router.sh gives the engine: no
# addresses on r0/r1, tc ingress drop (the stack never sees the frames), GRO
# off, pinned to the router CPU, SCHED_FIFO with BENCH_RT=1.
BENCH_RTR_DIR=${BENCH_RTR_DIR:-/tmp/netserv-bench-router}
router_setup() {
  local bin=$top/build/bin/netserv-tpacket-fwd ifn
  [ -x "$bin" ] || { echo "netserv-tpacket-fwd not built"; return 1; }
  router_teardown
  rm -rf "$BENCH_RTR_DIR"; mkdir -p "$BENCH_RTR_DIR"
  for ifn in r0 r1; do
    ns_exec rtr ethtool -K $ifn gro off lro off >/dev/null 2>&1 || true
    # as netserv-router.sh: tc ingress drop, or (kernels without cls_matchall) no ARP
    if ! { ns_exec rtr tc qdisc replace dev $ifn clsact && ns_exec rtr tc filter replace dev $ifn ingress pref 49152 matchall action drop; } 2>/dev/null; then
      ns_exec rtr ip link set $ifn arp off
      ns_exec rtr iptables -t raw -I PREROUTING -i $ifn -j DROP
    fi
  done
  ip netns exec "$(ns_name rtr)" taskset -c "$RTR_CPU" "$bin" r0 r1 "$(mac_of rcv eth0)" >"$BENCH_RTR_DIR/fwd.log" 2>&1 &
  echo $! > "$BENCH_RTR_DIR/router.pid"
  sleep 0.3
  kill -0 "$(cat "$BENCH_RTR_DIR/router.pid")" 2>/dev/null || { echo "tpacket-fwd did not start: $(tail -1 "$BENCH_RTR_DIR/fwd.log")"; return 1; }
  [ "${BENCH_RT:-0}" = 1 ] && { chrt -f -p 50 "$(cat "$BENCH_RTR_DIR/router.pid")" || true; }
  return 0
}
router_teardown() {
  local pid
  [ -f "$BENCH_RTR_DIR/router.pid" ] || return 0
  pid=$(cat "$BENCH_RTR_DIR/router.pid"); kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$BENCH_RTR_DIR/router.pid"
}
