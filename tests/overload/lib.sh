# lib.sh — the Overload Control topology and its steps, for tests/overload/test-*.sh,
# tests/bench/bench-overload.sh and tests/demo/step-overload.sh. Builds on tests/demo/lib.sh
# (nodes, publisher keys and module server, signaling, checks).
#
#   publisher (10.40.1.0/24) ---- r1 ---- uac (10.40.2.1)
#   10.40.1.2: Kamailio RE (kamailio-overload.cfg) + netserv-overload-trigger
#   10.40.1.3: sip_probe.py re (scripted feedback, edge cases)
declare -F demo_init >/dev/null || . "$top/tests/demo/lib.sh"   # run-demo.sh has it already

OVL=$top/apps/overload
OVL_JAR=$OVL/target/netserv-app-overload-0.1.0-SNAPSHOT.jar
OVL_TRIGGER_JAR=$OVL/publisher/target/netserv-overload-trigger.jar
OVL_MODULE=NetServ.apps.OverloadControl_1.0.0
RE_IP=10.40.1.2 PROBE_IP=10.40.1.3
# the RE's capacity model (kamailio-overload.cfg): 2 workers x 80 ms per call = 25 calls/s
# at most; it takes CAPACITY, asks for a Sending Entity past THRESHOLD, aims the feedback at TARGET
OVL_CAPACITY=${OVL_CAPACITY:-20} OVL_THRESHOLD=${OVL_THRESHOLD:-16} OVL_TARGET=${OVL_TARGET:-19}
OVL_LOW_SECONDS=${OVL_LOW_SECONDS:-6}
OVL_SIPP_PORT=5070
OVL_UA_NS=${OVL_UA_NS:-uac}      # where SIPp runs (the demo's is "ua")

ovl_init() {
  for f in "$OVL_JAR" "$OVL_TRIGGER_JAR"; do [ -e "$f" ] || { echo "$f is missing: run 'make build'"; exit 1; }; done
  demo_init
  cp "$OVL_JAR" "$WORK/www/overload.jar"
}

# the namespaces publisher -- r1 -- uac, and the NetServ node r1
ovl_topology() {
  ns_host publisher; ns_host r1; ns_host uac
  ns_link publisher eth0 r1 e0
  ns_link r1 e1 uac eth0
  ns_addr publisher eth0 $PUB_IP/24; ns_addr publisher eth0 $RE_IP/24; ns_addr publisher eth0 $PROBE_IP/24
  ns_route publisher default via 10.40.1.254
  ns_addr uac eth0 $UA_IP/24; ns_route uac default via 10.40.2.254
  start_node r1 10.40.1.254/24 10.40.2.254/24 "255.255.255.255/32 0"
  wait_node r1
  local d=$WORK/publisher pid; mkdir -p "$d"
  ns_bg publisher pid python3 -m http.server 8000 --bind $PUB_IP --directory "$WORK/www" >"$d/http.log" 2>&1
  wait_for 20 "module server" ns_exec publisher curl -sf -o /dev/null http://$PUB_IP:8000/overload.jar || fail "module server did not start"
}

# ovl_start_re [ALGO] — Kamailio as the Receiving Entity on $RE_IP:5060
ovl_start_re() {
  local algo=${1:-loss} d=$WORK/publisher
  rm -f "$d/kam-ovl.ctl"
  ns_bg publisher RE_PID kamailio -DD -E -f "$OVL/publisher/kamailio-overload.cfg" -A LISTEN=udp:$RE_IP:5060 \
    -A "CTL=\"unixs:$d/kam-ovl.ctl\"" -A "RUNDIR=\"$d\"" -A 'TRIGGER="sip:127.0.0.1:5698"' \
    -A CAPACITY=$OVL_CAPACITY -A LIMIT=$((OVL_CAPACITY * 11 / 10)) -A THRESHOLD=$OVL_THRESHOLD -A TARGET=$OVL_TARGET -A "ALGO=\"$algo\"" \
    -A LOW_SECONDS=$OVL_LOW_SECONDS >"$d/kamailio-overload.log" 2>&1
  wait_for 20 "Kamailio RE" test -S "$d/kam-ovl.ctl" || fail "Kamailio RE did not start: $(tail -5 "$d/kamailio-overload.log")"
}

ovl_stop_re() { kill "$RE_PID" 2>/dev/null || true; wait "$RE_PID" 2>/dev/null || true; }

