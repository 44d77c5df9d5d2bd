#!/usr/bin/env bash
# Prometheus metrics of every daemon (issue 19, item 1), with the real parts:
#   netserv-click (a RatedSource of UDP packets into the NetServ classifier `ns`, slot 40 a
#   ToUserDevice), netserv-click-exporter on its ControlSocket, the controller with one
#   supervised netserv-container (its STATUS relayed into the controller's /metrics), and
#   netserv-nsisd in a network namespace `node`, signaled from `pub` with netserv-signal.
# A second engine on the node namespace's eth0 (FromDevice/ToDevice) shows the device counters.
# Each endpoint is scraped, linted with `promtool check metrics`, and scraped again after
# traffic (a SETUP, packets, a PROBE through GIST): the counters must have grown.
set -u
. "$(dirname "$0")/../controller/lib.sh"
need_parts
command -v promtool >/dev/null || skip "promtool missing (Debian package prometheus)"
[ -x "$top/nsis/bin/netserv-nsisd" ] && ls "$top"/nsis/core/target/netserv-nsis-*-all.jar >/dev/null 2>&1 || skip "nsis jar not built"

T=$(mktemp -d /tmp/nsv-metrics.XXXXXX); chmod 755 "$T"
CPID= CLICKPID= HTTPPID= EXPID=
. "$top/tests/netns/netns.sh"
ns_init
cleanup() {
  ns_cleanup
  [ -n "$EXPID" ] && kill "$EXPID" 2>/dev/null
  [ -n "$CPID" ] && kill "$CPID" 2>/dev/null && wait "$CPID" 2>/dev/null
  [ -n "$CLICKPID" ] && kill "$CLICKPID" 2>/dev/null
  [ -n "$HTTPPID" ] && kill "$HTTPPID" 2>/dev/null
  for p in "$T"/state/containers/*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null; done
  sleep 0.5
  [ -n "${KEEP:-}" ] && echo "kept $T" || rm -rf "$T"
}
trap cleanup EXIT
mkdir -p "$T/dev" "$T/run" "$T/www" "$T/keys"

# lint DESCRIPTION FILE: promtool must find no problem at all
lint() {
  local out
  out=$(promtool check metrics < "$2" 2>&1) || fail "promtool check metrics ($1): $out"
  [ -z "$out" ] || fail "promtool check metrics ($1) reported: $out"
  ok "promtool check metrics: $1 clean ($(grep -c '^[a-z]' "$2") samples)"
}
# value FILE 'NAME{LABELS}': the sample's value (labels as printed, exact), empty if absent
value() { awk -v k="$2" 'index($0, k" ") == 1 {print $2; exit}' "$1"; }
grew() {  # DESCRIPTION BEFORE AFTER
  python3 -c "import sys; b=float(sys.argv[1] or 0); a=float(sys.argv[2] or 'nan'); sys.exit(0 if a > b else 1)" "$2" "$3" \
    || fail "$1 did not grow: before '$2', after '$3'"
  ok "$1 grew: $2 -> $3"
}

# --- forwarding plane and its exporter --------------------------------------------
SLOTS=42
pat=""; for i in $(seq 1 $SLOTS); do pat="${pat}false, "; done
{
  echo "src :: RatedSource(DATA \"\\<4500001c 00000000 40110000 0a3c0001 0a3d0105 04d213c4 00080000>\", RATE 200, LIMIT -1)"
  echo "  -> MarkIPHeader -> ns :: IPClassifier(${pat}-);"
  for i in $(seq 0 39); do echo "ns[$i] -> Discard;"; done
  echo "ns[40] -> to40 :: ToUserDevice(40, DEVDIR $T/dev); ns[41] -> to41 :: ToUserDevice(41, DEVDIR $T/dev);"
  echo "ns[42] -> fwd :: Counter -> Discard;"
  echo "from40 :: FromUserDevice(40, DEVDIR $T/dev) -> back :: Counter -> Discard; FromUserDevice(41, DEVDIR $T/dev) -> Discard;"
  echo "ControlSocket(UNIX, $T/click.sock);"
} > "$T/router.click"
"$CLICK" -f "$T/router.click" > "$T/click.log" 2>&1 & CLICKPID=$!
wait_for 10 test -S "$T/click.sock" || { cat "$T/click.log"; fail "netserv-click did not start"; }
EXPORT_PORT=$(free_port)
"$top/controller/bin/netserv-click-exporter" --control "unix:$T/click.sock" --listen "127.0.0.1:$EXPORT_PORT" > "$T/exporter.log" 2>&1 & EXPID=$!
scrape_click() { curl -sf "http://127.0.0.1:$EXPORT_PORT/metrics" > "$1"; }
wait_for 20 scrape_click "$T/click.1" || { cat "$T/exporter.log"; fail "netserv-click-exporter did not answer"; }
lint "netserv-click-exporter" "$T/click.1"
grep -q '^netserv_click_up 1' "$T/click.1" || fail "netserv_click_up is not 1"
sleep 1; scrape_click "$T/click.2"
K='netserv_click_classifier_hits_total{element="ns",output="42"}'
grew "$K (forwarded packets)" "$(value "$T/click.1" "$K")" "$(value "$T/click.2" "$K")"

# --- controller with one container ----------------------------------------------
ctl keygen "$T/keys/janedoe" >/dev/null || fail keygen
cp "$top"/container/test-bundles/target/netserv-container-test-bundles-*-counter.jar "$T/www/counter.jar" 2>/dev/null \
  || skip "container test bundles not built (container/test-bundles)"
WWW_PORT=$(free_port)
python3 -m http.server "$WWW_PORT" --bind 127.0.0.1 --directory "$T/www" > "$T/www.log" 2>&1 & HTTPPID=$!
wait_for 10 curl -sf -o /dev/null "http://127.0.0.1:$WWW_PORT/counter.jar" || fail "http server"
COUNTER=$(sha256sum "$T/www/counter.jar" | cut -d' ' -f1)
cat > "$T/policy.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<policy xmlns="urn:netserv:policy:1">
  <node id="metrics-r1"><address>10.60.0.1</address><building-blocks>packet-dispatcher</building-blocks></node>
  <replay window-seconds="120" nonce-cache="1000"/>
  <download connect-timeout-ms="2000" timeout-ms="10000" max-redirects="2"/>
  <slot number="40">
    <user>janedoe</user><key file="keys/janedoe.pub"/><uid>10040</uid><gid>10040</gid>
    <ports>5060</ports><prefix>10.61.0.0/16</prefix>
    <sandbox>$T/sandbox/40</sandbox>
    <limits memory-mb="256" max-modules="3" max-module-bytes="200000"/>
    <building-blocks>packet-dispatcher</building-blocks>
  </slot>
</policy>
XML
HTTP_PORT=$(free_port)
write_controller_conf
java -jar "$JAR" --config "$T/controller.conf" >> "$T/controller.log" 2>&1 & CPID=$!
wait_for 60 containers_up 1 || { tail -30 "$T/controller.log"; fail "controller/container did not come up"; }
scrape_ctl() { curl -sf "http://127.0.0.1:$HTTP_PORT/metrics" > "$1"; }
scrape_ctl "$T/ctl.1" || fail "GET /metrics of the controller"
lint "controller before SETUP" "$T/ctl.1"
grep -q '^netserv_container_up{publisher="janedoe",slot="40"} 1' "$T/ctl.1" || fail "container 40 not up in /metrics"
if grep -q '^netserv_container_cgroup_readable{publisher="janedoe",slot="40"} 1' "$T/ctl.1"; then
  ok "container cgroup read: memory $(value "$T/ctl.1" 'netserv_container_memory_bytes{publisher="janedoe",slot="40"}') bytes, pids $(value "$T/ctl.1" 'netserv_container_pids{publisher="janedoe",slot="40"}')"
else
  echo "note: container cgroup not readable here: $(grep 'cgroup not readable' "$T/controller.log" | tail -1)"
fi
r=$(printf 'SETUP NetServ.test.counter_1.0.0 NETSERV/0.1\nuser: janedoe\nttl: 600\nurl: http://127.0.0.1:%s/counter.jar\nmodule-digest: sha-256=%s\nfilter-proto: udp\nfilter-port: 5060\nfilter-dst: 10.61.1.0/24\n' \
      "$WWW_PORT" "$COUNTER" | ctl sign --key "$T/keys/janedoe.key" - | ctl send - | head -1)
case "$r" in *"200 installed"*) ok "SETUP: $r";; *) fail "SETUP: $r";; esac
MOD='module="NetServ.test.counter_1.0.0",publisher="janedoe",slot="40"'
has_packets() { scrape_ctl "$T/ctl.2" && [ -n "$(value "$T/ctl.2" "netserv_module_packets_total{$MOD}")" ] \
  && python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) > 0 else 1)" "$(value "$T/ctl.2" "netserv_module_packets_total{$MOD}")"; }
wait_for 20 has_packets || fail "no module packets in /metrics: $(grep netserv_module "$T/ctl.2" | head)"
lint "controller with a module under traffic" "$T/ctl.2"
K='netserv_controller_ncms_total{code="200",method="SETUP"}'
grew "$K" "$(value "$T/ctl.1" "$K")" "$(value "$T/ctl.2" "$K")"
K='netserv_controller_module_install_duration_seconds_count{result="ok"}'
grew "$K" "$(value "$T/ctl.1" "$K")" "$(value "$T/ctl.2" "$K")"
K='netserv_controller_modules{phase="active",publisher="janedoe",slot="40"}'
[ "$(value "$T/ctl.2" "$K")" = 1.0 ] || [ "$(value "$T/ctl.2" "$K")" = 1 ] || fail "$K is '$(value "$T/ctl.2" "$K")'"
ok "$K = 1"
sleep 1.5; scrape_ctl "$T/ctl.3"
K="netserv_module_packets_total{$MOD}"
grew "$K" "$(value "$T/ctl.2" "$K")" "$(value "$T/ctl.3" "$K")"
K='netserv_classifier_rule_hits_total{element="ns",output="40",target="slot40"}'
grew "$K" "$(value "$T/ctl.2" "$K")" "$(value "$T/ctl.3" "$K")"
K='netserv_container_packets_received_total{publisher="janedoe",slot="40"}'
grew "$K" "$(value "$T/ctl.2" "$K")" "$(value "$T/ctl.3" "$K")"
# labels are printed sorted: module, name, publisher, slot
OWN='module="NetServ.test.counter_1.0.0",name="%s",publisher="janedoe",slot="40"'
grep -q "^netserv_module_status_events_total{$(printf "$OWN" counted)}" "$T/ctl.3" || fail "the module's own STATUS counter is not in /metrics: $(grep "$MOD" "$T/ctl.3" | head -20)"
ok "the module's own STATUS word as a typed counter: $(grep "^netserv_module_status_events_total{$(printf "$OWN" counted)}" "$T/ctl.3")"
grep -q "^netserv_module_status{$(printf "$OWN" last-length)} 28" "$T/ctl.3" || fail "the module's declared gauge is not in /metrics: $(grep "$MOD" "$T/ctl.3" | head -20)"
ok "the module's declared gauge: $(grep "^netserv_module_status{$(printf "$OWN" last-length)}" "$T/ctl.3")"
scrape_click "$T/click.3"
K='netserv_click_channel_packets_total{direction="to-user",element="to40"}'
grew "$K (exporter, after the SETUP)" "$(value "$T/click.2" "$K")" "$(value "$T/click.3" "$K")"
lint "netserv-click-exporter with a module" "$T/click.3"

# --- signaling daemon in a namespace, signaled through GIST ---------------------------
ns_host pub; ns_host node
ns_link pub eth0 node eth0
ns_addr pub eth0 10.147.1.1/24; ns_addr node eth0 10.147.1.254/24
printf 'node_id = metrics-r1\ncontroller_socket = %s\nstatus_socket = %s\nmetrics = 127.0.0.1:8471\n' \
  "$T/run/controller.sock" "$T/nsisd.status" > "$T/nsisd.conf"
ns_bg node NSPID sh -c "exec '$top/nsis/bin/netserv-nsisd' --config '$T/nsisd.conf' 2>>'$T/nsisd.log'"
scrape_nsis() { ns_exec node curl -sf "http://127.0.0.1:8471/metrics" > "$1"; }
wait_for 30 scrape_nsis "$T/nsis.1" || { cat "$T/nsisd.log"; fail "netserv-nsisd /metrics did not answer"; }
lint "netserv-nsisd before signaling" "$T/nsis.1"
ns_exec pub "$top/nsis/bin/netserv-signal" probe --user janedoe --key "$T/keys/janedoe.key" --dest 10.147.1.254 \
  --probe status > "$T/probe.out" 2>&1 || fail "PROBE through netserv-nsisd: $(cat "$T/probe.out")"
scrape_nsis "$T/nsis.2"
lint "netserv-nsisd after a PROBE" "$T/nsis.2"
K='netserv_gist_messages_received_total{type="Query"}'
grew "$K" "$(value "$T/nsis.1" "$K")" "$(value "$T/nsis.2" "$K")"
K='netserv_nslp_controller_results_total{code="200",method="PROBE"}'
grew "$K" "$(value "$T/nsis.1" "$K")" "$(value "$T/nsis.2" "$K")"
scrape_ctl "$T/ctl.4"
K='netserv_controller_ncms_total{code="200",method="PROBE"}'
grew "$K (the controller's view of the same PROBE)" "$(value "$T/ctl.3" "$K")" "$(value "$T/ctl.4" "$K")"
# --- devices: an engine on node's eth0 (sniffing, so the kernel still gets its frames) ----------
cat > "$T/dev.click" <<CLICK
FromDevice(eth0, SNIFFER true) -> Discard;
RatedSource(RATE 50, LIMIT -1) -> Queue(64) -> ToDevice(eth0);
ControlSocket(UNIX, $T/click-dev.sock);
CLICK
ns_bg node DEVCLICK sh -c "exec '$CLICK' -f '$T/dev.click' > '$T/click-dev.log' 2>&1"
wait_for 10 test -S "$T/click-dev.sock" || { cat "$T/click-dev.log"; fail "netserv-click on node's eth0 did not start"; }
ns_bg node DEVEXP sh -c "exec '$top/controller/bin/netserv-click-exporter' --control 'unix:$T/click-dev.sock' --listen 127.0.0.1:8472 2>'$T/exporter-dev.log'"
scrape_dev() { ns_exec node curl -sf "http://127.0.0.1:8472/metrics" > "$1"; }
wait_for 20 scrape_dev "$T/dev.1" || { cat "$T/exporter-dev.log"; fail "exporter of the device engine did not answer"; }
ns_exec pub ping -c 5 -i 0.2 -W 1 10.147.1.254 > /dev/null || fail "ping pub -> node"
scrape_dev "$T/dev.2"
lint "netserv-click-exporter, devices" "$T/dev.2"
RX=$(grep -o '^netserv_click_device_rx_packets_total{element="[^"]*"}' "$T/dev.2" | head -1)
TX=$(grep -o '^netserv_click_device_tx_packets_total{element="[^"]*"}' "$T/dev.2" | head -1)
[ -n "$RX" ] && [ -n "$TX" ] || fail "no device metrics: $(grep device "$T/dev.2")"
grew "$RX (ping)" "$(value "$T/dev.1" "$RX")" "$(value "$T/dev.2" "$RX")"
grew "$TX" "$(value "$T/dev.1" "$TX")" "$(value "$T/dev.2" "$TX")"

echo "PASS: metrics of netserv-click, the controller (with its container) and netserv-nsisd scraped, linted, and moved with traffic"
