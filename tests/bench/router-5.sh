# Benchmark configuration 5: configuration 4 with the NetMonitor module
# (apps/netmonitor; counts per (src, dst, TTL), reports to 127.0.0.1:5678 every 500 ms).
. "$top/tests/bench/router-4.sh"
router_setup() {
  local jar
  jar=$(ls "$top"/apps/netmonitor/target/netserv-app-netmonitor-*.jar 2>/dev/null | grep -v -- -sources | head -1)
  [ -n "$jar" ] || { echo "NetMonitor bundle not built (apps/netmonitor)"; return 1; }
  [ -x "$top/build/bin/netserv-click" ] || { echo "netserv-click not built"; return 1; }
  rtr_start_engine NS0=udp "PASS0=dst net 10.77.0.0/16" || return 1
  rtr_start_container "$jar" NetServ.apps.NetMonitor_1.0.0 "visualizer_ip=127.0.0.1,visualizer_port=5678,node_id=bench"
}
