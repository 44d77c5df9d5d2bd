#!/usr/bin/env bash
# Interoperation with the real NetServ controller (controller/): netserv-nsisd
# passes the NCM text to it over its UNIX socket and returns its block. The
# controller checks the publisher's signature over the canonical bytes (the
# same definition on both sides, DESIGN §3.3), the timestamp and the nonce:
# a PROBE signed with janedoe's example key succeeds, one signed with bob's
# key for user janedoe is refused (401, exit 1).
# Path: pub -- node, the Query addressed to the node itself.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cjar=$(ls "$top"/controller/core/target/netserv-controller-*-all.jar 2>/dev/null | head -1)
[ -n "$cjar" ] || { echo "skip: controller jar not built (mvn -pl controller/core -am install)"; exit 77; }
. "$(dirname "$0")/../netns/netns.sh"
ns_init
. "$(dirname "$0")/lib.sh"
need_jar
ns_host pub; ns_host node
ns_link pub eth0 node eth0
ns_addr pub eth0 10.147.1.1/24; ns_addr node eth0 10.147.1.254/24
ex="$top/controller/examples"
mkdir -p "$work/state" "$work/run"
sed -e "s#keys/#$ex/keys/#g" -e "s#<node id=\"netserv-r1\">#<node id=\"r1\">#" "$ex/policy.xml" > "$work/policy.xml"
cat > "$work/controller.conf" <<CONF
policy = $work/policy.xml
state_dir = $work/state
run_dir = $work/run
socket = $work/controller.sock
admin_socket = $work/admin.sock
http = 127.0.0.1:0
forwarding_plane = tcp:127.0.0.1:1
containers = no
CONF
ns_bg node ctl sh -c "exec java -jar '$cjar' --config '$work/controller.conf' 2>>'$work/controller.log'"
for i in $(seq 1 150); do [ -S "$work/controller.sock" ] && break; sleep 0.1; done
[ -S "$work/controller.sock" ] || { cat "$work/controller.log"; fail "the controller did not come up"; }
printf 'node_id = r1\ncontroller_socket = %s\nstatus_socket = %s\n' "$work/controller.sock" "$work/node.status" > "$work/node.conf"
ns_bg node nsisd sh -c "exec '$NSISD' --config '$work/node.conf' 2>>'$work/r1.log'"
for i in $(seq 1 100); do [ -S "$work/node.status" ] && break; sleep 0.1; done
probe() {
  rc=0
  ns_exec pub "$SIGNAL" probe --user janedoe --key "$1" --dest 10.147.1.254 --probe status,capabilities "${@:2}" > "$work/out" 2> "$work/err" || rc=$?
}
probe "$ex/keys/janedoe.key"
[ "$rc" -eq 0 ] || { cat "$work/out" "$work/err" "$work/controller.log"; fail "PROBE signed by janedoe: exit $rc"; }
grep -q '^node-id: r1' "$work/out" && grep -q '^capabilities: ' "$work/out" || fail "no capabilities from the controller"
pass "PROBE signed with the user's key accepted by the real controller"
probe "$ex/keys/bob.key"
[ "$rc" -eq 1 ] || fail "PROBE signed by bob for janedoe: exit $rc, expected 1 (refused)"
grep -q '^NETSERV/0.1 401' "$work/out" || fail "no 401 from the controller"
pass "PROBE with a signature by the wrong key refused (401, exit 1)"
