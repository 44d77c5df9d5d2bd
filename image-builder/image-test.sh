#!/usr/bin/env bash
# image-test.sh — boots the NetServ image under QEMU and checks it is a NetServ node
# (issue #18), following the lab guide (README.md) step by step:
#
#   publisher (pub) ---- br0/tap0 ==[ VM: eth0  NetServ node  eth1 ]== tap1/br1 ---- user (usr)
#   10.50.1.1/24                      10.50.1.254      10.50.2.254                    10.50.2.1/24
#
# For each firmware (BIOS = SeaBIOS, UEFI = OVMF): copy the image to a larger "disk",
# edit netserv.conf on its boot partition (mtools: as a lab would on any computer),
# boot it (KVM when /dev/kvm works, TCG otherwise), wait for "netserv node ready" on
# the serial console, ping to and through the node, SETUP a packet module from the
# publisher toward the user (signed, fetched over HTTP, installed in the VM), see its
# effect on UDP packets, PROBE, power-cycle the VM (QEMU system_reset) and check the
# module is still installed and working after the reboot.
#
#   image-test.sh [--firmware "bios uefi"] [--image FILE] [--keep]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
. "$top/tests/netns/netns.sh"
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$top/pom.xml" | head -1)
image=$top/build/image/netserv-$version-amd64.img
firmware="bios uefi" keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --firmware) firmware=$2; shift 2 ;;
    --image) image=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "image-test: unknown argument $1" >&2; exit 2 ;;
  esac
done
SIGNAL=$top/nsis/bin/netserv-signal
BUNDLE=$top/container/test-bundles/target/netserv-container-test-bundles-$version-rewriter.jar
MODULE=NetServ.test.rewriter_1.0.0
PUB=10.50.1.1 USR=10.50.2.1 NODE0=10.50.1.254 NODE1=10.50.2.254
STEP=0
. "$top/tests/demo/steps.sh"   # step ok info fail wait_for

for f in "$image" "$BUNDLE" "$SIGNAL"; do [ -e "$f" ] || fail "$f is missing: run 'make build image'"; done
for c in qemu-system-x86_64 mcopy sfdisk python3 tcpdump openssl; do
  command -v $c >/dev/null || fail "$c is not installed: run 'make deps' (deps/image-packages.txt)"
done
ns_init
WORK=$(mktemp -d /tmp/netserv-image-test.XXXXXX); KEEP=$keep
QEMU_PID=""
finish() {
  local rc=$?
  [ -n "$QEMU_PID" ] && kill "$QEMU_PID" 2>/dev/null || true
  ns_cleanup
  if [ "$KEEP" = 1 ] || [ $rc -ne 0 ]; then echo "image test files and serial logs: $WORK"; else rm -rf "$WORK"; fi
  exit $rc
}
trap finish EXIT

if [ -r /dev/kvm ] && python3 -c 'import os; os.close(os.open("/dev/kvm", os.O_RDWR))' 2>/dev/null; then
  accel=kvm; boot_limit=240
else
  accel=tcg; boot_limit=${IMAGE_TCG_BOOT_LIMIT:-2400}
fi
# an emulated node answers its first requests after a boot slowly (cold JVMs): wait longer under TCG
ping_limit() { [ $accel = kvm ] && echo 30 || echo 120; }
probe_timeout() { [ $accel = kvm ] && echo 20 || echo 60; }
probe_limit() { [ $accel = kvm ] && echo 60 || echo 300; }

step "topology: publisher -- VM (NetServ node) -- user, QEMU accel=$accel"
ns_host vmh; ns_host pub; ns_host usr
ns_link pub eth0 vmh p0; ns_link usr eth0 vmh p1
for i in 0 1; do
  ns_exec vmh ip tuntap add dev tap$i mode tap
  ns_exec vmh ip link add br$i type bridge
  ns_exec vmh ip link set p$i master br$i; ns_exec vmh ip link set tap$i master br$i
  for d in p$i tap$i br$i; do ns_exec vmh ip link set $d up; done
done
ns_addr pub eth0 $PUB/24; ns_route pub default via $NODE0
ns_addr usr eth0 $USR/24; ns_route usr default via $NODE1
ok "namespaces $(ns_name pub), $(ns_name vmh) (taps, bridges), $(ns_name usr)"

