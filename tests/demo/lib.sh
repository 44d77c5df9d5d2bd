# lib.sh — the pieces of the demo (tests/demo/run-demo.sh) and of its automated
# test (tests/demo/test-demo.sh): topology, nodes, publisher, checks.
# Every step prints what it does; `fail` ends the run (cleanup runs from the trap).
. "$top/tests/netns/netns.sh"

PUB_IP=10.40.1.1 UA_IP=10.40.2.1
BIN=$top/build/bin
SIGNAL=$top/nsis/bin/netserv-signal
NSISD=$top/nsis/bin/netserv-nsisd
CONTROLLER=$top/controller/bin/netserv-controller
CTL=$top/controller/bin/netserv-ctl
ROUTER=$top/click-configs/netserv-router.sh
TTL=${DEMO_TTL:-600}
# a SIPp keep-alive UA in the ua namespace toward the publisher's Kamailio; add -p PORT and the pace
UA_SIPP=(sipp $PUB_IP:5060 -sf "$top/apps/sip-server/ua-keepalive.xml" -i $UA_IP -nostdin)
STEP=0
declare -A NODE_PIDS=()

. "$top/tests/demo/steps.sh"

demo_init() {
  ns_require_root
  for f in "$BIN/netserv-click" "$BIN/netserv-container" "$SIGNAL" "$NSISD" "$CONTROLLER" \
           "$top/apps/keepalive/target/netserv-app-keepalive-0.1.0-SNAPSHOT.jar" \
           "$top/apps/netmonitor/target/netserv-app-netmonitor-0.1.0-SNAPSHOT.jar" \
           "$top/apps/visualizer/target/netserv-visualizer.jar" \
           "$top/apps/sip-trigger/target/netserv-sip-trigger.jar"; do
    [ -e "$f" ] || fail "$f is missing: run 'make build'"
  done
  for c in kamailio kamcmd sipp tshark curl openssl python3; do
    command -v $c >/dev/null || fail "$c is not installed: run 'make deps'"
  done
  ns_sweep
  WORK=$(mktemp -d /tmp/netserv-demo.XXXXXX); KEEP_WORK=0
  chmod 755 "$WORK"   # containers run under their own uid and must reach their sandbox
  trap demo_cleanup EXIT
  trap 'exit 130' INT TERM
  mkdir -p "$WORK/www" "$WORK/keys"
  # the publisher's signing key and its modules, served by its own HTTP server
  openssl genpkey -algorithm ed25519 -out "$WORK/keys/publisher.key" 2>/dev/null
  openssl pkey -in "$WORK/keys/publisher.key" -pubout -out "$WORK/keys/publisher.pub" 2>/dev/null
  cp "$top/apps/keepalive/target/netserv-app-keepalive-0.1.0-SNAPSHOT.jar" "$WORK/www/keepalive.jar"
  cp "$top/apps/netmonitor/target/netserv-app-netmonitor-0.1.0-SNAPSHOT.jar" "$WORK/www/netmonitor.jar"
}

demo_cleanup() {
  local rc=$?
  disown -a 2>/dev/null || true   # no "Killed" job notices for what we end below
  # routers first (they undo their interface changes on SIGTERM), then everything else
  for n in "${!NODE_PIDS[@]}"; do kill ${NODE_PIDS[$n]} 2>/dev/null || true; done
  sleep 0.5
  ns_cleanup
  if [ "${KEEP_WORK:-0}" = 1 ] || [ $rc -ne 0 ]; then echo "demo files and logs: $WORK"; else rm -rf "$WORK"; fi
  return $rc
}

demo_done() {
  printf '\nNetServ demo: all %d steps passed.\n' "$STEP"
}

topology() {
  ns_host publisher; ns_host r1; ns_host r2; ns_host ua
  ns_link publisher eth0 r1 e0
  ns_link r1 e1 r2 e0
  ns_link r2 e1 ua eth0
  ns_addr publisher eth0 $PUB_IP/24; ns_route publisher default via 10.40.1.254
  ns_addr ua eth0 $UA_IP/24;         ns_route ua default via 10.40.2.254
}

