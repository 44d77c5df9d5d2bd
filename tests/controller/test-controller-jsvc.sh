#!/usr/bin/env bash
# The controller as a Commons Daemon service under Debian's jsvc: starts (init checks the
# policy), answers on its status endpoint and NCM socket, stops cleanly with -stop; a bad
# policy makes the start fail with the reason. Containers off: this is about the daemon entry.
set -u
. "$(dirname "$0")/lib.sh"
[ -n "$JAR" ] || skip "controller jar not built (mvn -pl controller/core -am install)"
command -v jsvc >/dev/null || skip "jsvc missing (Debian package jsvc)"
command -v curl >/dev/null || skip "curl missing"
[ "$(id -u)" = 0 ] || skip "jsvc needs root here"
T=$(mktemp -d /tmp/nsv-ctl-jsvc.XXXXXX)
cleanup() { [ -f "$T/pid" ] && kill "$(cat "$T/pid")" 2>/dev/null; sleep 0.3; rm -rf "$T"; }
trap cleanup EXIT
cp -r "$top/controller/examples/keys" "$T/keys"
sed "s#/var/lib/netserv/sandbox#$T/sandbox#" "$top/controller/examples/policy.xml" > "$T/policy.xml"
HTTP_PORT=$(free_port)
cat > "$T/controller.conf" <<CONF
policy = $T/policy.xml
state_dir = $T/state
run_dir = $T/run
socket = $T/run/controller.sock
admin_socket = $T/run/controller-admin.sock
http = 127.0.0.1:$HTTP_PORT
forwarding_plane = tcp:127.0.0.1:1
containers = no
CONF
JH=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
run_jsvc() { "$(command -v jsvc)" -home "$JH" -pidfile "$T/pid" -outfile "$T/out.log" -errfile '&1' -cp "$JAR" "$@" \
               org.netserv.controller.server.ControllerDaemon --config "$T/controller.conf"; }
run_jsvc -wait 30 || { cat "$T/out.log"; fail "jsvc start"; }
wait_for 20 curl -sf -o /dev/null "http://127.0.0.1:$HTTP_PORT/status" || { cat "$T/out.log"; fail "status endpoint"; }
node=$(curl -sf "http://127.0.0.1:$HTTP_PORT/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["node-id"])')
[ "$node" = netserv-r1 ] || fail "node-id $node"
ok "jsvc started the daemon; /status says node $node"
r=$(printf 'PROBE NETSERV/0.1\nprobe: capabilities\n' | ctl sign --key "$T/keys/janedoe.key" - | ctl send - | head -1)
[ "$r" = "NETSERV/0.1 200 OK" ] || fail "PROBE over the daemon's socket: $r"
ok "NCM socket answers: $r"
[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$HTTP_PORT/status")" = 405 ] || fail "status endpoint must be read-only"
ok "status endpoint refuses POST (405)"
run_jsvc -stop || fail "jsvc -stop"
wait_for 10 sh -c "! test -S '$T/run/controller.sock'" || fail "socket left after stop"
ok "jsvc -stop: daemon gone, sockets removed"
echo '<policy xmlns="urn:netserv:policy:1"><colour/></policy>' > "$T/policy.xml"
if run_jsvc -wait 20; then fail "started with a bad policy"; fi
grep -q "bad policy: .*colour" "$T/out.log" || { cat "$T/out.log"; fail "no reason for the failed start"; }
ok "bad policy: start refused ($(grep -o 'bad policy: .*' "$T/out.log" | head -1 | cut -c1-100))"
echo PASS
