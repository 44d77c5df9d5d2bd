#!/usr/bin/env bash
# The same path as test-nsis-path.sh, but r1 and r2 intercept the way a
# NetServ router does: netserv-click runs click-configs/netserv-router.click,
# which diverts transit `udp dst port 270` to the signaling channel
# (ToUserDevice(S) -> fromclickS) and takes packets back from toclickS;
# netserv-nsisd uses interception = channel (PacketChannel "S").
# The router is started with click-configs/netserv-router.sh (which hands the
# interfaces to the engine and puts the router's addresses on a tap device, so
# the daemon's own sockets send through the graph).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
click="$top/build/bin/netserv-click"
cfg="$top/click-configs/netserv-router.click"
launcher="$top/click-configs/netserv-router.sh"
lib="$top/build/lib/libnetserv-bridge.so"
[ -x "$click" ] || { echo "skip: $click not built (make build)"; exit 77; }
[ -f "$cfg" ] || { echo "skip: router graph $cfg does not exist yet (router issue)"; exit 77; }
grep -q "ToUserDevice(S" "$cfg" || { echo "skip: $cfg has no ToUserDevice(S) signaling channel yet"; exit 77; }
[ -x "$launcher" ] || { echo "skip: $launcher does not exist yet (router issue)"; exit 77; }
[ -f "$lib" ] || { echo "skip: $lib not built (make build)"; exit 77; }

. "$(dirname "$0")/../netns/netns.sh"
ns_init
. "$(dirname "$0")/lib.sh"
need_jar
build_path
ns_exec pub "$SIGNAL" keygen --out "$work/pub.key" || fail "keygen"
# r1: IF0 eth0 10.147.1.254 (pub side), IF1 eth1 10.147.2.1; r2: IF0 eth0 10.147.3.254, IF1 eth1 10.147.4.1
start_router() {
  local r=$1 a0=$2 a1=$3 routes=$4
  mkdir -p "$work/$r.dev"
  ns_forwarding $r off
  ns_bg $r "click_$r" sh -c "exec '$launcher' --devdir '$work/$r.dev' -u '$work/$r.click.sock' TAP=nstap$r \
      IF0=eth0 IP0=$a0 IF1=eth1 IP1=$a1 'ROUTES=$routes' 2>>'$work/$r.click.log'"
  for i in $(seq 1 100); do [ -S "$work/$r.dev/fromclickS" ] && break; sleep 0.1; done
  [ -S "$work/$r.dev/fromclickS" ] || { cat "$work/$r.click.log"; fail "netserv-click on $r made no signaling channel"; }
}
start_router r1 10.147.1.254/24 10.147.2.1/24 "10.147.3.0/24 10.147.2.254 2, 10.147.4.0/24 10.147.2.254 2"
start_router r2 10.147.3.254/24 10.147.4.1/24 "10.147.1.0/24 10.147.3.1 1, 10.147.2.0/24 10.147.3.1 1"
ns_exec pub ping -c1 -W3 10.147.4.2 >/dev/null || { cat "$work/r1.click.log" "$work/r2.click.log"; fail "no forwarding through the Click routers"; }
INTERCEPT_PORT=0
start_node_channel() {
  local h=$1
  ns_bg "$h" "ctl_$h" python3 "$top/tests/nsis/test_controller.py" "$work/$h.ctl" "$h" "$work/$h.acted"
  printf 'node_id = %s\ninterception = channel\ndevdir = %s\ncontroller_socket = %s\nstatus_socket = %s\n' \
    "$h" "$work/$h.dev" "$work/$h.ctl" "$work/$h.status" > "$work/$h.conf"
  ns_bg "$h" "nsisd_$h" sh -c "exec '$NSISD' --config '$work/$h.conf' 2>>'$work/$h.log'"
  for i in $(seq 1 100); do [ -S "$work/$h.status" ] && return 0; sleep 0.1; done
  fail "netserv-nsisd on $h did not come up"
}
start_node_channel r1
start_node_channel r2
M=NetServ.apps.NetMonitor_1.0.0
signal setup $M --ttl 600
expect_rc 0 "setup through the Click signaling channel"
signal probe
expect_rc 0 "probe"
order=$(grep '^node-id:' "$work/out" | awk '{print $2}' | tr '\n' ' ')
[ "$order" = "r2 r1 " ] || fail "probe stack order '$order'"
[ "$(counter r1 intercepted)" -ge 1 ] && [ "$(counter r2 intercepted)" -ge 1 ] || fail "no interception through channel S"
pass "SETUP and PROBE intercepted through fromclickS on r1 and r2"
