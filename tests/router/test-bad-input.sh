#!/usr/bin/env bash
# Bad input to the router's elements and to /click gets a clear error and
# changes nothing: one case per kind of bad input.
. "$(dirname "$0")/lib.sh"
[ -x "$CLICK" ] || skip "build/bin/netserv-click not built (make build)"
W=$(mktemp -d /tmp/nsrouter-bad.XXXXXX)
trap 'rm -rf "$W"' EXIT
# expect_error 'CONFIG' 'message fragment'
expect_error() {
  local out
  if out=$(timeout 20 "$CLICK" -q -e "$1" 2>&1); then bad "accepted: $1"; return; fi
  if echo "$out" | grep -q -- "$2"; then ok "refused with '$2': $1"; else bad "wrong message for $1: $out"; fi
}
expect_error "ToUserDevice(../x, DEVDIR $W)" "not a channel name"
expect_error "ToUserDevice(0, DEVDIR $W, CAPACITY 0)" "CAPACITY"
expect_error "ToUserDevice(0, DEVDIR $W, BURST 5000)" "BURST"
expect_error "ToUserDevice(0, DEVDIR $W, DROP_TAIL false)" "DROP_TAIL"
expect_error "ToUserDevice(0, DEVDIR $W, MODE 999)" "MODE"
expect_error "ToUserDevice(0, DEVDIR $W, COLOR red)" "COLOR"
expect_error "ToUserDevice()" "NAME"
touch "$W/file"
expect_error "ToUserDevice(0, DEVDIR $W/file/sub)" "DEVDIR"
touch "$W/fromclick3"
expect_error "ToUserDevice(3, DEVDIR $W)" "not a socket"
check "...and the file in the way is untouched" test -f "$W/fromclick3" -a ! -S "$W/fromclick3"
expect_error "FromUserDevice(0, DEVDIR $W, MTU 10) -> Discard" "MTU"
expect_error "FromUserDevice(0, DEVDIR $W, HEADROOM 4096) -> Discard" "HEADROOM"
expect_error "FromDevice(no-such-if0) -> Discard" "no such network interface"
expect_error "FromDevice(lo, BLOCK_SIZE 1000) -> Discard" "BLOCK_SIZE"
expect_error "FromDevice(lo, TIMEOUT 0) -> Discard" "TIMEOUT"
expect_error "FromDevice(averyveryverylongifname0) -> Discard" "bad interface name"
expect_error "Idle -> ToDevice(no-such-if0)" "no such network interface"
expect_error "Idle -> ToDevice(lo, QUEUE 0)" "QUEUE"
expect_error "Idle -> ToDevice(lo, SNDBUF 10)" "SNDBUF"
expect_error "KernelTap(10.0.0.1) -> Discard" "ADDR"
expect_error "KernelTap(10.0.0.1/24, MTU 20) -> Discard" "MTU"
expect_error "ClickFS()" "MOUNTPOINT"
check "the channel directory holds no socket after the refusals" sh -c "! ls $W | grep -q '^fromclick0$'"

# netserv-router.sh refuses bad parameters before touching anything
S=$top/click-configs/netserv-router.sh
nr_error() { local out; if out=$("$S" --dry-run "$@" 2>&1); then bad "netserv-router.sh accepted: $*"; elif echo "$out" | grep -q "$1\|${2:-}"; then ok "netserv-router.sh refuses: $*"; else bad "netserv-router.sh wrong message: $out"; fi; }
out=$("$S" --dry-run IF0=lo IP0=10.1.0.1/24 2>&1) && bad "missing IF1 accepted" || { echo "$out" | grep -q "missing IF1" && ok "netserv-router.sh: missing IF1 is refused" || bad "missing IF1: $out"; }
out=$("$S" --dry-run IF0=lo IP0=10.1.0.1 IF1=lo IP1=10.2.0.1/24 2>&1) && bad "IP without length accepted" || { echo "$out" | grep -q "expected ADDR/LEN" && ok "netserv-router.sh: an address without /LEN is refused" || bad "IP0: $out"; }
out=$("$S" --dry-run IF0=lo IP0=10.1.0.300/24 IF1=lo IP1=10.2.0.1/24 2>&1) && bad "bad octet accepted" || { echo "$out" | grep -q "bad address" && ok "netserv-router.sh: a bad octet is refused" || bad "octet: $out"; }
out=$("$S" --dry-run IF0=nosuchif9 IP0=10.1.0.1/24 IF1=lo IP1=10.2.0.1/24 2>&1) && bad "unknown interface accepted" || { echo "$out" | grep -q "no interface" && ok "netserv-router.sh: an unknown interface is refused" || bad "if: $out"; }
out=$("$S" --dry-run --frobnicate 2>&1) && bad "unknown option accepted" || { echo "$out" | grep -q "unknown argument" && ok "netserv-router.sh: an unknown option is refused" || bad "opt: $out"; }
out=$("$S" --dry-run IF0=lo IP0=10.1.0.1/24 IF1=lo IP1=10.2.0.1/24 2>&1) && echo "$out" | grep -q "NET0=10.1.0.0/24" && ok "netserv-router.sh --dry-run derives NET0 and passes MAC0" || bad "dry run: $out"

