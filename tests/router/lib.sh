# tests/router/lib.sh — shared setup for the router tests (source it).
#   snd(eth0 10.60.1.1) -- (r0) rtr (r1) -- (eth0 10.60.2.1)rcv
# The engine runs in rtr through click-configs/netserv-router.sh; the router's
# addresses 10.60.1.254 and 10.60.2.254 live on its tap device.
set -uo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$top/tests/netns/netns.sh"
CLICK=$top/build/bin/netserv-click
SND=10.60.1.1 RCV=10.60.2.1 R0=10.60.1.254 R1=10.60.2.254
FAILS=0

skip() { echo "SKIP: $*"; exit 77; }
ok() { echo "ok - $*"; }
bad() { echo "not ok - $*"; FAILS=$((FAILS + 1)); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
finish() { if [ $FAILS -eq 0 ]; then echo PASS; exit 0; else echo "FAIL ($FAILS)"; exit 1; fi; }

rt_require() {
  [ -x "$CLICK" ] || skip "build/bin/netserv-click not built (make build)"
  [ "$(id -u)" -eq 0 ] || skip "router tests need root (network namespaces)"
  [ -c /dev/net/tun ] || skip "/dev/net/tun missing: KernelTap cannot create the router's tap"
}

rt_topology() {
  ns_init
  WORK=$(mktemp -d /tmp/nsrouter.XXXXXX)
  trap 'rt_stop; ns_cleanup; rm -rf "$WORK"' EXIT
  DEVDIR=$WORK/dev CTL=$WORK/click.sock
  ns_host snd; ns_host rtr; ns_host rcv
  ns_link snd eth0 rtr r0
  ns_link rtr r1 rcv eth0
  ns_addr snd eth0 $SND/24; ns_addr rcv eth0 $RCV/24
  ns_route snd default via $R0; ns_route rcv default via $R1
  # snd and rcv stand for hosts behind physical links: segments leave them as
  # wire-sized frames (a veth would otherwise carry 64 KB TSO/GSO aggregates)
  if command -v ethtool >/dev/null; then
    ns_exec snd ethtool -K eth0 tso off gso off >/dev/null 2>&1 || true
    ns_exec rcv ethtool -K eth0 tso off gso off >/dev/null 2>&1 || true
  fi
}

# rt_start [netserv-router.sh options and VAR=value...]
rt_start() {
  # every slot is a tenant owning rcv's network: it may send from there and pass
  # diverted packets on toward it (the graph drops anything else it injects)
  local k slots=()
  for k in 0 1 2 3; do slots+=("SRC$k=src net 10.60.2.0/24" "PASS$k=dst net 10.60.2.0/24"); done
  ns_bg rtr RTR_PID "$top/click-configs/netserv-router.sh" --devdir "$DEVDIR" -u "$CTL" \
    IF0=r0 IP0=$R0/24 IF1=r1 IP1=$R1/24 "${slots[@]}" "$@" >"$WORK/router.log" 2>&1
  local i
  for i in $(seq 100); do
    [ -S "$CTL" ] && ns_exec rtr ip -4 addr show dev nstap0 2>/dev/null | grep -q "$R1" && return 0
    kill -0 "$RTR_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "router did not start:"; cat "$WORK/router.log"; exit 1
}
rt_stop() {
  if [ -n "${RTR_PID:-}" ] && kill -0 "$RTR_PID" 2>/dev/null; then
    kill -TERM "$RTR_PID"
    for _ in $(seq 50); do kill -0 "$RTR_PID" 2>/dev/null || break; sleep 0.1; done
  fi
  RTR_PID=
}
hread() { python3 "$top/tests/router/clickctl.py" "$CTL" read "$1"; }
hwrite() { python3 "$top/tests/router/clickctl.py" "$CTL" write "$1" "$2"; }

UDPTOOL=$top/tests/router/udptool.py PEER=$top/tests/router/chanpeer.py
# udp_recv HOST BIND PORT SECONDS LOG PIDVAR — starts a receiver and waits until it is bound
udp_recv() {
  local h=$1 bind=$2 port=$3 secs=$4 log=$5 var=$6
  : >"$log.ready"
  ns_bg "$h" "$var" python3 "$UDPTOOL" recv "$bind" "$port" "$secs" "$log" >"$log.ready"
  for _ in $(seq 150); do grep -q ready "$log.ready" 2>/dev/null && return 0; sleep 0.1; done
  echo "receiver on $h:$port did not start"; return 1
}
# peer_start NAME MODE LOG PIDVAR [SECONDS] — channel peer, waits until connected
peer_start() {
  local name=$1 mode=$2 log=$3 var=$4 secs=${5:-120}
  : >"$log.out"
  python3 "$PEER" "$DEVDIR" "$name" "$mode" "$log" "$secs" >"$log.out" 2>&1 &
  printf -v "$var" '%s' $!
  for _ in $(seq 150); do grep -q connected "$log.out" 2>/dev/null && return 0; sleep 0.1; done
  echo "channel peer $name did not connect"; cat "$log.out"; return 1
}
lines() { [ -f "$1" ] && wc -l <"$1" | tr -d ' ' || echo 0; }
# The engine runs under `ip netns exec`, which gives it a private mount
# namespace: its /click mount is only visible from inside (nsenter).
in_rtr_fs() { nsenter -t "$RTR_PID" -m -- "$@"; }
# fs_write FILE TEXT — writes like a program that checks close(2); fails with the errno
fs_write() { in_rtr_fs python3 -c "import sys; f=open(sys.argv[1],'w'); f.write(sys.argv[2]); f.close()" "$1" "$2" 2>"$WORK/fs_write.err"; }
