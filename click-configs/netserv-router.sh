#!/usr/bin/env bash
# netserv-router.sh — start netserv-click as the router, in one command.
#
#   netserv-router.sh [OPTIONS] IF0=r0 IP0=10.60.1.254/24 IF1=r1 IP1=10.60.2.254/24 [VAR=value ...]
#
# Options:
#   --plain            run plain-router.click (no NetServ) instead of netserv-router.click
#   --config FILE      run FILE (same defines as netserv-router.click)
#   --devdir DIR       channel directory (default $NETSERV_DEVDIR or /run/netserv/dev)
#   -u, --unix PATH    ControlSocket on a UNIX socket (default /run/netserv/click.sock)
#   -p, --port PORT    ControlSocket on a TCP port (in addition; binds 127.0.0.1,
#                      hotconfig and ELEM.config writes refused on it)
#   --clickfs DIR      mount the /click handler filesystem at DIR
#   --cpu N            pin the engine to CPU N
#   --sniffer          leave the interfaces' kernel receive path alone (debugging)
#   --dry-run          print what would run, change nothing
#   -h, --help         print this help and exit
#   -V, --version      print the NetServ version and exit
# Every VAR=value is passed to the configuration as a define (ROUTES, NS0..NS3,
# SRC0..SRC3 and PASS0..PASS3 (what slot k may inject: its own sources and the
# destinations of the packets it passes on; default false = nothing),
# TAP, TAPMAC, CAPACITY, BURST; see the define block of the .click file), except
# SLOTS=N (1..64, default 4): the number of container slots; the script then
# runs a copy of the configuration whose "BEGIN SLOTS"/"END SLOTS" block has N
# ToUserDevice/FromUserDevice pairs and an N+1-output ns (NSk default false).
# MAC0/MAC1 are read from the interfaces; PLEN/NET are derived from IPn.
#
# What it does to the host: the physical interfaces lose their IPv4 addresses,
# IPv6 is disabled on them and a tc ingress "drop" filter keeps the Linux stack
# from also processing what they receive (the engine's AF_PACKET sockets see
# frames before tc ingress), so the engine owns them. The router's addresses
# live on the tap device (IP0 by KernelTap, IP1 added here) and a default route
# through the tap hands the router's own outgoing traffic to the graph.
# Stops (and undoes the tc filters) on SIGTERM/SIGINT; exits with the engine.
#
# Exit codes: 2 usage error or bad parameter (nothing changed); else the engine's
# (0 stopped by a signal, 1 configuration error).
#
# Examples:
#   netserv-router.sh IF0=eth1 IP0=10.1.0.254/24 IF1=eth2 IP1=10.2.0.254/24
#   netserv-router.sh --dry-run SLOTS=8 IF0=eth1 IP0=10.1.0.254/24 IF1=eth2 IP1=10.2.0.254/24
#   netserv-router.sh --plain -p 7777 IF0=eth1 IP0=10.1.0.254/24 IF1=eth2 IP1=10.2.0.254/24
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
CLICK=${NETSERV_CLICK:-$top/build/bin/netserv-click}
config=$here/netserv-router.click
devdir=${NETSERV_DEVDIR:-/run/netserv/dev}
ctl=/run/netserv/click.sock
port="" clickfs="" cpu="" sniffer=0 dry=0 raw_drops=()
declare -A def=()
order=()

