# Benchmark configuration 3: netserv-click with click-configs/netserv-router.click,
# all UDP classified to container slot 0 and served by build/bin/netserv-chan-echo
# (the C echo process: the container path with its Java layer removed).
. "$top/tests/bench/router-2p.sh"
router_setup() {
  [ -x "$top/build/bin/netserv-click" ] || { echo "netserv-click not built"; return 1; }
  [ -x "$top/build/bin/netserv-chan-echo" ] || { echo "netserv-chan-echo not built"; return 1; }
  rtr_start_engine NS0=udp || return 1
  # inside the router's namespace, so the namespace cleanup ends it in any case
  ip netns exec "$(ns_name rtr)" taskset -c "$RTR_CPU" "$top/build/bin/netserv-chan-echo" -d "$BENCH_RTR_DIR/dev" -n 0 \
    >"$BENCH_RTR_DIR/echo.log" 2>&1 &
  echo $! > "$BENCH_RTR_DIR/echo.pid"
  [ "${BENCH_RT:-0}" = 1 ] && { chrt -f -p 50 "$(cat "$BENCH_RTR_DIR/echo.pid")" || true; }
  for _ in $(seq 50); do
    [ "$(python3 "$top/tests/router/clickctl.py" "$BENCH_RTR_DIR/click.sock" read to0.connected 2>/dev/null)" = true ] && return 0
    sleep 0.1
  done
  echo "netserv-chan-echo did not connect: $(tail -1 "$BENCH_RTR_DIR/echo.log")"; return 1
}
