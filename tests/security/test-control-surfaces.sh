#!/usr/bin/env bash
# Attacks on the engine's control surfaces (issue #14 item 1; DESIGN.md 3.7):
# the ControlSocket over TCP from an end user's host, from a publisher's host and
# from the router itself as a tenant's uid; the UNIX socket and the /click
# filesystem as a tenant's uid. The router is started the way an operator who
# asks for a TCP socket would (netserv-router.sh -p 7777 --clickfs DIR). Every
# attack must fail (refused / EACCES / 530), ns.config must be what root last
# wrote, and forwarding must keep working meanwhile.
#
# "As a tenant's uid" runs in the router's own network and mount namespaces:
# a stronger position than a real container's (own netns, read-only mounts,
# hidden device directory), so whatever fails here fails there too.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rt_require
command -v setpriv >/dev/null || skip "setpriv (util-linux) missing"
rt_topology
chmod 755 "$WORK"   # the tenant may reach the socket's directory: the socket itself must hold
MNT=$WORK/click
fs=0
if [ -c /dev/fuse ] && "$CLICK" --help | grep -q -- --clickfs; then fs=1; fi
opts=(-p 7777)
[ $fs = 1 ] && opts+=(--clickfs "$MNT")
rt_start "${opts[@]}" NS0="udp dst port 6000"
before=$(hread ns.config)

S="ControlSocket TCP"
# 1. from the end user's host and from the publisher's host: nothing listens on a routed address
for a in $R0 $R1; do
  attack "$S" "end user host connects to $a:7777" "connection refused" \
    probe_is refused ns_exec snd $CSPROBE tcp $a 7777 "CHECKWRITE hotconfig"
  attack "$S" "publisher host connects to $a:7777" "connection refused" \
    probe_is refused ns_exec rcv $CSPROBE tcp $a 7777 "CHECKWRITE ns.config"
done
attack "$S" "router-local process connects to the routed address $R0:7777" "connection refused (bound to 127.0.0.1)" \
  probe_is refused ns_exec rtr $CSPROBE tcp $R0 7777 "READ ns.config"
# 2. loopback: reconfiguration refused to everyone over TCP (RECONFIGURE not given)
attack "$S" "tenant uid on loopback: CHECKWRITE/WRITE hotconfig, ns.config" "530 permission denied" \
  probe_is denied ns_exec rtr $AS_TENANT $CSPROBE tcp 127.0.0.1 7777 "CHECKWRITE hotconfig" \
    "WRITEDATA hotconfig|Idle -> Discard;" "CHECKWRITE ns.config" "WRITEDATA ns.config|true, -"
attack "$S" "root on loopback: WRITEDATA hotconfig with ToDump(/etc/...)" "530 permission denied" \
  probe_is denied ns_exec rtr $CSPROBE tcp 127.0.0.1 7777 "WRITEDATA hotconfig|InfiniteSource -> ToDump($WORK/pwned);"
attack "$S" "root on loopback: WRITE ns.config" "530 permission denied" \
  probe_is denied ns_exec rtr $CSPROBE tcp 127.0.0.1 7777 "WRITE ns.config true, -"
check "reads still answered on loopback" probe_is allowed ns_exec rtr $CSPROBE tcp 127.0.0.1 7777 "READ ns.config"

# 3. the UNIX socket: mode 0600, and peers other than root refused even if the mode is loosened
S="ControlSocket UNIX"
attack "$S" "tenant uid connects to the engine's UNIX socket" "EACCES (socket mode 0600)" \
  probe_is eacces ns_exec rtr $AS_TENANT $CSPROBE unix "$CTL" "CHECKWRITE hotconfig"
chmod 666 "$CTL"
attack "$S" "tenant uid connects after an operator chmod 666 on the socket" "530 permission denied (SO_PEERCRED)" \
  probe_is denied ns_exec rtr $AS_TENANT $CSPROBE unix "$CTL" "WRITEDATA ns.config|true, -"
chmod 600 "$CTL"
check "root reconfigures over the UNIX socket" probe_is allowed ns_exec rtr $CSPROBE unix "$CTL" "CHECKWRITE hotconfig" "CHECKWRITE ns.config"

# 4. the /click filesystem
if [ $fs = 1 ]; then
  S="/click filesystem"
  for _ in $(seq 50); do in_rtr_fs test -e "$MNT/ns/config" && break; sleep 0.1; done
  tenant_write() { ! in_rtr_fs $AS_TENANT \
      $TPY -c "import sys; f=open(sys.argv[1],'w'); f.write(sys.argv[2]); f.close()" "$1" "$2" 2>"$WORK/fs.err" \
      && grep -q PermissionError "$WORK/fs.err" || { tail -1 "$WORK/fs.err" | sed 's/^/    got: /' >&2; return 1; }; }
  attack "$S" "tenant uid writes /click/ns/config" "EACCES" tenant_write "$MNT/ns/config" "true, -"
  attack "$S" "tenant uid writes /click/hotconfig" "EACCES" tenant_write "$MNT/hotconfig" "Idle -> Discard;"
  attack "$S" "tenant uid truncates /click/ns/config" "EACCES" \
    in_rtr_fs $AS_TENANT sh -c "! truncate -s0 '$MNT/ns/config' 2>/dev/null"
  check "tenant uid may still read /click/ns/config" \
    in_rtr_fs $AS_TENANT cat "$MNT/ns/config"
else
  echo "SKIP: /click filesystem part (no /dev/fuse or built without libfuse3)"
fi

after=$(hread ns.config)
check "ns.config unchanged by every attack" [ "$after" = "$before" ]
check "no file written by the refused hotconfig" [ ! -e "$WORK/pwned" ]
# 5. the neighbour: forwarding across the router still works
udp_recv rcv $RCV 5000 8 "$WORK/fwd.log" RPID || bad "receiver"
ns_exec snd python3 "$UDPTOOL" send $RCV 5000 20 100
for _ in $(seq 30); do [ "$(lines "$WORK/fwd.log")" -ge 18 ] && break; sleep 0.2; done
attack "forwarding" "forwarding during the attacks (20 UDP packets snd -> rcv)" ">= 18 delivered" \
  [ "$(lines "$WORK/fwd.log")" -ge 18 ]
finish