step "publisher: signing key, module server"
openssl genpkey -algorithm ed25519 -out "$WORK/publisher.key" 2>/dev/null
openssl pkey -in "$WORK/publisher.key" -pubout -out "$WORK/publisher.pub" 2>/dev/null
mkdir -p "$WORK/www"; cp "$BUNDLE" "$WORK/www/rewriter.jar"
digest="sha-256=$(sha256sum "$WORK/www/rewriter.jar" | cut -d' ' -f1)"
ns_bg pub HTTP_PID python3 -m http.server 8000 --bind $PUB --directory "$WORK/www" >"$WORK/http.log" 2>&1
wait_for 20 "the publisher's HTTP server" ns_exec pub python3 -c "import urllib.request; urllib.request.urlopen('http://$PUB:8000/rewriter.jar')" \
  || fail "module server did not start"
ok "http://$PUB:8000/rewriter.jar ($digest)"

# lab guide, "Prepare a disk": the image, written to a disk larger than itself
prepare_disk() {
  local disk=$1 start
  cp --sparse=always "$image" "$disk"
  truncate -s 2G "$disk"
  # lab guide, "Edit netserv.conf": the boot partition (label NSBOOT) is partition 2
  start=$(sfdisk -J "$image" | python3 -c 'import json,sys; p=json.load(sys.stdin)["partitiontable"]["partitions"]; print([x["start"] for x in p if x.get("name")=="NSBOOT"][0])')
  mcopy -i "$disk@@$((start * 512))" ::/netserv.conf "$WORK/netserv.conf"
  key=$(grep -v '^-----' "$WORK/publisher.pub" | tr -d '\n')
  sed -i -e "s|^NODE_ID=.*|NODE_ID=vm-node|" -e "s|^PUBLISHER0_KEY=.*|PUBLISHER0_KEY=$key|" \
         -e "s|^PUBLISHER0_PREFIXES=.*|PUBLISHER0_PREFIXES=\"10.50.1.0/24\"|" \
         -e "s|^#ROOT_PASSWORD=.*|ROOT_PASSWORD=netserv-lab|" "$WORK/netserv.conf"
  mcopy -o -i "$disk@@$((start * 512))" "$WORK/netserv.conf" ::/netserv.conf
  # the services' logs on the serial console too: a failing step shows why
  echo 'set netserv_args="systemd.journald.forward_to_console=1"' > "$WORK/grub-args.cfg"
  mcopy -o -i "$disk@@$((start * 512))" "$WORK/grub-args.cfg" ::/grub-args.cfg
}

start_vm() {  # start_vm FIRMWARE DISK LOG
  local fw=$1 disk=$2 log=$3 fwargs=()
  if [ "$fw" = uefi ]; then
    cp /usr/share/OVMF/OVMF_VARS_4M.fd "$WORK/vars.fd"
    fwargs=(-machine q35 -drive if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd
            -drive if=pflash,format=raw,file="$WORK/vars.fd")
  fi
  : > "$log"
  ns_bg vmh QEMU_PID qemu-system-x86_64 -accel $accel $( [ $accel = kvm ] && echo "-cpu host,-arch-capabilities" ) -m 2048 -smp 2 -display none -no-user-config -nodefaults \
    "${fwargs[@]}" -drive file="$disk",format=raw,if=virtio \
    -netdev tap,id=n0,ifname=tap0,script=no,downscript=no -device virtio-net-pci,netdev=n0,mac=52:54:00:4e:53:00 \
    -netdev tap,id=n1,ifname=tap1,script=no,downscript=no -device virtio-net-pci,netdev=n1,mac=52:54:00:4e:53:01 \
    -chardev socket,id=con,path="$WORK/console.sock",server=on,wait=off,logfile="$log" -serial chardev:con \
    -monitor unix:"$WORK/monitor.sock",server,nowait >"$WORK/qemu.log" 2>&1
}

