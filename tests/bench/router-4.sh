# Benchmark configuration 4: the NetServ graph (click-configs/netserv-router.click),
# all UDP classified to container slot 0 and served by a real service container
# (build/bin/netserv-container: JVM + Equinox + packet dispatcher) with no module.
# router-5.sh / router-6.sh add NetMonitor / KeepAlive. Owned by the container part.
. "$top/tests/bench/router-2p.sh"
BENCH_CONTAINER_UID=${BENCH_CONTAINER_UID:-41090}

# rtr_start_container [JAR MODULE-ID PROPERTIES]: container slot 0 on the engine's channel 0.
rtr_start_container() {
  local d="$BENCH_RTR_DIR" jar=${1:-} id=${2:-} props=${3:-}
  [ -x "$top/build/bin/netserv-container" ] || { echo "netserv-container not built"; return 1; }
  [ "$(id -u)" = 0 ] || { echo "the container needs root to set up"; return 1; }
  cat > "$d/container.conf" <<CONF
slot = 0
user = bench
uid = $BENCH_CONTAINER_UID
gid = $BENCH_CONTAINER_UID
sandbox = $d/sandbox
control_socket = $d/container.sock
channel = 0
devdir = $d/dev
building_blocks = packet-dispatcher
memory_mb = 768
pids_max = 500
CONF
  taskset -c "$RTR_CPU" "$top/build/bin/netserv-container" --config "$d/container.conf" >"$d/container.log" 2>&1 &
  echo $! > "$d/container.pid"
  for _ in $(seq 300); do
    grep -q "netserv-container: ready" "$d/container.log" 2>/dev/null && break
    kill -0 "$(cat "$d/container.pid")" 2>/dev/null || { echo "container exited: $(tail -1 "$d/container.log")"; return 1; }
    sleep 0.1
  done
  if [ -n "$jar" ]; then
    cp "$jar" "$d/sandbox/module.jar"
    local digest reply
    digest=$(sha256sum "$d/sandbox/module.jar" | cut -d' ' -f1)
    reply=$(python3 - "$d/container.sock" "$id" "$d/sandbox/module.jar" "$digest" "$props" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX); s.settimeout(30); s.connect(sys.argv[1]); f = s.makefile("rw")
def block():
    out = []
    while True:
        l = f.readline()
        if l in ("", "\n"): return out
        out.append(l.rstrip("\n"))
block()
f.write("INSTALL %s\npath: %s\ndigest: sha-256=%s\nproperties: %s\n\n" % tuple(sys.argv[2:6])); f.flush()
print(" ".join(block()))
PY
)
    [ "${reply%% *}" = 0 ] || { echo "installing $id failed: $reply"; return 1; }
  fi
  for _ in $(seq 100); do
    [ "$(python3 "$top/tests/router/clickctl.py" "$d/click.sock" read to0.connected 2>/dev/null)" = true ] && return 0
    sleep 0.1
  done
  echo "the container did not connect to channel 0: $(tail -1 "$d/container.log")"; return 1
}

router_setup() {
  [ -x "$top/build/bin/netserv-click" ] || { echo "netserv-click not built"; return 1; }
  rtr_start_engine NS0=udp "PASS0=dst net 10.77.0.0/16" || return 1
  rtr_start_container
}

# the container's cgroups outlive it; the next run of slot 0 would reuse them anyway
eval "$(declare -f router_teardown | sed 's/^router_teardown/rtr_teardown_processes/')"
router_teardown() {
  rtr_teardown_processes
  local c
  for c in /sys/fs/cgroup/*/netserv-slot0-* /sys/fs/cgroup/memory/*/*/netserv-slot0-*; do
    [ -d "$c" ] && rmdir "$c" 2>/dev/null
  done
  return 0
}
