# Benchmark configuration 2p: netserv-click running click-configs/plain-router.click
# (no NetServ). Sourced by mlffr.sh, which calls router_setup / router_teardown
# State goes through files (pid files in $BENCH_RTR_DIR), and every process
# started here lives in the router's namespace, which mlffr.sh removes after
# each point, so nothing outlives a point even if router_teardown is not called.
# Safe under `set -e`.
BENCH_RTR_DIR=${BENCH_RTR_DIR:-/tmp/netserv-bench-router}
rtr_start_engine() {   # extra netserv-router.sh arguments
  local addrs
  router_teardown   # what a previous point left (mlffr.sh calls router_setup in a subshell)
  rm -rf "$BENCH_RTR_DIR"; mkdir -p "$BENCH_RTR_DIR"
  local pin=(--cpu "$RTR_CPU"); [ "${BENCH_PIN:-1}" = 0 ] && pin=()
  ip netns exec "$(ns_name rtr)" "$top/click-configs/netserv-router.sh" "${pin[@]}" \
    --devdir "$BENCH_RTR_DIR/dev" -u "$BENCH_RTR_DIR/click.sock" \
    IF0=r0 IP0=10.77.1.254/24 IF1=r1 IP1=10.77.2.254/24 "$@" >"$BENCH_RTR_DIR/router.log" 2>&1 &
  echo $! > "$BENCH_RTR_DIR/router.pid"
  for _ in $(seq 100); do
    addrs=$(ip netns exec "$(ns_name rtr)" ip -4 addr show dev nstap0 2>/dev/null || true)
    if [ -S "$BENCH_RTR_DIR/click.sock" ] && [[ $addrs == *10.77.2.254* ]]; then rtr_priority; return 0; fi
    kill -0 "$(cat "$BENCH_RTR_DIR/router.pid")" 2>/dev/null || break
    sleep 0.1
  done
  echo "netserv-click did not start: $(tail -1 "$BENCH_RTR_DIR/router.log")"; return 1
}
# BENCH_RT=1: the engine runs SCHED_FIFO, as the kernel's softirq path it is
# compared with effectively does (on a shared machine a SCHED_OTHER engine waits
# on the run queue longer than its receive ring lasts; see dataplane/PERFORMANCE.md).
rtr_priority() {
  local pid
  [ "${BENCH_RT:-0}" = 1 ] || return 0
  for pid in $(pgrep -P "$(cat "$BENCH_RTR_DIR/router.pid")" -x netserv-click); do chrt -a -f -p 50 "$pid" || true; done
}
router_setup() {
  [ -x "$top/build/bin/netserv-click" ] || { echo "netserv-click not built"; return 1; }
  rtr_start_engine --plain
}
router_teardown() {
  local f pid
  for f in "$BENCH_RTR_DIR"/*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f"); kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$f"
  done
}