# vm_console CMD — runs CMD in the VM as root on the serial console (the lab's root
# password from netserv.conf), prints its output; bounded (90 s)
vm_console() { timeout 120 python3 - "$WORK/console.sock" "$1" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.settimeout(0.5)
buf = b""
def until(pats, t):
    global buf
    end = time.time() + t
    while time.time() < end:
        for p in pats:
            if p in buf: return p
        try: buf += s.recv(65536)
        except socket.timeout: pass
    return None
s.sendall(b"\r")
if until([b"login:", b"# "], 30) == b"login:":
    buf = b""; s.sendall(b"root\r"); until([b"assword"], 20)
    buf = b""; s.sendall(b"netserv-lab\r"); until([b"# "], 30)
buf = b""
s.sendall(b"stty -echo; echo @@BEGIN; " + sys.argv[2].encode() + b" 2>&1; echo @@END\r")
until([b"\n@@END"], 60)
out = buf.decode(errors="replace").replace("\r", "")
print(out.split("@@BEGIN\n", 1)[-1].split("@@END")[0].rstrip())
PY
}

# vm_fail MSG — what the node saw, from its console, then fail
vm_fail() {
  info "the node's view (serial console):"
  vm_console "ip -br addr; ip route; ip neigh; ip -s link; tc -s filter show dev eth0 ingress; systemctl --no-pager --failed; journalctl --no-pager -n 60 -u netserv-click -u netserv-controller -u netserv-nsisd" 2>&1 \
    | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g' | sed 's/^/      /' | head -150 || true
  fail "$@"
}

wait_ready() {  # wait_ready LOG SINCE — until a "netserv node ready" line after byte SINCE of LOG
  local log=$1 since=$2 t0; t0=$(date +%s.%N)
  wait_for $boot_limit "netserv node ready" sh -c "tail -c +$((since + 1)) '$log' | grep -q 'netserv node ready'" \
    || fail "no 'netserv node ready' on the serial console within ${boot_limit}s: $(tail -c +$((since + 1)) "$log" | tr -d '\r' | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g' | grep -v '^\s*$' | tail -25)"
  info "$(tail -c +$((since + 1)) "$log" | grep -o 'netserv node ready.*' | head -1 | tr -d '\r') (host wall clock: $(python3 -c "import time; print(round(time.time() - $t0, 1))") s)"
}

# boot_vm FIRMWARE DISK LOG — KVM first where /dev/kvm opens; some hosts' KVM cannot
# run the firmware (nested KVM failing to emulate real-mode or flash-resident code:
# QEMU stops with "KVM internal error", or GRUB never reaches the serial console).
# Then TCG, said on the console of this test.
boot_vm() {
  local fw=$1 disk=$2 log=$3
  if [ "$accel" = kvm ]; then
    start_vm "$fw" "$disk" "$log"
    if wait_for 45 "GRUB on the console" grep -q 'GNU GRUB' "$log"; then return 0; fi
    info "KVM did not get through the $fw firmware to GRUB on this host ($(grep -m1 -o 'KVM internal error.*' "$WORK/qemu.log" || echo 'no GRUB banner in 45 s')): using TCG"
    kill "$QEMU_PID" 2>/dev/null || true; wait "$QEMU_PID" 2>/dev/null || true
    accel=tcg boot_limit=${IMAGE_TCG_BOOT_LIMIT:-2400}
  fi
  start_vm "$fw" "$disk" "$log"
}

monitor() { python3 - "$WORK/monitor.sock" "$1" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); time.sleep(0.3); s.recv(4096)
s.sendall(sys.argv[2].encode() + b"\n"); time.sleep(0.5); s.close()
PY
}

signal() { ns_exec pub "$SIGNAL" "$@" --dest $USR --key "$WORK/publisher.key" --user publisher --retry-limit 8 --timeout 90; }

# UDP from the user toward the publisher, captured at the publisher: the module sets TOS 0xb8
# a PROBE toward the user lists the module (a function: ns_exec does not exist in sh -c)
probe_lists_module() {
  ns_exec pub "$SIGNAL" probe --dest $USR --key "$WORK/publisher.key" --user publisher --retry-limit 4 --timeout "$(probe_timeout)" 2>/dev/null |
    grep -q "$MODULE"
}