die() { echo "netserv-router: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --plain) config=$here/plain-router.click; shift ;;
    --config) config=$2; shift 2 ;;
    --devdir) devdir=$2; shift 2 ;;
    -u|--unix) ctl=$2; shift 2 ;;
    -p|--port) port=$2; shift 2 ;;
    --clickfs) clickfs=$2; shift 2 ;;
    --cpu) cpu=$2; shift 2 ;;
    --sniffer) sniffer=1; shift ;;
    --dry-run) dry=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -V|--version) v=$("$CLICK" --version 2>/dev/null | sed -n '1s/^netserv-click (NetServ) //p' || true)
       [ -n "$v" ] || v=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$top/pom.xml" 2>/dev/null | head -1 || true)
       echo "netserv-router.sh (NetServ) ${v:-unknown}"; exit 0 ;;
    *=*) k=${1%%=*}; [[ $k =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "bad parameter name '$k'"
         [ -n "${def[$k]+x}" ] || order+=("$k"); def[$k]=${1#*=}; shift ;;
    *) die "unknown argument '$1' (try --help)" ;;
  esac
done
[ -x "$CLICK" ] || die "$CLICK not built (make build)"
[ -r "$config" ] || die "configuration $config not readable"
for k in IF0 IF1 IP0 IP1; do [ -n "${def[$k]:-}" ] || die "missing $k=... (e.g. IF0=eth1 IP0=10.1.0.254/24)"; done

ip2int() { local IFS=.; set -- $1; echo $(( ($1 << 24) | ($2 << 16) | ($3 << 8) | $4 )); }
int2ip() { echo "$(( ($1 >> 24) & 255 )).$(( ($1 >> 16) & 255 )).$(( ($1 >> 8) & 255 )).$(( $1 & 255 ))"; }
for i in 0 1; do
  ifn=${def[IF$i]} a=${def[IP$i]}
  [ -d /sys/class/net/$ifn ] || die "IF$i: no interface '$ifn' here"
  [[ $a =~ ^([0-9]{1,3}\.){3}[0-9]{1,3}/([0-9]|[12][0-9]|3[0-2])$ ]] || die "IP$i: expected ADDR/LEN like 10.1.0.254/24, got '$a'"
  addr=${a%/*} len=${a#*/}
  for o in ${addr//./ }; do [ "$o" -le 255 ] || die "IP$i: bad address '$addr'"; done
  mask=$(( len == 0 ? 0 : (0xFFFFFFFF << (32 - len)) & 0xFFFFFFFF ))
  def[IP$i]=$addr; def[PLEN$i]=$len; def[NET$i]=$(int2ip $(( $(ip2int "$addr") & mask )))/$len
  def[MAC$i]=$(cat /sys/class/net/$ifn/address)
  order+=(PLEN$i NET$i MAC$i)
done
def[DEVDIR]=$devdir; order+=(DEVDIR)
slots=${def[SLOTS]:-}
unset 'def[SLOTS]'
if [ -n "$slots" ]; then
  [[ $slots =~ ^[0-9]+$ ]] && [ "$slots" -ge 1 ] && [ "$slots" -le 64 ] || die "SLOTS: expected 1..64, got '$slots'"
  grep -q '^// BEGIN SLOTS' "$config" && grep -q '^// END SLOTS' "$config" || die "SLOTS: $config has no BEGIN SLOTS/END SLOTS block"
  gen=$(mktemp /tmp/netserv-router.XXXXXX.click)
  python3 - "$config" "$slots" >"$gen" <<'PY' || die "SLOTS: cannot generate the slot block"
import sys
text, n = open(sys.argv[1]).read(), int(sys.argv[2])
head, rest = text.split("// BEGIN SLOTS\n", 1)
_, tail = rest.split("// END SLOTS\n", 1)
block = ["ns :: IPClassifier(%s, -);" % ", ".join("$NS%d" % k for k in range(n))]
block += ["ns[%d] -> to%d :: ToUserDevice(%d, DEVDIR $DEVDIR, CAPACITY $CAPACITY);" % (k, k, k) for k in range(n)]
block += ["ns[%d] -> rt;" % n]
for k in range(n):
    block += [l.replace("@", str(k)) for l in (
        "from@ :: FromUserDevice(@, DEVDIR $DEVDIR) -> CheckIPHeader -> me@ :: IPClassifier(src host $IP0 or src host $IP1, -);",
        "me@[1] -> src@ :: IPClassifier($SRC@, $PASS@, -);",
        "src@[0] -> gia@ :: GetIPAddress(16) -> rt;",
        "src@[1] -> tome@ :: IPClassifier(dst host $IP0 or dst host $IP1, -);",
        "tome@[1] -> gia@;",
        "me@[0] -> forged@ :: Counter -> Discard;",
        "tome@[0] -> forged@;",
        "src@[2] -> forged@;")]
sys.stdout.write(head + "// BEGIN SLOTS (%d slots, generated by netserv-router.sh)\n" % n + "\n".join(block) + "\n// END SLOTS\n" + tail)
PY
  config=$gen
  for ((k = 4; k < slots; k++)); do
    for v in NS SRC PASS; do [ -n "${def[$v$k]:-}" ] || { def[$v$k]=false; order+=($v$k); }; done
  done
  echo "netserv-router: $slots slots: running $gen" >&2
fi
tap=${def[TAP]:-nstap0}

args=(-f "$config")
[ -n "$ctl" ] && args+=(-u "$ctl")
[ -n "$port" ] && args+=(-p "$port")
[ -n "$clickfs" ] && args+=(--clickfs "$clickfs")
declare -A seen=()
for k in "${order[@]}"; do [ -n "${seen[$k]:-}" ] && continue; [ -n "${def[$k]+x}" ] || continue; seen[$k]=1; args+=("$k=${def[$k]}"); done
pin=(); [ -n "$cpu" ] && pin=(taskset -c "$cpu")
if [ $dry = 1 ]; then printf '%q ' "${pin[@]}" "$CLICK" "${args[@]}"; echo; exit 0; fi

own_ifs() {
  local ifn=$1
  ip -4 addr flush dev "$ifn"
  sysctl -qw "net.ipv6.conf.$ifn.disable_ipv6=1" 2>/dev/null || true
  ip link set "$ifn" up
  # the engine forwards frames as received: no GRO/LRO aggregates (FromDevice drops them)
  command -v ethtool >/dev/null && ethtool -K "$ifn" gro off lro off >/dev/null 2>&1 || true
  [ $sniffer = 1 ] && return 0
  # frames still reach AF_PACKET (taps run before tc ingress); the stack never sees them
  if ! { tc qdisc replace dev "$ifn" clsact && tc filter replace dev "$ifn" ingress pref 49152 matchall action drop; } 2>/dev/null; then
    echo "netserv-router: tc ingress drop unavailable on $ifn; using NOARP + a raw-table drop instead" >&2
    ip link set "$ifn" arp off
    sysctl -qw "net.ipv4.conf.$ifn.rp_filter=1" "net.ipv4.conf.$ifn.forwarding=0" || true
    # without it the stack routes (and answers with ICMP) every frame: ~0.35 us a frame (dataplane/PERFORMANCE.md)
    iptables -t raw -I PREROUTING -i "$ifn" -j DROP 2>/dev/null && raw_drops+=("$ifn") || true
  fi
}
release_ifs() {
  for i in 0 1; do tc qdisc del dev "${def[IF$i]}" clsact 2>/dev/null || true; done
  for i in "${raw_drops[@]}"; do iptables -t raw -D PREROUTING -i "$i" -j DROP 2>/dev/null || true; done
  [ -n "${gen:-}" ] && rm -f "$gen"
}
mkdir -p "$devdir" "$(dirname "$ctl")"
own_ifs "${def[IF0]}"; own_ifs "${def[IF1]}"

"${pin[@]}" "$CLICK" "${args[@]}" &
engine=$!
stop() { kill -TERM $engine 2>/dev/null || true; }
trap stop TERM INT
trap release_ifs EXIT
# the tap exists once the engine has initialized: add the other address and the
# default route (host-originated traffic to anywhere goes through the graph)
for _ in $(seq 100); do
  [ -d /sys/class/net/$tap ] && break
  kill -0 $engine 2>/dev/null || break
  sleep 0.1
done
if [ -d /sys/class/net/$tap ]; then
  ip addr replace "${def[IP1]}/${def[PLEN1]}" dev "$tap"
  ip route replace default dev "$tap" 2>/dev/null || true
  echo "netserv-router: running (pid $engine) on ${def[IF0]} ${def[IF1]}, tap $tap, channels in $devdir, control $ctl" >&2
fi
set +e
wait $engine; rc=$?
# wait returns early when a trapped signal arrives: wait for the engine itself
while kill -0 $engine 2>/dev/null; do wait $engine; rc=$?; done
exit $rc