out=$("$S" --dry-run IF0=lo IP0=10.1.0.1/24 IF1=lo IP1=10.2.0.1/24 SLOTS=0 2>&1) && bad "SLOTS=0 accepted" || { echo "$out" | grep -q "SLOTS: expected 1..64" && ok "netserv-router.sh: SLOTS=0 is refused" || bad "slots: $out"; }
gen=$("$S" --dry-run IF0=lo IP0=10.1.0.1/24 IF1=lo IP1=10.2.0.1/24 SLOTS=6 2>/dev/null | tr ' ' '\n' | grep '^/tmp/netserv-router\..*\.click$')
slots_ok() { [ "$(grep -c ":: ToUserDevice([0-9]" "$gen")" = 6 ] && [ "$(grep -c ":: FromUserDevice([0-9]" "$gen")" = 6 ] && grep -q 'ns\[6\] -> rt' "$gen"; }
check "SLOTS=6 generates 6 channel pairs and a 7-output ns" slots_ok
# the generated graph parses and connects (devices swapped for Idle/Discard)
sed -e 's/FromDevice([^)]*)/Idle/g' -e 's/ToDevice([^)]*)/Discard/g' -e 's/KernelTap([^)]*)/Idle/' "$gen" > "$W/gen.click"
check "...and parses with NS4/NS5, SRC4/5, PASS4/5 defaulted" "$CLICK" -q -o /dev/null "$W/gen.click" NS4=false NS5=false SRC4=false SRC5=false PASS4=false PASS5=false DEVDIR=$W/gen
rm -f "$gen"

# /click: unknown paths, wrong access, errors
if [ -c /dev/fuse ] && [ "$(id -u)" = 0 ]; then
  "$CLICK" --clickfs "$W/click" -e "c :: Counter -> Discard; Idle -> c; ns :: IPClassifier(udp, -); Idle -> ns; ns[0] -> Discard; ns[1] -> Discard;" >"$W/log" 2>&1 &
  CP=$!
  for _ in $(seq 50); do [ -e "$W/click/c" ] && break; sleep 0.1; done
  check "/click/ELEM/HANDLER reads a handler" test "$(cat $W/click/c/count)" = 0
  check "a missing element is ENOENT" sh -c "! cat $W/click/nosuch/count 2>&1 | grep -qv 'No such file'"
  check "a missing handler is ENOENT" sh -c "cat $W/click/c/nosuch 2>&1 | grep -q 'No such file'"
  check "reading a write-only handler is EACCES" sh -c "cat $W/click/c/reset 2>&1 | grep -q 'Permission denied'"
  check "writing a read-only handler is EACCES" sh -c "! python3 -c \"open('$W/click/c/count','w')\" 2>/dev/null"
  check "a handler file is not a directory" sh -c "! ls $W/click/c/count/x 2>/dev/null"
  check "writing a bad classifier returns EINVAL" sh -c "python3 -c \"f=open('$W/click/ns/config','w'); f.write('udp port, -'); f.close()\" 2>&1 | grep -q 'Errno 22'"
  check "...the old program stays" test "$(cat $W/click/ns/config)" = "udp, -"
  check "...and /click/errors names the handler" grep -q "ns.config" "$W/click/errors"
  check "the wrong number of outputs is refused too" sh -c "python3 -c \"f=open('$W/click/ns/config','w'); f.write('udp, tcp, -'); f.close()\" 2>&1 | grep -q 'Errno 22'"
  check "/click/list, classes, config exist" sh -c "test -n \"\$(cat $W/click/list)\" && grep -q ToUserDevice $W/click/classes && grep -q Counter $W/click/config"
  echo -n > "$W/click/stop"
  for _ in $(seq 50); do kill -0 $CP 2>/dev/null || break; sleep 0.1; done
  check "writing /click/stop stops the router" sh -c "! kill -0 $CP 2>/dev/null"
  check "...and unmounts /click" sh -c "! mount | grep -q '$W/click'"
  kill $CP 2>/dev/null; wait $CP 2>/dev/null
else
  echo "note: /click checks skipped (need root and /dev/fuse)"
fi
finish
