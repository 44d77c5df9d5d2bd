#!/usr/bin/env bash
# The node dashboard (issue 19 item 2) in headless Chromium against the real parts:
# netserv-click (RatedSource -> ns IPClassifier -> ToUserDevice slot 0, Counters),
# the controller with a supervised netserv-container, a bundle on a real HTTP server,
# SETUP/REMOVE signed and sent with netserv-ctl. DashboardBrowserCheck (Selenium ->
# chromedriver) checks the graph equals the engine's element list, edge counts move, the
# module appears within 2 s of the SETUP answer and goes within 2 s of the REMOVE answer,
# and saves build/dashboard.png.
set -u
. "$(dirname "$0")/../controller/lib.sh"
need_parts
command -v chromium >/dev/null && command -v chromedriver >/dev/null \
  || skip "chromium/chromium-driver not installed (deps/debian-packages.txt; make deps)"
CP=$(cd "$top" && mvn -B -ntp -q -pl controller/core dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test 2>/dev/null)
[ -n "$CP" ] && [ -f "$top/controller/core/target/test-classes/org/netserv/controller/dashboard/DashboardBrowserCheck.class" ] \
  || skip "controller test classes not built (mvn -pl controller/core test-compile)"

T=$(mktemp -d /tmp/nsv-dash.XXXXXX); chmod 755 "$T"
CPID= CLICKPID= HTTPPID=
cleanup() {
  [ -n "$CPID" ] && kill "$CPID" 2>/dev/null && wait "$CPID" 2>/dev/null
  [ -n "$CLICKPID" ] && kill "$CLICKPID" 2>/dev/null
  [ -n "$HTTPPID" ] && kill "$HTTPPID" 2>/dev/null
  for p in "$T"/state/containers/*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null; done
  sleep 0.5; rm -rf "$T"
}
[ -n "${KEEP:-}" ] && cleanup() { echo "kept $T"; }
trap cleanup EXIT
mkdir -p "$T/dev" "$T/run" "$T/www" "$T/keys"

cat > "$T/router.click" <<CLICK
src :: RatedSource(DATA "\<4500001c 00000000 40110000 0a3c0001 0a3d0105 04d213c4 00080000>", RATE 200, LIMIT -1)
  -> MarkIPHeader -> in :: Counter -> ns :: IPClassifier(false, -);
ns[0] -> ToUserDevice(0, DEVDIR $T/dev);
ns[1] -> fwd :: Counter -> q :: Queue(100) -> Unqueue -> Discard;
FromUserDevice(0, DEVDIR $T/dev) -> back :: Counter -> Discard;
ControlSocket(UNIX, $T/click.sock);
CLICK
"$CLICK" -f "$T/router.click" > "$T/click.log" 2>&1 & CLICKPID=$!
wait_for 10 test -S "$T/click.sock" || { cat "$T/click.log"; fail "netserv-click did not start"; }
click_read list | tail -n +2 > "$T/elements.txt"
ok "netserv-click up: $(wc -l < "$T/elements.txt") elements"

ctl keygen "$T/keys/janedoe" || fail keygen
cp "$top"/container/test-bundles/target/netserv-container-test-bundles-*-counter.jar "$T/www/counter.jar" 2>/dev/null \
  || skip "container test bundles not built (container/test-bundles)"
WWW_PORT=$(free_port)
python3 -m http.server "$WWW_PORT" --bind 127.0.0.1 --directory "$T/www" > "$T/www.log" 2>&1 & HTTPPID=$!
wait_for 10 curl -sf -o /dev/null "http://127.0.0.1:$WWW_PORT/counter.jar" || fail "http server"
COUNTER=$(sha256sum "$T/www/counter.jar" | cut -d' ' -f1)

cat > "$T/policy.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<policy xmlns="urn:netserv:policy:1">
  <node id="dash-r1"><address>10.60.0.1</address><building-blocks>packet-dispatcher</building-blocks></node>
  <replay window-seconds="120" nonce-cache="1000"/>
  <slot number="0">
    <user>janedoe</user><key file="keys/janedoe.pub"/><uid>10040</uid><gid>10040</gid>
    <ports>5060</ports><prefix>10.61.0.0/16</prefix>
    <sandbox>$T/sandbox/0</sandbox>
    <limits memory-mb="256" max-modules="3" max-module-bytes="200000"/>
    <building-blocks>packet-dispatcher</building-blocks>
  </slot>
</policy>
XML
HTTP_PORT=$(free_port)
write_controller_conf
java -jar "$JAR" --config "$T/controller.conf" >> "$T/controller.log" 2>&1 & CPID=$!
wait_for 60 containers_up 1 || { tail -30 "$T/controller.log"; fail "controller/container did not come up"; }
ok "controller up, container UP"

# read-only: the dashboard refuses anything but GET/HEAD
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$HTTP_PORT/dashboard/events")
[ "$code" = 405 ] || fail "POST /dashboard/events answered $code, want 405"
ok "POST to the dashboard: 405"

M=NetServ.test.counter_1.0.0
JAVA_CTL="java -XX:TieredStopAtLevel=1 -cp $JAR org.netserv.controller.cli.NetservCtl --socket $T/run/controller.sock --admin-socket $T/run/controller-admin.sock"
cat > "$T/setup.sh" <<SH
set -o pipefail
printf 'SETUP $M NETSERV/0.1\nuser: janedoe\nttl: 600\nurl: http://127.0.0.1:$WWW_PORT/counter.jar\nmodule-digest: sha-256=$COUNTER\nfilter-proto: udp\nfilter-port: 5060\nfilter-dst: 10.61.1.0/24\n' \
  | $JAVA_CTL sign --key $T/keys/janedoe.key - | $JAVA_CTL send - | head -1 | grep '^NETSERV/0.1 200 '
SH
cat > "$T/remove.sh" <<SH
set -o pipefail
printf 'REMOVE $M NETSERV/0.1\nuser: janedoe\n' | $JAVA_CTL sign --key $T/keys/janedoe.key - | $JAVA_CTL send - | head -1 | grep '^NETSERV/0.1 200 '
SH
mkdir -p "$top/build"
timeout 150 java -cp "$top/controller/core/target/test-classes:$CP" org.netserv.controller.dashboard.DashboardBrowserCheck \
  "http://127.0.0.1:$HTTP_PORT/dashboard/" "$T/elements.txt" "$M" "bash $T/setup.sh" "bash $T/remove.sh" \
  "$top/build/dashboard.png" 2>"$T/browser.err" || { tail -20 "$T/browser.err"; tail -20 "$T/controller.log"; fail "browser check"; }
ok "dashboard checked in headless Chromium; screenshot build/dashboard.png"
