# Benchmark configuration 6: configuration 4 with the KeepAlive module (apps/keepalive)
# examining SIP NOTIFY keep-alives; answering disabled, as in the paper's measurement,
# so the packets are forwarded to the receiver.
. "$top/tests/bench/router-4.sh"
router_setup() {
  local jar
  jar=$(ls "$top"/apps/keepalive/target/netserv-app-keepalive-*.jar 2>/dev/null | grep -v -- -sources | head -1)
  [ -n "$jar" ] || { echo "KeepAlive bundle not built (apps/keepalive)"; return 1; }
  [ -x "$top/build/bin/netserv-click" ] || { echo "netserv-click not built"; return 1; }
  rtr_start_engine NS0=udp "PASS0=dst net 10.77.0.0/16" || return 1
  local id
  id=$(unzip -p "$jar" META-INF/MANIFEST.MF | awk -F': ' '/^Bundle-SymbolicName/{n=$2} /^Bundle-Version/{v=$2} END{gsub(/\r|;.*/,"",n); gsub(/\r/,"",v); print n "_" v}')
  rtr_start_container "$jar" "$id" "sip_port=5060,answer=false"
}
