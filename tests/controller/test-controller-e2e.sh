#!/usr/bin/env bash
# The controller end to end with the real parts (issue #6, item 10):
#   netserv-click running a NetServ classifier graph (ControlSocket, IPClassifier ns,
#   ToUserDevice/FromUserDevice per slot, a RatedSource of UDP packets to 10.61.1.5:5060),
#   netserv-container launched and supervised by the controller, bundles from a real HTTP
#   server, NCMs signed and sent with netserv-ctl.
# Checks: SETUP installs module then filter (ns.config read from the engine), packets reach the
# module (its counter in the container's STATUS), REMOVE and TTL expiry remove both, every kind
# of bad input gets its 4xx and changes nothing, kill -9 of the controller converges back
# (expired module removed, live one kept and not reinstalled), policy reload (command and SIGHUP).
set -u
. "$(dirname "$0")/lib.sh"
need_parts

T=$(mktemp -d /tmp/nsv-ctl-e2e.XXXXXX); chmod 755 "$T"
CPID= CLICKPID= HTTPPID=
cleanup() {
  [ -n "$CPID" ] && kill "$CPID" 2>/dev/null && wait "$CPID" 2>/dev/null
  [ -n "$CLICKPID" ] && kill "$CLICKPID" 2>/dev/null
  [ -n "$HTTPPID" ] && kill "$HTTPPID" 2>/dev/null
  # containers are stopped by the controller on SIGTERM; any left (after a kill -9 test) by pid file
  for p in "$T"/state/containers/*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null; done
  sleep 0.5
  rm -rf "$T"
}
[ -n "${KEEP:-}" ] && cleanup() { echo "kept $T"; }
trap cleanup EXIT

mkdir -p "$T/dev" "$T/run" "$T/www" "$T/keys"
SLOTS=42   # container outputs 0..41; we use slots 40 and 41 (clear of other tests' slots)

# --- forwarding plane -------------------------------------------------------
pat=""; for i in $(seq 1 $SLOTS); do pat="${pat}false, "; done
{
  echo "src :: RatedSource(DATA \"\\<4500001c 00000000 40110000 0a3c0001 0a3d0105 04d213c4 00080000>\", RATE 200, LIMIT -1)"
  echo "  -> MarkIPHeader -> ns :: IPClassifier(${pat}-);"
  for i in $(seq 0 39); do echo "ns[$i] -> Discard;"; done
  echo "ns[40] -> ToUserDevice(40, DEVDIR $T/dev); ns[41] -> ToUserDevice(41, DEVDIR $T/dev);"
  echo "ns[42] -> fwd :: Counter -> Discard;"
  echo "FromUserDevice(40, DEVDIR $T/dev) -> back :: Counter -> Discard; FromUserDevice(41, DEVDIR $T/dev) -> Discard;"
  echo "ControlSocket(UNIX, $T/click.sock);"
} > "$T/router.click"
"$CLICK" -f "$T/router.click" > "$T/click.log" 2>&1 & CLICKPID=$!
wait_for 10 test -S "$T/click.sock" || { cat "$T/click.log"; fail "netserv-click did not start"; }
ok "netserv-click up: $(click_read ns.config | cut -c1-40)..."

# --- publisher side: keys, bundles on an HTTP server ---------------------------
ctl keygen "$T/keys/janedoe" && ctl keygen --type ec "$T/keys/bob" && ctl keygen "$T/keys/mallory" || fail keygen
cp "$top"/container/test-bundles/target/netserv-container-test-bundles-*-counter.jar "$T/www/counter.jar" 2>/dev/null \
  || skip "container test bundles not built (container/test-bundles)"
cp "$top"/container/test-bundles/target/netserv-container-test-bundles-*-dropper.jar "$T/www/dropper.jar"
head -c 300000 /dev/urandom > "$T/www/big.jar"
WWW_PORT=$(free_port)
python3 -m http.server "$WWW_PORT" --bind 127.0.0.1 --directory "$T/www" > "$T/www.log" 2>&1 & HTTPPID=$!
wait_for 10 curl -sf -o /dev/null "http://127.0.0.1:$WWW_PORT/counter.jar" || fail "http server"
sha() { sha256sum "$1" | cut -d' ' -f1; }
COUNTER=$(sha "$T/www/counter.jar"); DROPPER=$(sha "$T/www/dropper.jar"); BIG=$(sha "$T/www/big.jar")

# --- node policy and controller config --------------------------------------
write_policy() {  # $1 = janedoe's prefix
cat > "$T/policy.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<policy xmlns="urn:netserv:policy:1">
  <node id="e2e-r1"><address>10.60.0.1</address><building-blocks>packet-dispatcher</building-blocks></node>
  <replay window-seconds="120" nonce-cache="1000"/>
  <download connect-timeout-ms="2000" timeout-ms="10000" max-redirects="2"/>
  <slot number="40">
    <user>janedoe</user><key file="keys/janedoe.pub"/><uid>10040</uid><gid>10040</gid>
    <ports>5060</ports><prefix>$1</prefix>
    <sandbox>$T/sandbox/40</sandbox>
    <limits memory-mb="256" max-modules="3" max-module-bytes="200000"/>
    <building-blocks>packet-dispatcher</building-blocks>
  </slot>
  <slot number="41">
    <user>bob</user><key file="keys/bob.pub"/><uid>10041</uid><gid>10041</gid>
    <ports>9000</ports><prefix>10.62.0.0/16</prefix>
    <sandbox>$T/sandbox/41</sandbox>
    <building-blocks>packet-dispatcher</building-blocks>
  </slot>
</policy>
XML
}
write_policy 10.61.0.0/16
HTTP_PORT=$(free_port)
write_controller_conf

start_controller() {
  java -jar "$JAR" --config "$T/controller.conf" >> "$T/controller.log" 2>&1 & CPID=$!
  wait_for 60 containers_up 2 || { tail -30 "$T/controller.log"; tail -20 "$T"/state/containers/*.log; fail "controller/containers did not come up"; }
}
start_controller
ok "controller up, 2 containers UP (pids $(status_py "','.join(str(c['pid']) for c in d['containers'].values())"))"

# --- request helpers ----------------------------------------------------------
ncm_setup() {  # module url digest ttl [extra header lines...]
  local m=$1 u=$2 dg=$3 ttl=$4; shift 4
  printf 'SETUP %s NETSERV/0.1\nuser: janedoe\nttl: %s\nurl: %s\nmodule-digest: sha-256=%s\n' "$m" "$ttl" "$u" "$dg"
  for h in "$@"; do printf '%s\n' "$h"; done
}
signed() { ctl sign --key "$T/keys/$1.key" -; }
send() { ctl send -; }
code_of() { head -1 | cut -d' ' -f2-; }   # "200 installed"
classifier_slot40() { click_read ns.config | python3 -c "import sys; print(sys.stdin.read().split(', ')[40])"; }
mods() { ctl list --json | python3 -c 'import json,sys; print(" ".join(sorted(m["module"] for m in json.load(sys.stdin)["modules"])), end=" ")'; }
URL=http://127.0.0.1:$WWW_PORT
FILTER=("filter-proto: udp" "filter-port: 5060" "filter-dst: 10.61.1.0/24")
PATTERN="udp && dst port 5060 && dst net 10.61.1.0/24"

# --- SETUP: module first, then filter; packets reach it ---------------------------
r=$(ncm_setup NetServ.test.counter_1.0.0 "$URL/counter.jar" "$COUNTER" 600 "${FILTER[@]}" | signed janedoe | send | code_of)
[ "$r" = "200 installed" ] || fail "SETUP: $r"
[ "$(classifier_slot40)" = "$PATTERN" ] || fail "ns.config slot 40 is '$(classifier_slot40)'"
ok "SETUP installed; ns.config output 40 = $PATTERN"
seen() { status_py "[m.get('seen','0') for m in d['modules'] if m['module']=='NetServ.test.counter_1.0.0'][0]" 2>/dev/null; }
seen_positive() { [ "$(seen)" -gt 0 ] 2>/dev/null; }
wait_for 20 seen_positive || fail "no packets reached the module (status: $(status_json | head -c 800))"
ok "packets reach the module: seen=$(seen)"

# PROBE through the same socket the NSLP uses
probe=$(printf 'PROBE NETSERV/0.1\nuser: janedoe\nprobe: status,capabilities,resources\n' | signed janedoe | send)
echo "$probe" | grep -q '^module: NetServ.test.counter_1.0.0 version=1.0.0 state=ACTIVE ttl=' || fail "PROBE: $probe"
echo "$probe" | grep -q '^capabilities: node-id=e2e-r1 ' && echo "$probe" | grep -q '^resources: cpus=' || fail "PROBE: $probe"
ok "PROBE: $(echo "$probe" | grep '^module:')"

# --- bad inputs: each its own 4xx, nothing changes --------------------------------
before_cfg=$(click_read ns.config); before_mods=$(mods)
check_bad() {  # WANT-PREFIX MESSAGE (run in this shell, so fail ends the test)
  local want=$1 got
  got=$(printf '%s\n\n' "$2" | send | code_of)
  case "$got" in "$want"*) ;; *) fail "expected '$want', got '$got'";; esac
  [ "$(click_read ns.config)" = "$before_cfg" ] || fail "ns.config changed after: $want"
  [ "$(mods)" = "$before_mods" ] || fail "modules changed after: $want"
  ok "bad input -> $got"
}
DROP="NetServ.test.dropper_1.0.0"
good=$(ncm_setup $DROP "$URL/dropper.jar" "$DROPPER" 60 "${FILTER[@]}" | signed janedoe)
check_bad "401 bad signature" "$(echo "$good" | sed -E '/^signature: /{s/^signature: A/signature: B/;t;s/^signature: ./signature: A/}')"
check_bad "401 signature by a key not authorized for user janedoe" "$(ncm_setup $DROP "$URL/dropper.jar" "$DROPPER" 60 | signed bob)"
check_bad "401 bad signature" "$(ncm_setup $DROP "$URL/dropper.jar" "$DROPPER" 60 | signed mallory)"
replay=$(printf 'REMOVE NetServ.test.none_1.0.0 NETSERV/0.1\nuser: janedoe\n' | signed janedoe)
check_bad "404 module NetServ.test.none_1.0.0 not installed" "$(echo "$replay")"
check_bad "409 replayed nonce" "$(echo "$replay")"
check_bad "401 stale timestamp" "$(ncm_setup $DROP "$URL/dropper.jar" "$DROPPER" 60 "timestamp: $(( $(date +%s) - 1000 ))" | signed janedoe)"
check_bad "403 unknown user: mallory" "$(ncm_setup $DROP "$URL/dropper.jar" "$DROPPER" 60 | sed 's/^user: janedoe/user: mallory/' | signed mallory)"
check_bad "403 filter-dst 10.9.0.0/16 not within slot prefixes" "$(ncm_setup $DROP "$URL/dropper.jar" "$DROPPER" 60 "filter-dst: 10.9.0.0/16" | signed janedoe)"
check_bad "403 filter-port 22 not among slot ports" "$(ncm_setup $DROP "$URL/dropper.jar" "$DROPPER" 60 "filter-port: 22" | signed janedoe)"
check_bad "422 digest mismatch" "$(ncm_setup $DROP "$URL/dropper.jar" "$(printf "ab%.0s" $(seq 32))" 60 | signed janedoe)"
check_bad "413 module too large" "$(ncm_setup $DROP "$URL/big.jar" "$BIG" 60 | signed janedoe)"
check_bad "502 module download failed: connection refused" "$(ncm_setup $DROP "http://127.0.0.1:$(free_port)/x.jar" "$DROPPER" 60 | signed janedoe)"
check_bad "412 dependency missing: sip" "$(ncm_setup $DROP "$URL/dropper.jar" "$DROPPER" 60 "dependencies: sip" | signed janedoe)"
check_bad "400 malformed header line 2" "$(printf 'SETUP %s NETSERV/0.1\nuser janedoe\n\n' $DROP)"
check_bad "400 duplicate header: user" "$(printf 'SETUP %s NETSERV/0.1\nuser: janedoe\nuser: bob\n\n' $DROP)"

# --- REMOVE: filter first, then module ---------------------------------------
r=$(printf 'REMOVE NetServ.test.counter_1.0.0 NETSERV/0.1\nuser: janedoe\n' | signed janedoe | send | code_of)
[ "$r" = "200 removed" ] || fail "REMOVE: $r"
[ "$(classifier_slot40)" = false ] || fail "filter still there after REMOVE"
[ -z "$(mods | tr -d ' ')" ] || fail "modules after REMOVE: $(mods)"
grep -q "removed NetServ.test.counter_1.0.0 from slot 40 (REMOVE)" "$T/controller.log" || fail "no removal logged"
ok "REMOVE removed filter and module"

# --- TTL expiry ----------------------------------------------------------------
r=$(ncm_setup NetServ.test.counter_1.0.0 "$URL/counter.jar" "$COUNTER" 3 "${FILTER[@]}" | signed janedoe | send | code_of)
[ "$r" = "200 installed" ] || fail "SETUP ttl 3: $r"
[ "$(classifier_slot40)" = "$PATTERN" ] || fail "filter missing"
expired() { [ "$(classifier_slot40)" = false ] && [ -z "$(mods | tr -d ' ')" ]; }
wait_for 20 expired || fail "TTL expiry did not remove filter and module"
grep -q "(ttl expired)" "$T/controller.log" || fail "expiry not logged"
ok "TTL expiry removed filter and module"

# --- kill -9 of the controller: converge back --------------------------------------
r1=$(ncm_setup NetServ.test.counter_1.0.0 "$URL/counter.jar" "$COUNTER" 600 "${FILTER[@]}" | signed janedoe | send | code_of)
r2=$(ncm_setup $DROP "$URL/dropper.jar" "$DROPPER" 4 | signed janedoe | send | code_of)
[ "$r1 $r2" = "200 installed 200 installed" ] || fail "setups before crash: $r1 / $r2"
pid_before=$(status_py "d['containers']['40']['pid']")
uptime_mod=$(seen)
kill -9 "$CPID"; wait "$CPID" 2>/dev/null; CPID=
sleep 6   # the dropper's TTL runs out while the controller is dead
start_controller
[ "$(status_py "d['containers']['40']['pid']")" = "$pid_before" ] || fail "container was not adopted"
only_counter() { [ "$(mods)" = "NetServ.test.counter_1.0.0 " ]; }
wait_for 10 only_counter || fail "after restart modules are: $(mods)"
[ "$(classifier_slot40)" = "$PATTERN" ] || fail "filter not restored after restart: $(classifier_slot40)"
in_container=$(container_list 40)
[ "$in_container" = "NetServ.test.counter_1.0.0" ] || fail "container 40 itself lists: $in_container"
[ "$(seen)" -ge "$uptime_mod" ] || fail "module counters went backwards: reinstalled?"
grep -q "reinstalled NetServ.test.counter" "$T/controller.log" && fail "module was installed twice"
ok "kill -9 recovery: container adopted (pid $pid_before), expired module removed, live module kept (seen=$(seen)) and not reinstalled"

# --- the engine restarts: the controller puts the rules back ---------------------
kill "$CLICKPID"; wait "$CLICKPID" 2>/dev/null
"$CLICK" -f "$T/router.click" >> "$T/click.log" 2>&1 & CLICKPID=$!
wait_for 10 test -S "$T/click.sock" || fail "netserv-click did not restart"
rules_back() { [ "$(classifier_slot40 2>/dev/null)" = "$PATTERN" ]; }
wait_for 20 rules_back || fail "classifier not restored after an engine restart: $(classifier_slot40)"
ok "engine restarted: controller rewrote ns.config"

# --- policy reload: command, then SIGHUP ---------------------------------------
write_policy 10.61.2.0/24
out=$(ctl reload); echo "$out" | grep -q "1 modules removed" || fail "reload: $out"
[ "$(classifier_slot40)" = false ] && [ -z "$(mods | tr -d ' ')" ] || fail "unauthorized module survived reload"
ok "reload: $out"
write_policy 10.61.0.0/16
r=$(ncm_setup NetServ.test.counter_1.0.0 "$URL/counter.jar" "$COUNTER" 600 "filter-proto: udp" "filter-port: 5060" | signed janedoe | send | code_of)
[ "$r" = "200 installed" ] || fail "SETUP: $r"
sed -i 's#<user>bob</user><key file="keys/bob.pub"/>#<user>bob</user><key file="keys/bob.pub"/><key file="keys/mallory.pub"/>#' "$T/policy.xml"
kill -HUP "$CPID"
wait_for 10 grep -q "policy reloaded from .*0 modules removed" "$T/controller.log" || fail "SIGHUP reload not seen"
[ "$(mods)" = "NetServ.test.counter_1.0.0 " ] || fail "SIGHUP reload disturbed a module that stays authorized"
ok "SIGHUP reload applied, authorized module untouched"
echo "PASS"
