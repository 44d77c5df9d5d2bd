#!/usr/bin/env bash
# netns.sh — network-namespace topologies for NetServ tests.
#
# Source it from a test script:
#     . tests/netns/netns.sh
#     ns_init                        # refuses when not root; sweeps stale namespaces; cleans up on exit
#     ns_host a; ns_host r; ns_host b
#     ns_link a eth0 r eth0          # veth pair a:eth0 <-> r:eth0  [MTU as 5th argument]
#     ns_addr a eth0 10.0.1.1/24;  ns_addr r eth0 10.0.1.254/24
#     ns_route a default via 10.0.1.254
#     ns_forwarding r on
#     ns_exec a ping -c1 10.0.2.1
#
# Namespace names are  nsv-<owner pid>-<host>  (project prefix + run id). A run
# removes its own on exit (success, failure, Ctrl-C) and, at start, every
# nsv-<pid>-* whose owner process no longer exists: what a crashed run left.
# Also a command:  netns.sh sweep   (remove stale namespaces)   netns.sh list

NS_PREFIX=nsv
NS_RUN=${NS_RUN:-$$}

ns_die() { echo "netns: $*" >&2; exit 1; }

ns_require_root() {
  [ "$(id -u)" -eq 0 ] || ns_die "network-namespace tests need root (ip netns add); run as root — not skipping silently"
  command -v ip >/dev/null || ns_die "iproute2 ('ip') is not installed; run 'make deps'"
}

# Removes namespaces whose owning run (pid in the name) is gone.
ns_sweep() {
  local n pid
  for n in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^${NS_PREFIX}-[0-9]*-" || true); do
    pid=${n#${NS_PREFIX}-}; pid=${pid%%-*}
    if [ ! -d "/proc/$pid" ]; then
      ns_kill_procs "$n"
      ip netns del "$n" 2>/dev/null && echo "netns: removed stale namespace $n (run $pid is gone)" >&2
    fi
  done
  return 0
}

ns_name() { echo "${NS_PREFIX}-${NS_RUN}-$1"; }

# Ends processes still running inside a namespace (only ours: the namespace is ours).
ns_kill_procs() {
  local pids
  pids=$(ip netns pids "$1" 2>/dev/null || true)
  [ -n "$pids" ] && kill $pids 2>/dev/null
  sleep 0.1
  pids=$(ip netns pids "$1" 2>/dev/null || true)
  [ -n "$pids" ] && kill -9 $pids 2>/dev/null
  return 0
}

ns_cleanup() {
  local n
  for n in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^${NS_PREFIX}-${NS_RUN}-" || true); do
    ns_kill_procs "$n"
    ip netns del "$n" 2>/dev/null || true
  done
}

ns_init() {
  ns_require_root
  ns_sweep
  trap 'ns_cleanup' EXIT
  trap 'ns_cleanup; exit 130' INT TERM
}

ns_host() {
  local n; n=$(ns_name "$1")
  ip netns add "$n" || ns_die "cannot create namespace $n"
  ip -n "$n" link set lo up
}

# ns_link HOST_A IF_A HOST_B IF_B [MTU]
ns_link() {
  local a b; a=$(ns_name "$1"); b=$(ns_name "$3")
  ip link add "$2" netns "$a" type veth peer name "$4" netns "$b" || ns_die "cannot link $1:$2 -- $3:$4"
  if [ -n "${5:-}" ]; then
    ip -n "$a" link set "$2" mtu "$5"; ip -n "$b" link set "$4" mtu "$5"
  fi
  ip -n "$a" link set "$2" up
  ip -n "$b" link set "$4" up
}

# ns_addr HOST IF ADDR/PREFIX
ns_addr() { ip -n "$(ns_name "$1")" addr add "$3" dev "$2" || ns_die "cannot add $3 to $1:$2"; }

# ns_route HOST ROUTE...   e.g. ns_route a default via 10.0.1.254
ns_route() { local h=$1; shift; ip -n "$(ns_name "$h")" route add "$@" || ns_die "cannot add route '$*' in $h"; }

# ns_forwarding HOST on|off
ns_forwarding() {
  local v=0; [ "$2" = on ] && v=1
  ip netns exec "$(ns_name "$1")" sysctl -qw net.ipv4.ip_forward=$v
}

# ns_exec HOST CMD...  runs CMD inside HOST's namespace
ns_exec() { local h=$1; shift; ip netns exec "$(ns_name "$h")" "$@"; }

# ns_bg HOST PIDVAR CMD...  starts CMD in the background inside HOST; its pid goes into PIDVAR
ns_bg() { local h=$1 var=$2; shift 2; ip netns exec "$(ns_name "$h")" "$@" & printf -v "$var" '%s' $!; }

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case "${1:-}" in
    sweep) ns_require_root; ns_sweep ;;
    list) ip netns list | grep "^${NS_PREFIX}-" || true ;;
    *) echo "usage: netns.sh sweep|list   (or source it from a test script)" >&2; exit 2 ;;
  esac
fi