# ovl_start_trigger [ALGO] — SETUP toward each overloading source, REMOVE when load is low
ovl_start_trigger() {
  local algo=${1:-loss} d=$WORK/publisher
  local common="--key $WORK/keys/publisher.key --user publisher --retry-limit 8 --timeout 60"
  ns_bg publisher TRIGGER_PID java -jar "$OVL_TRIGGER_JAR" --listen 127.0.0.1:5698 --hold "$TTL" \
    --setup "$SIGNAL setup $OVL_MODULE --dest {ua} $common --ttl $TTL --url http://$PUB_IP:8000/overload.jar --digest $(digest overload.jar) --filter-proto udp --filter-port 5060 --filter-dst 10.40.1.0/24 --header filter-replies=yes --properties sip_port=5060,oc_algo=$algo" \
    --remove "$SIGNAL remove $OVL_MODULE --dest {ua} $common" >"$d/overload-trigger.log" 2>&1
  wait_for 30 "overload trigger" grep -q listening "$d/overload-trigger.log" || fail "trigger did not start: $(tail -5 "$d/overload-trigger.log")"
}

ovl_stop_trigger() { kill "$TRIGGER_PID" 2>/dev/null || true; wait "$TRIGGER_PID" 2>/dev/null || true; }

# ovl_re NAME — one counter of the RE (kamcmd htable ol)
ovl_re() {
  ns_exec publisher kamcmd -s "unixs:$WORK/publisher/kam-ovl.ctl" htable.get ol "$1" 2>/dev/null \
    | awk '/value:/ {print $2}'
}

# ovl_sipp_bg RATE SECONDS TAG — SIPp calls toward the RE from the uac (background, SIPP_PID)
ovl_sipp_bg() {
  local rate=$1 secs=$2 tag=$3
  OVL_SIPP_PORT=$((OVL_SIPP_PORT + 2))
  ns_bg $OVL_UA_NS SIPP_PID sipp $RE_IP:5060 -sf "$OVL/publisher/uac-calls.xml" -i $UA_IP -p $OVL_SIPP_PORT \
    -default_behaviors -bye -r "$rate" -m $((rate * secs)) -timeout $((secs + 40))s -nostdin -trace_stat -stf "$WORK/sipp-$tag.csv" -fd 1 \
    >"$WORK/sipp-$tag.log" 2>&1
}

ovl_sipp_wait() { wait "$SIPP_PID" 2>/dev/null || true; }

# ovl_window SECONDS TAG — the server's completed calls/s over SECONDS (BYE counter), and the
# 503s the uac sees in that time by source: sets GOODPUT, ANSWERED (the server's 200s to new
# INVITEs, retransmissions included), EDGE_503, SERVER_503, MARKED_503
ovl_window() {
  local secs=$1 tag=$2 b0 b1 pid
  ns_bg $OVL_UA_NS pid tshark -i eth0 -a duration:$secs -f "udp and src port 5060" -w "$WORK/uac-$tag.pcap" -q >/dev/null 2>&1
  sleep 1   # tshark up
  local a0 a1
  b0=$(ovl_re byes); a0=$(ovl_re calls); sleep "$secs"; b1=$(ovl_re byes); a1=$(ovl_re calls)
  wait "$pid" 2>/dev/null || true
  [[ "$b0$b1$a0$a1" =~ ^[0-9]+$ ]] || fail "cannot read the RE's counters (byes $b0 $b1, calls $a0 $a1)"
  GOODPUT=$(awk -v a="$b0" -v b="$b1" -v s="$secs" 'BEGIN { printf "%.1f", (b - a) / s }')
  ANSWERED=$(awk -v a="$a0" -v b="$a1" -v s="$secs" 'BEGIN { printf "%.1f", (b - a) / s }')
  # an edge 503 carries the server's address as source (the graph lets a container send only
  # from its slot's prefixes) and the SE's Server header; the server's own 503s do not
  # (sip_probe.py checks the marker naming the node, X-NetServ-Overload, exactly)
  local f; f=$(tshark -r "$WORK/uac-$tag.pcap" -Y 'sip.Status-Code == 503' -T fields -e ip.src -e sip.Server 2>/dev/null)
  EDGE_503=$(echo "$f" | grep -c 'NetServ-OverloadControl' || true)
  SERVER_503=$(echo "$f" | awk -v s=$RE_IP '$1 == s' | grep -vc 'NetServ-OverloadControl' || true)
  MARKED_503=$EDGE_503
}

# ovl_sipp_goodput TAG FROM TO — SIPp's successful calls per second, rows FROM..TO (seconds) of its stat file
ovl_sipp_goodput() {
  python3 - "$WORK/sipp-$1.csv" "$2" "$3" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1]), delimiter=';'))
if len(rows) < 2: print("0.0"); sys.exit()
i = rows[0].index("SuccessfulCall(P)"); t = rows[0].index("ElapsedTime(C)")
def secs(x):
    h, m, s = x.split(":")[:3]
    return int(h) * 3600 + int(m) * 60 + float(s)
vals = [int(r[i]) for r in rows[1:] if len(r) > i and int(sys.argv[2]) <= secs(r[t].split("\t")[0]) < int(sys.argv[3])]
print("%.1f" % (sum(vals) / max(1, len(vals))))
PY
}

ovl_status() { container_status "${1:-r1}" | grep "$OVL_MODULE" || true; }