# start_node NAME IP0/LEN IP1/LEN "ROUTES"  — engine, controller, signaling daemon
start_node() {
  local n=$1 ip0=$2 ip1=$3 routes=$4 d=$WORK/$1 pid
  mkdir -p "$d/dev" "$d/state" "$d/run" "$d/sandbox/0"
  ns_bg "$n" pid "$ROUTER" IF0=e0 IP0="$ip0" IF1=e1 IP1="$ip1" ROUTES="$routes" TAP=nstap0 \
    --devdir "$d/dev" -u "$d/click.sock" >"$d/router.log" 2>&1
  NODE_PIDS[$n]=$pid
  cat > "$d/policy.xml" <<POLICY
<?xml version="1.0" encoding="UTF-8"?>
<policy xmlns="urn:netserv:policy:1">
  <node id="$n">
    <address>${ip0%/*}</address>
    <building-blocks>${NODE_BLOCKS:-packet-dispatcher http}</building-blocks>
  </node>
  <replay window-seconds="300" nonce-cache="65536"/>
  <download connect-timeout-ms="5000" timeout-ms="30000" max-redirects="3"/>
  <slot number="0">
    <user>publisher</user>
    <key file="$WORK/keys/publisher.pub"/>
    <uid>10000</uid>
    <gid>10000</gid>
    <ports>${SLOT_PORTS:-5060 8080}</ports>
    <prefix>10.40.1.0/24</prefix>
    <sandbox>$d/sandbox/0</sandbox>
    <limits cpu-shares="512" memory-mb="${SLOT_MEMORY_MB:-512}" pids-max="256" disk-mb="${SLOT_DISK_MB:-128}" max-modules="4" max-module-bytes="16777216"/>
    <building-blocks>${SLOT_BLOCKS:-packet-dispatcher}</building-blocks>
  </slot>
</policy>
POLICY
  cat > "$d/controller.conf" <<CONF
policy = $d/policy.xml
state_dir = $d/state
run_dir = $d/run
socket = $d/run/controller.sock
admin_socket = $d/run/controller-admin.sock
http = 127.0.0.1:8470
forwarding_plane = unix:$d/click.sock
classifier = ns
containers = yes
container_launcher = $BIN/netserv-container
devdir = $d/dev
# NetMonitor reports through the node's stack and the slot has no address of its own:
# the operator's explicit opt-out of net-ns (the launcher prints OPERATOR OPT-OUT)
netns = no
stop_containers_on_exit = yes
CONF
  cat > "$d/nsisd.conf" <<CONF
node_id = $n
interception = channel
devdir = $d/dev
controller_socket = $d/run/controller.sock
status_socket = $d/run/nsisd-status.sock
retry_limit_ms = 8000
controller_timeout_ms = ${NSISD_CONTROLLER_TIMEOUT_MS:-10000}
metrics = 127.0.0.1:8471
CONF
}

wait_node() {
  local n=$1 d=$WORK/$1 pid
  wait_for 30 "$n: engine up" test -S "$d/click.sock" || fail "$n: netserv-click did not start: $(tail -5 "$d/router.log")"
  ns_bg "$n" pid "$CONTROLLER" --config "$d/controller.conf" >"$d/controller.log" 2>&1
  wait_for 60 "$n: controller up" test -S "$d/run/controller.sock" || fail "$n: controller did not start: $(tail -5 "$d/controller.log")"
  ns_bg "$n" pid "$NSISD" --config "$d/nsisd.conf" >"$d/nsisd.log" 2>&1
  wait_for 30 "$n: signaling daemon up" test -S "$d/run/nsisd-status.sock" || fail "$n: netserv-nsisd did not start: $(tail -5 "$d/nsisd.log")"
  ns_bg "$n" pid "$top/controller/bin/netserv-click-exporter" --control "unix:$d/click.sock" --listen 127.0.0.1:8472 \
    >"$d/click-exporter.log" 2>&1
}

# metrics_of NODE — one line: a figure from each of the node's three Prometheus endpoints
metrics_of() {
  local n=$1 c g e
  c=$(ns_exec "$n" curl -sf http://127.0.0.1:8470/metrics | grep -c '^netserv_' || true)
  g=$(ns_exec "$n" curl -sf http://127.0.0.1:8471/metrics | grep -c '^netserv_' || true)
  e=$(ns_exec "$n" curl -sf http://127.0.0.1:8472/metrics | grep -c '^netserv_' || true)
  echo "controller :8470/metrics $c series, signaling :8471/metrics $g, engine exporter :8472/metrics $e"
}

start_publisher() {
  local d=$WORK/publisher pid; mkdir -p "$d"
  ns_bg publisher pid python3 -m http.server 8000 --bind $PUB_IP --directory "$WORK/www" >"$d/http.log" 2>&1
  ns_bg publisher pid kamailio -DD -E -f "$top/apps/sip-server/kamailio.cfg" -A LISTEN=udp:$PUB_IP:5060 \
    -A "CTL=\"unixs:$d/kamailio.ctl\"" -A "RUNDIR=\"$d\"" -A 'TRIGGER="sip:127.0.0.1:5699"' >"$d/kamailio.log" 2>&1
  ns_bg publisher pid java -jar "$top/apps/visualizer/target/netserv-visualizer.jar" --bind $PUB_IP \
    --udp-port 5678 --http-port 8080 >"$d/visualizer.log" 2>&1
  ns_bg publisher pid java -jar "$top/apps/sip-trigger/target/netserv-sip-trigger.jar" --listen 127.0.0.1:5699 \
    --hold "$TTL" -- "$SIGNAL" setup NetServ.apps.KeepAlive_1.0.0 --dest '{ua}' --key "$WORK/keys/publisher.key" \
    --user publisher --ttl "$TTL" --url "http://$PUB_IP:8000/keepalive.jar" --digest "$(digest keepalive.jar)" \
    --filter-proto udp --filter-port 5060 --filter-dst $PUB_IP/32 --properties sip_port=5060 \
    --retry-limit 8 --timeout 60 >"$d/trigger.log" 2>&1
  wait_for 20 "module server" ns_exec publisher curl -sf -o /dev/null http://$PUB_IP:8000/keepalive.jar || fail "module server did not start"
  wait_for 20 "Kamailio" test -S "$d/kamailio.ctl" || fail "Kamailio did not start: $(tail -5 "$d/kamailio.log")"
  wait_for 30 "visualizer" ns_exec publisher curl -sf -o /dev/null http://$PUB_IP:8080/api/nodes || fail "visualizer did not start"
  wait_for 30 "SIP trigger" grep -q listening "$d/trigger.log" || fail "trigger did not start: $(tail -5 "$d/trigger.log")"
}

digest() { echo "sha-256=$(sha256sum "$WORK/www/$1" | cut -d' ' -f1)"; }

# signal setup|remove MODULE [JAR] [name=value ...] — from the publisher toward the UA
signal() {
  local verb=$1 module=$2; shift 2
  local args=(--dest $UA_IP --key "$WORK/keys/publisher.key" --user publisher --retry-limit 8 --timeout 60)
  if [ "$verb" = setup ]; then
    local jar=$1; shift
    args+=(--ttl "$TTL" --url "http://$PUB_IP:8000/$jar" --digest "$(digest "$jar")")
    for kv in "$@"; do args+=("--${kv%%=*}" "${kv#*=}"); done
  fi
  info "netserv-signal $verb $module (toward $UA_IP)"
  local out; out=$(ns_exec publisher "$SIGNAL" "$verb" "$module" "${args[@]}" 2>&1) \
    || fail "netserv-signal $verb failed (exit $?): $out"
  echo "$out" | sed 's/^/      /'
}

modules_of() { ns_exec "$1" "$CTL" --admin-socket "$WORK/$1/run/controller-admin.sock" list 2>/dev/null; }
module_running() { modules_of "$1" | grep -q "$2"; }
expect_module() { module_running "$1" "$2" || fail "$1 does not run $2: $(modules_of "$1")"; }
expect_no_module() { wait_for 20 "$1 without $2" not module_running "$1" "$2" || fail "$1 still runs $2"; }
not() { ! "$@"; }

click_read() { python3 "$top/tests/router/clickctl.py" "$WORK/$1/click.sock" read "$2" 2>/dev/null || true; }


kamailio_notifies() {
  ns_exec publisher kamcmd -s "unixs:$WORK/publisher/kamailio.ctl" stats.get_statistics all \
    | grep rcv_requests_notify | grep -o '[0-9]*$'
}

# start_ua COUNT — a SIPp UA: REGISTER, then COUNT keep-alives 1 s apart (background)
start_ua() {
  ns_bg ua UA_PID "${UA_SIPP[@]}" -p 5062 \
    -d 1000 -set ka_count "$1" -m 1 -timeout 120s -trace_stat -stf "$WORK/ua-stat.csv" \
    >"$WORK/ua-sipp.log" 2>&1
}

probe_stack() {
  local out; out=$(ns_exec publisher "$SIGNAL" probe --dest $UA_IP --key "$WORK/keys/publisher.key" \
    --user publisher --retry-limit 8 --timeout 60 2>&1) || fail "PROBE failed: $out"
  echo "$out" | sed 's/^/      /'
  local order; order=$(echo "$out" | grep -o 'node-id: r[12]' | awk '{print $2}' | tr '\n' ' ')
  [ "$order" = "r2 r1 " ] || fail "PROBE stack order is '$order', expected 'r2 r1'"
  echo "$out" | grep -q KeepAlive || fail "PROBE does not list KeepAlive"
}

keepalives_answered_at_edge() {
  local c0 c1 cap pid
  c0=$(kamailio_notifies)
  ns_bg ua pid tshark -i eth0 -a duration:5 -f "udp port 5060" -w "$WORK/ua-edge.pcap" -q >/dev/null 2>&1
  sleep 5.5
  c1=$(kamailio_notifies)
  [ "$c1" = "$c0" ] || fail "Kamailio's NOTIFY counter moved from $c0 to $c1 while KeepAlive runs at r2"
  KAM_NOTIFY_FLAT=$c1
  # the answers, byte-checked with Wireshark's SIP dissector
  cap=$(tshark -r "$WORK/ua-edge.pcap" -Y 'sip.Status-Code == 200 && sip.CSeq.method == "NOTIFY"' \
        -T fields -e ip.src -e ip.dst -e sip.Call-ID -e sip.to.tag 2>/dev/null)
  [ -n "$cap" ] || fail "no 200 OK to a NOTIFY seen at the UA in 5 s"
  echo "$cap" | head -3 | sed 's/^/      200 OK (src dst Call-ID To-tag): /'
  echo "$cap" | awk -v s=$PUB_IP -v d=$UA_IP '$1 != s || $2 != d || $4 == "" { bad = 1 } END { exit bad }' \
    || fail "a 200 OK did not come from the server's address to the UA with a To tag"
  # the module's own counters, through the container's control channel
  local line; line=$(container_status r2 | grep 'NetServ.apps.KeepAlive_1.0.0')
  info "r2 container STATUS: $line"
  [[ "$line" =~ answered=([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -gt 0 ] \
    || fail "r2's KeepAlive module reports no answered keep-alive: $line"
}

# container_status NODE — the STATUS reply of the node's slot-0 container (control channel v1)
container_status() {
  ns_exec "$1" python3 - "$WORK/$1/run/container-0.sock" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX); s.settimeout(5); s.connect(sys.argv[1])
f = s.makefile("rwb")
def block():
    lines = []
    while True:
        l = f.readline()
        if not l or l in (b"\n", b"\r\n"): return lines
        lines.append(l.decode().rstrip())
block()                       # greeting
f.write(b"STATUS\n\n"); f.flush()
print("\n".join(block()))
PY
}

visualizer_counts() {
  local json; json=$(ns_exec publisher curl -sf http://$PUB_IP:8080/api/nodes) || fail "visualizer unreachable"
  VIS_SUMMARY=$(echo "$json" | python3 -c '
import json, sys
s = json.load(sys.stdin)
print(", ".join("%s: %d packets" % (n["node"], n["packets"]) for n in s["nodes"]))
# NetMonitor names a node by its address toward the visualizer: r1 10.40.1.254, r2 10.40.12.2
bad = [n for n in ("10.40.1.254", "10.40.12.2") if not any(x["node"] == n and x["packets"] > 0 for x in s["nodes"])]
sys.exit(1 if bad else 0)') || fail "visualizer lacks counts from r1 (10.40.1.254) and r2 (10.40.12.2): $VIS_SUMMARY"
}

keepalives_reach_server() {
  local c0 c1
  wait_for 30 "SIPp UA done" not kill -0 "$UA_PID" || true
  c0=$(kamailio_notifies)
  ns_exec ua "${UA_SIPP[@]}" -p 5064 \
    -d 300 -set ka_count 3 -m 1 -timeout 30s >"$WORK/ua-sipp2.log" 2>&1 || fail "SIPp UA failed after REMOVE"
  c1=$(kamailio_notifies)
  [ "$c1" -ge $((c0 + 3)) ] || fail "Kamailio's NOTIFY counter went from $c0 to $c1, expected +3"
  KAM_NOTIFY_AFTER="$c0 -> $c1"
}

# visualizer_total NODE_ADDRESS — the newest total a node reported
visualizer_total() {
  ns_exec publisher curl -sf http://$PUB_IP:8080/api/nodes | python3 -c '
import json, sys
print(max([n["packets"] for n in json.load(sys.stdin)["nodes"] if n["node"] == sys.argv[1]] or [-1]))' "$1"
}

# keepalive_load CALLS RATE — SIPp UAs at a fixed rate: every keep-alive must be
# answered (SIPp: no failed call), none may reach Kamailio, and r2's NetMonitor must
# have counted what the UAs sent toward the server (tshark) within one report interval.
keepalive_load() {
  local calls=$1 rate=$2 c0 c1 n0 n1 sent pid tol
  sleep 1.2; n0=$(visualizer_total 10.40.12.2); c0=$(kamailio_notifies)
  ns_bg ua pid tshark -i eth0 -f "udp and dst host $PUB_IP and dst port 5060" -w "$WORK/ua-load.pcap" -q >"$WORK/tshark-load.log" 2>&1
  sleep 2   # tshark up
  ns_exec ua "${UA_SIPP[@]}" -p 5066 \
    -d 200 -set ka_count 2 -m "$calls" -r "$rate" -timeout 60s >"$WORK/ua-load.log" 2>&1 \
    || fail "SIPp load: some keep-alive went unanswered: $(grep -E 'Failed call|Successful call' "$WORK/ua-load.log" | tail -2 | tr -s ' ')"
  sleep 1.5   # r2's next reports
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  c1=$(kamailio_notifies); n1=$(visualizer_total 10.40.12.2)
  [ "$c1" = "$c0" ] || fail "under load $((c1 - c0)) keep-alives reached Kamailio"
  sent=$(tshark -r "$WORK/ua-load.pcap" 2>/dev/null | wc -l)
  # the background UA sends 1/s besides: one 500 ms report interval of both rates
  tol=$(( (rate * 3 + 1) / 2 + 2 ))
  [ $(( n1 - n0 - sent )) -le $tol ] && [ $(( sent - (n1 - n0) )) -le $tol ] \
    || fail "NetMonitor at r2 counted $((n1 - n0)) packets, the UAs sent $sent toward the server (tolerance $tol)"
  LOAD_SUMMARY="$calls calls, $((calls * 2)) keep-alives answered at r2, Kamailio's NOTIFY counter still $c1; NetMonitor at r2 counted $((n1 - n0)) of the $sent packets sent"
}
