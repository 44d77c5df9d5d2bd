# lib-mediarelay.sh — the Media Relay pieces shared by tests/mediarelay/test-*.sh and the demo
# step (tests/demo/step-mediarelay.sh), on top of tests/demo/lib.sh:
#
#   publisher ---- r1 ---- lan (a bridge) ---- ua-a 10.40.2.1
#   10.40.1.1      NetServ node          \---- ua-b 10.40.2.2
#                  10.40.1.254 / 10.40.2.254
MR_JAR=$top/apps/mediarelay/target/netserv-app-mediarelay-0.1.0-SNAPSHOT.jar
MR_MODULE=NetServ.apps.MediaRelay_1.0.0
UA_A=10.40.2.1 UA_B=10.40.2.2 R1_EDGE=10.40.2.254
MR_PORT=3478 MR_RELAY_LOW=49160 MR_RELAY_HIGH=49199
MR_SECRET=${MR_SECRET:-netserv-demo-secret}
# the slot's policy grants exactly these ports (the container's bind filter enforces them)
SLOT_PORTS="5060 8080 $MR_PORT $(seq -s ' ' $MR_RELAY_LOW $MR_RELAY_HIGH)"

mr_topology() {
  ns_host publisher; ns_host r1; ns_host lan; ns_host ua-a; ns_host ua-b
  ns_link publisher eth0 r1 e0
  ns_link r1 e1 lan p0
  ns_link ua-a eth0 lan p1
  ns_link ua-b eth0 lan p2
  ns_exec lan ip link add br0 type bridge
  for p in p0 p1 p2; do ns_exec lan ip link set $p master br0; done
  ns_exec lan ip link set br0 up
  ns_addr publisher eth0 $PUB_IP/24; ns_route publisher default via 10.40.1.254
  ns_addr ua-a eth0 $UA_A/24;        ns_route ua-a default via $R1_EDGE
  ns_addr ua-b eth0 $UA_B/24;        ns_route ua-b default via $R1_EDGE
}

mr_start_r1() {
  start_node r1 10.40.1.254/24 $R1_EDGE/24 ""
  wait_node r1
}

mr_module_server() {
  local pid
  cp "$MR_JAR" "$WORK/www/mediarelay.jar"
  ns_bg publisher pid python3 -m http.server 8000 --bind $PUB_IP --directory "$WORK/www" >"$WORK/http.log" 2>&1
  wait_for 20 "module server" ns_exec publisher curl -sf -o /dev/null http://$PUB_IP:8000/mediarelay.jar \
    || fail "module server did not start"
}

# mr_properties EXTRA — the SETUP properties of Media Relay (k=v,...; lists inside use ';')
mr_properties() {
  echo "port=$MR_PORT,relay_ports=$MR_RELAY_LOW-$MR_RELAY_HIGH,realm=netserv,secret=$MR_SECRET,channels=rfc5766${1:+,$1}"
}

# mr_setup DEST "EXTRA PROPERTIES" — SETUP of Media Relay toward DEST from the publisher
mr_setup() {
  local dest=$1 out
  info "netserv-signal setup $MR_MODULE toward $dest"
  out=$(ns_exec publisher "$SIGNAL" setup "$MR_MODULE" --dest "$dest" --key "$WORK/keys/publisher.key" \
        --user publisher --retry-limit 8 --timeout 60 --ttl "$TTL" --url "http://$PUB_IP:8000/mediarelay.jar" \
        --digest "$(digest mediarelay.jar)" --properties "$(mr_properties "$2")" 2>&1) \
    || fail "SETUP of Media Relay failed: $out"
  echo "$out" | sed 's/^/      /'
}

mr_wait_relay() {
  wait_for 60 "Media Relay installed on r1" module_running r1 $MR_MODULE || fail "r1 does not run $MR_MODULE: $(modules_of r1)"
  wait_for 30 "relay answers on $R1_EDGE:$MR_PORT" ns_exec ua-a python3 "$top/tests/mediarelay/turnclient.py" ping $R1_EDGE $MR_PORT 1 \
    || fail "the relay on r1 does not answer a STUN Binding: $(container_status r1 | grep MediaRelay)"
}

mr_status() { container_status r1 | grep "$MR_MODULE" || true; }

# mr_counter NAME — one counter of r1's Media Relay STATUS line
mr_counter() { mr_status | grep -o " $1=[0-9]*" | cut -d= -f2; }

# mr_uclient LOG FLAGS... — coturn's turnutils_uclient in ua-a through r1's relay toward
# turnutils_peer in ua-b; fails unless it reports its round trips with at most 1 % loss
mr_uclient() {
  local log=$1; shift
  ns_exec ua-a timeout 90 turnutils_uclient "$@" -W "$MR_SECRET" -u ua-a -p $MR_PORT -e $UA_B -r 3480 $R1_EDGE \
    >"$log" 2>&1 || fail "turnutils_uclient $* failed: $(tail -3 "$log")"
  local lost; lost=$(grep -o 'Total lost packets [0-9]* ([0-9.]*%)' "$log" | tail -1)
  [ -n "$lost" ] || fail "turnutils_uclient $* reported no result: $(tail -3 "$log")"
  awk -v l="$lost" 'BEGIN { sub(/.*\(/, "", l); sub(/%\)/, "", l); exit !(l + 0 <= 1.0) }' \
    || fail "turnutils_uclient $*: $lost"
  MR_UCLIENT_RESULT="$lost, $(grep -o 'Average round trip delay [0-9.]* ms' "$log" | tail -1)"
}
