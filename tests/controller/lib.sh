# Helpers for the controller integration tests (sourced).
# Real parts only: build/bin/netserv-click, build/bin/netserv-container, the controller jar.
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAR=$(ls "$top"/controller/core/target/netserv-controller-*-all.jar 2>/dev/null | head -1)
CLICK=$top/build/bin/netserv-click
LAUNCHER=$top/build/bin/netserv-container
BUNDLES=$top/build/container/bundles

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }
ok() { echo "ok - $*"; }

need_parts() {
  [ -n "$JAR" ] || skip "controller jar not built (mvn -pl controller/core -am install)"
  [ -x "$CLICK" ] || skip "build/bin/netserv-click not built"
  [ -x "$LAUNCHER" ] || skip "build/bin/netserv-container not built"
  [ -d "$BUNDLES/packet-dispatcher" ] || skip "container building block packet-dispatcher not built (build/container/bundles/packet-dispatcher)"
  "$CLICK" -q -e 'ns :: IPClassifier(false, -); Idle -> ns; ns[0] -> Discard; ns[1] -> Discard; ControlSocket(UNIX, /tmp/nsv-probe.sock); ToUserDevice(0); FromUserDevice(0) -> Discard; RatedSource -> MarkIPHeader -> Discard' >/dev/null 2>&1 \
    || skip "netserv-click lacks IPClassifier/ControlSocket/ToUserDevice/FromUserDevice/RatedSource/MarkIPHeader"
  [ "$(id -u)" = 0 ] || skip "needs root (containers drop to their own uid)"
  command -v python3 >/dev/null || skip "python3 missing"
  command -v curl >/dev/null || skip "curl missing"
}

ctl() { java -XX:TieredStopAtLevel=1 -Xshare:auto -cp "$JAR" org.netserv.controller.cli.NetservCtl \
          --socket "$T/run/controller.sock" --admin-socket "$T/run/controller-admin.sock" "$@"; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# click_read HANDLER: a read handler's value through the engine's ControlSocket
click_read() {
  python3 - "$T/click.sock" "$1" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.settimeout(5)
f = s.makefile('rb')
f.readline()
s.sendall(('READ %s\r\n' % sys.argv[2]).encode())
line = f.readline().decode()
if not line.startswith('200'):
    print('ERROR ' + line.strip()); sys.exit(1)
n = int(f.readline().decode().split()[1])
sys.stdout.write(f.read(n).decode())
PY
}

# wait_for SECONDS CMD...: poll until CMD succeeds (bounded)
wait_for() {
  local limit=$1; shift
  local end=$(( $(date +%s) + limit ))
  while [ "$(date +%s)" -le "$end" ]; do
    "$@" && return 0
    sleep 0.3
  done
  return 1
}

status_json() { curl -sf "http://127.0.0.1:$HTTP_PORT/status"; }

# jq-free JSON query: status_py 'EXPR over d'
status_py() { status_json | python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# container_list SLOT: the module ids the container itself reports (its control channel, LIST)
container_list() {
  python3 - "$T/run/container-$1.sock" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.settimeout(5)
f = s.makefile('rb')
def block():
    lines = []
    while True:
        l = f.readline().decode().rstrip('\r\n')
        if l == '' and lines: return lines
        if l != '': lines.append(l)
block()  # greeting
s.sendall(b'LIST\n\n')
print(' '.join(l.split()[1] for l in block()[1:] if l.startswith('module:')))
PY
}

# write_controller_conf: $T/controller.conf for a node under $T (policy $T/policy.xml, engine on
# $T/click.sock, status endpoint 127.0.0.1:$HTTP_PORT, real containers, bundles from the build).
# The tests' bundle servers run on loopback, which the node refuses to fetch from by default.
write_controller_conf() {
  cat > "$T/controller.conf" <<CONF
policy = $T/policy.xml
state_dir = $T/state
run_dir = $T/run
socket = $T/run/controller.sock
admin_socket = $T/run/controller-admin.sock
http = 127.0.0.1:$HTTP_PORT
forwarding_plane = unix:$T/click.sock
classifier = ns
containers = yes
container_launcher = $LAUNCHER
devdir = $T/dev
bundles_dir = $BUNDLES
netns = no
stop_containers_on_exit = yes
outbound_allow = 127.0.0.0/8
CONF
}

# containers_up N: the status endpoint reports N containers UP
containers_up() { [ "$(status_py "sum(1 for c in d['containers'].values() if c['state']=='UP')" 2>/dev/null)" = "$1" ]; }
