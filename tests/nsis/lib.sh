# Shared set-up of the nsis netns tests: the path
#
#   pub --- r1 --- plain --- r2 --- user
#   10.147.1.1  .1.254|.2.1  .2.254|.3.1  .3.254|.4.1  10.147.4.2
#
# r1 and r2 are NetServ nodes (netserv-nsisd + a stand-in controller),
# `plain` is a router without NetServ. Source after netns.sh; needs root.
# Interception without the Click graph: netfilter REDIRECT of transit UDP 270
# to the daemon's intercept port (RedirectInterceptor).

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
NSISD="$top/nsis/bin/netserv-nsisd"
SIGNAL="$top/nsis/bin/netserv-signal"
INTERCEPT_PORT=27270
work=$(mktemp -d /tmp/nsis-test.XXXXXX)
trap 'ns_cleanup; rm -rf "$work"' EXIT

need_jar() {
  ls "$top"/nsis/core/target/netserv-nsis-*-all.jar >/dev/null 2>&1 \
    || { echo "nsis jar not built: run 'make build' (mvn -pl nsis/core -am install)" >&2; exit 1; }
}

build_path() {
  ns_host pub; ns_host r1; ns_host plain; ns_host r2; ns_host user
  ns_link pub eth0 r1 eth0;   ns_link r1 eth1 plain eth0
  ns_link plain eth1 r2 eth0; ns_link r2 eth1 user eth0
  ns_addr pub eth0 10.147.1.1/24
  ns_addr r1 eth0 10.147.1.254/24;  ns_addr r1 eth1 10.147.2.1/24
  ns_addr plain eth0 10.147.2.254/24; ns_addr plain eth1 10.147.3.1/24
  ns_addr r2 eth0 10.147.3.254/24;  ns_addr r2 eth1 10.147.4.1/24
  ns_addr user eth0 10.147.4.2/24
  ns_route pub default via 10.147.1.254
  ns_route r1 default via 10.147.2.254
  ns_route plain 10.147.1.0/24 via 10.147.2.1
  ns_route plain 10.147.4.0/24 via 10.147.3.254
  ns_route r2 default via 10.147.3.1
  ns_route user default via 10.147.4.1
  for r in r1 plain r2; do ns_forwarding $r on; done
  ns_exec pub ping -c1 -W2 10.147.4.2 >/dev/null || { echo "path pub -> user does not route" >&2; exit 1; }
}

# intercept HOST: divert transit GIST (UDP 270 not addressed to HOST) to the daemon
intercept() {
  ns_exec "$1" iptables -t nat -A PREROUTING -p udp --dport 270 -m addrtype ! --dst-type LOCAL \
    -j REDIRECT --to-ports $INTERCEPT_PORT
}

unintercept() {
  ns_exec "$1" iptables -t nat -F PREROUTING
  ns_exec "$1" sh -c 'command -v conntrack >/dev/null && conntrack -F' >/dev/null 2>&1 || true
}

# start_node HOST NODE_ID [extra config lines...]
start_node() {
  local h=$1 id=$2; shift 2
  # both run inside the node's namespace (so ns_cleanup ends them); UNIX sockets are files
  ns_bg "$h" "ctl_$h" python3 "$top/tests/nsis/test_controller.py" "$work/$h.ctl" "$id" "$work/$h.acted"
  {
    echo "node_id = $id"
    echo "interception = redirect:$INTERCEPT_PORT"
    echo "controller_socket = $work/$h.ctl"
    echo "status_socket = $work/$h.status"
    for l in "$@"; do echo "$l"; done
  } > "$work/$h.conf"
  ns_bg "$h" "nsisd_$h" sh -c "exec '$NSISD' --config '$work/$h.conf' 2>>'$work/$h.log'"
  local i
  for i in $(seq 1 100); do
    [ -S "$work/$h.status" ] && [ -S "$work/$h.ctl" ] && return 0
    sleep 0.1
  done
  echo "netserv-nsisd on $h did not come up; its log:" >&2
  cat "$work/$h.log" >&2 2>/dev/null
  exit 1
}

stop_node() {
  local v="nsisd_$1"
  kill "${!v}" 2>/dev/null; wait "${!v}" 2>/dev/null
  rm -f "$work/$1.status"
}

# counter HOST NAME: a counter from the daemon's status socket (0 when absent)
counter() {
  python3 - "$work/$1.status" "$2" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
data = b""
while True:
    d = s.recv(65536)
    if not d: break
    data += d
for line in data.decode().splitlines():
    k, _, v = line.partition(": ")
    if k == sys.argv[2]:
        print(v); break
else:
    print(0)
PY
}

# signal ARGS...: runs netserv-signal in pub; stdout in $work/out, rc in $rc
signal() {
  rc=0
  ns_exec pub "$SIGNAL" "$@" --key "$work/pub.key" --dest 10.147.4.2 > "$work/out" 2> "$work/err" || rc=$?
}

expect_rc() {
  [ "$rc" -eq "$1" ] || { echo "FAIL: $2: exit $rc, expected $1"; cat "$work/out" "$work/err"; dump_logs; exit 1; }
}

dump_logs() {
  local h
  for h in r1 r2; do echo "--- $h daemon log (tail)"; tail -30 "$work/$h.log" 2>/dev/null; done
}

pass() { echo "ok - $*"; }
fail() { echo "FAIL: $*"; cat "$work/out" "$work/err" 2>/dev/null; dump_logs; exit 1; }
