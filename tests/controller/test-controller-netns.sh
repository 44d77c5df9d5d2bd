#!/usr/bin/env bash
# Real traffic through a module: a sender namespace a, a router namespace r running
# netserv-click (FromDevice -> CheckIPHeader -> ns :: IPClassifier -> ToDevice, slot 40 via
# ToUserDevice/FromUserDevice), a receiver namespace b in the publisher's prefix 10.61.1.0/24.
# The controller (root namespace) installs a counting module that forwards what it sees:
#   before SETUP   packets a -> b take the plain path, the module sees none;
#   after SETUP    they pass through the container (module count rises) and still reach b;
#   after REMOVE   they take the plain path again and the module count stops.
set -u
. "$(dirname "$0")/lib.sh"
need_parts
. "$top/tests/netns/netns.sh"
ls "$top"/container/test-bundles/target/netserv-container-test-bundles-*-counter.jar >/dev/null 2>&1 \
  || skip "container test bundles not built (container/test-bundles)"
# ns_init would also sweep "stale" namespaces, judging by pid; another run in a different pid
# namespace (or with its own NS_RUN) looks stale to it. Only our own are touched here.
ns_require_root

T=$(mktemp -d /tmp/nsv-ctl-netns.XXXXXX); chmod 755 "$T"
CPID= CLICKPID= HTTPPID=
cleanup_ctl() {
  [ -n "$CPID" ] && kill "$CPID" 2>/dev/null && wait "$CPID" 2>/dev/null
  [ -n "$HTTPPID" ] && kill "$HTTPPID" 2>/dev/null
  for p in "$T"/state/containers/*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null; done
  ns_cleanup
  rm -rf "$T"
}
trap cleanup_ctl EXIT
trap 'exit 130' INT TERM
mkdir -p "$T/dev" "$T/run" "$T/www" "$T/keys"

# --- topology --------------------------------------------------------------------
ns_host a; ns_host r; ns_host b
ns_link a eth0 r ra; ns_link r rb b eth0
ns_addr a eth0 10.60.0.1/24; ns_addr r ra 10.60.0.254/24
ns_addr r rb 10.61.1.254/24; ns_addr b eth0 10.61.1.5/24
ns_route a default via 10.60.0.254; ns_route b default via 10.61.1.254
ns_forwarding r off   # netserv-click forwards, not the kernel
RB_MAC=$(ip -n "$(ns_name r)" -br link show rb | awk '{print $3}')
B_MAC=$(ip -n "$(ns_name b)" -br link show eth0 | awk '{print $3}')

# --- forwarding plane in r -------------------------------------------------------
pat=""; for i in $(seq 1 42); do pat="${pat}false, "; done
{
  echo "FromDevice(ra) -> Strip(14) -> CheckIPHeader -> ns :: IPClassifier(${pat}-);"
  for i in $(seq 0 39); do echo "ns[$i] -> Discard;"; done
  echo "ns[40] -> ToUserDevice(40, DEVDIR $T/dev); ns[41] -> ToUserDevice(41, DEVDIR $T/dev);"
  echo "ns[42] -> plain :: Counter -> out :: EtherEncap(0x0800, $RB_MAC, $B_MAC) -> ToDevice(rb);"
  echo "FromUserDevice(40, DEVDIR $T/dev) -> back :: Counter -> out; FromUserDevice(41, DEVDIR $T/dev) -> out;"
  echo "ControlSocket(UNIX, $T/click.sock);"
} > "$T/router.click"
ip netns exec "$(ns_name r)" "$CLICK" -f "$T/router.click" > "$T/click.log" 2>&1 &
wait_for 10 test -S "$T/click.sock" || { cat "$T/click.log"; fail "netserv-click did not start in r"; }

# --- receiver in b, bundles, keys, policy, controller -------------------------------
cat > "$T/recv.py" <<'PY'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("10.61.1.5", 5060))
n = 0
with open(sys.argv[1], "w", buffering=1) as f:
    while True:
        s.recv(2048); n += 1; f.seek(0); f.write("%d\n" % n); f.truncate()
PY
echo 0 > "$T/received"
ip netns exec "$(ns_name b)" python3 "$T/recv.py" "$T/received" &
received() { cat "$T/received"; }
send_burst() {  # N packets a -> b:5060, 2 ms apart
  ip netns exec "$(ns_name a)" python3 -c "
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range($1):
    s.sendto(b'netserv-probe-%d' % i, ('10.61.1.5', 5060)); time.sleep(0.002)"
}

ctl keygen "$T/keys/janedoe" && ctl keygen "$T/keys/bob" || fail keygen
cp "$top"/container/test-bundles/target/netserv-container-test-bundles-*-counter.jar "$T/www/counter.jar"
WWW_PORT=$(free_port)
python3 -m http.server "$WWW_PORT" --bind 127.0.0.1 --directory "$T/www" > "$T/www.log" 2>&1 & HTTPPID=$!
wait_for 10 curl -sf -o /dev/null "http://127.0.0.1:$WWW_PORT/counter.jar" || fail "http server"
COUNTER=$(sha256sum "$T/www/counter.jar" | cut -d' ' -f1)
cat > "$T/policy.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<policy xmlns="urn:netserv:policy:1">
  <node id="netns-r"><address>10.60.0.254</address><building-blocks>packet-dispatcher</building-blocks></node>
  <slot number="40">
    <user>janedoe</user><key file="keys/janedoe.pub"/><uid>10040</uid><gid>10040</gid>
    <ports>5060</ports><prefix>10.61.0.0/16</prefix><sandbox>$T/sandbox/40</sandbox>
    <building-blocks>packet-dispatcher</building-blocks>
  </slot>
  <slot number="41">
    <user>bob</user><key file="keys/bob.pub"/><uid>10041</uid><gid>10041</gid>
    <prefix>10.62.0.0/16</prefix><sandbox>$T/sandbox/41</sandbox>
    <building-blocks>packet-dispatcher</building-blocks>
  </slot>
</policy>
XML
HTTP_PORT=$(free_port)
cat > "$T/controller.conf" <<CONF
policy = $T/policy.xml
state_dir = $T/state
run_dir = $T/run
socket = $T/run/controller.sock
admin_socket = $T/run/controller-admin.sock
http = 127.0.0.1:$HTTP_PORT
forwarding_plane = unix:$T/click.sock
containers = yes
container_launcher = $LAUNCHER
devdir = $T/dev
bundles_dir = $BUNDLES
netns = no
# the test's bundle server runs on loopback, which the node refuses to fetch from by default
outbound_allow = 127.0.0.0/8
CONF
java -jar "$JAR" --config "$T/controller.conf" > "$T/controller.log" 2>&1 & CPID=$!
containers_up() { [ "$(status_py "sum(1 for c in d['containers'].values() if c['state']=='UP')" 2>/dev/null)" = 2 ]; }
wait_for 60 containers_up || { tail -20 "$T/controller.log"; fail "containers did not come up"; }
seen() { status_py "sum(int(m.get('seen','0')) for m in d['modules'])" 2>/dev/null || echo 0; }
at_least() { [ "$(received)" -ge "$1" ]; }

# --- before SETUP: plain path ---------------------------------------------------------
send_burst 50
wait_for 10 at_least 45 || fail "plain path: b received $(received) of 50"
ok "before SETUP: b received $(received)/50 on the plain path (plain.count=$(click_read plain.count))"

# --- SETUP: through the module ---------------------------------------------------------
r=$(printf 'SETUP NetServ.test.counter_1.0.0 NETSERV/0.1\nuser: janedoe\nttl: 600\nurl: http://127.0.0.1:%s/counter.jar\nmodule-digest: sha-256=%s\nfilter-proto: udp\nfilter-port: 5060\nfilter-dst: 10.61.1.0/24\n' \
     "$WWW_PORT" "$COUNTER" | ctl sign --key "$T/keys/janedoe.key" - | ctl send - | head -1)
[ "$r" = "NETSERV/0.1 200 installed" ] || fail "SETUP: $r"
base=$(received); plain0=$(click_read plain.count)
send_burst 50
module_saw() { [ "$(seen)" -ge 45 ]; }
wait_for 15 module_saw || fail "module saw $(seen) of 50"
wait_for 10 at_least $((base + 45)) || fail "after SETUP b received $(( $(received) - base )) of 50"
[ "$(click_read plain.count)" = "$plain0" ] || fail "packets still took the plain path: $(click_read plain.count) vs $plain0"
ok "after SETUP: module saw $(seen), back.count=$(click_read back.count), b received $(( $(received) - base ))/50, plain path untouched"

# --- REMOVE: plain path again ------------------------------------------------------------
r=$(printf 'REMOVE NetServ.test.counter_1.0.0 NETSERV/0.1\nuser: janedoe\n' | ctl sign --key "$T/keys/janedoe.key" - | ctl send - | head -1)
[ "$r" = "NETSERV/0.1 200 removed" ] || fail "REMOVE: $r"
base=$(received); back0=$(click_read back.count)
send_burst 50
wait_for 10 at_least $((base + 45)) || fail "after REMOVE b received $(( $(received) - base )) of 50"
[ "$(click_read back.count)" = "$back0" ] || fail "packets still went through the container"
ok "after REMOVE: b received $(( $(received) - base ))/50 on the plain path, container path idle"
echo PASS