tos_seen() {
  ns_bg pub cap tcpdump -i eth0 -n -v -c 3 -w "$WORK/udp.pcap" "udp and dst port 5060" >/dev/null 2>&1
  sleep 1
  for _ in 1 2 3 4 5 6; do ns_exec usr bash -c "echo netserv > /dev/udp/$PUB/5060" || true; sleep 0.3; done
  sleep 1; kill $cap 2>/dev/null || true; wait $cap 2>/dev/null || true
  tcpdump -r "$WORK/udp.pcap" -n -v 2>/dev/null | grep -o 'tos 0x[0-9a-f]*' | sort | uniq -c | tr '\n' ' '
}

for fw in $firmware; do
  disk=$WORK/node-$fw.img log=$WORK/serial-$fw.log
  step "$fw: prepare the disk (lab guide): image on a 2 GiB disk, netserv.conf edited on NSBOOT"
  prepare_disk "$disk"
  ok "$(grep -E '^(NODE_ID|IP0|IP1|PUBLISHER0_USER)=' "$WORK/netserv.conf" | tr '\n' ' ')"

  step "$fw: boot to 'netserv node ready'"
  boot_vm "$fw" "$disk" "$log"
  wait_ready "$log" 0
  grep -q 'state partition .* grown' "$log" && info "$(grep -o 'state partition .* grown.*' "$log" | head -1 | tr -d '\r')"

  step "$fw: forwarding through the node's Click graph"
  wait_for "$(ping_limit)" "ping $NODE0" ns_exec pub ping -c1 -W1 $NODE0 || vm_fail "the node does not answer ping on $NODE0"
  ns_exec pub ping -c3 -i 0.2 -W2 $USR >/dev/null || vm_fail "ping from the publisher through the node to the user failed"
  ok "ping $NODE0 (the node) and $USR (through it)"
  before=$(tos_seen)
  info "UDP at the publisher before SETUP: $before"

  step "$fw: SETUP of $MODULE from the publisher toward the user"
  # SETUP is idempotent: a node still installing answers 504, the publisher sends it again
  # (a 503 "container ... unavailable": the slot's container is restarting)
  for try in 1 2 3 4 5; do
    out=$(signal setup "$MODULE" --ttl 3600 --url "http://$PUB:8000/rewriter.jar" --digest "$digest" \
            --filter-proto udp --filter-port 5060 --filter-dst $PUB/32 2>&1) && break
    [[ $out == *" 504 "* || $out == *" 503 container"* ]] && [ $try -lt 5 ] || vm_fail "SETUP failed: $out"
    info "attempt $try: $(echo "$out" | grep -o 'NETSERV/0.1 50[34].*' | head -1), again in 10 s"; sleep 10
  done
  echo "$out" | sed 's/^/      /' | head -8
  seen=$(tos_seen)
  [[ $seen == *"tos 0xb8"* ]] && [[ $seen != *"tos 0x0,"* ]] || vm_fail "the module's rewrite (TOS 0xb8) not seen: $seen"
  ok "UDP toward the publisher now carries TOS 0xb8 (the module ran in the VM's container): $seen"

  step "$fw: PROBE"
  out=$(signal probe 2>&1) || fail "PROBE failed: $out"
  echo "$out" | grep -q "node-id: vm-node" && echo "$out" | grep -q "$MODULE" || fail "PROBE does not show $MODULE at vm-node: $out"
  ok "vm-node reports $MODULE"

  step "$fw: power cycle (QEMU system_reset), the module survives"
  mark=$(stat -c %s "$log")
  monitor system_reset
  wait_ready "$log" "$mark"
  wait_for "$(probe_limit)" "PROBE answer listing $MODULE" probe_lists_module \
    || vm_fail "after the reset PROBE does not show $MODULE"
  seen=""
  for _ in 1 2 3 4 5 6 7 8 9 10; do seen=$(tos_seen); [[ $seen == *"tos 0xb8"* ]] && break; sleep 2; done
  [[ $seen == *"tos 0xb8"* ]] || vm_fail "after the reset the module does not rewrite: $seen"
  ok "after the reboot: $MODULE installed (PROBE) and rewriting ($seen)"
  kill "$QEMU_PID" 2>/dev/null || true; wait "$QEMU_PID" 2>/dev/null || true; QEMU_PID=""
done
printf '\nNetServ image test: all %d steps passed (%s, accel=%s).\n' "$STEP" "$firmware" "$accel"
