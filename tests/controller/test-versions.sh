#!/usr/bin/env bash
# test-versions.sh — module versions, rollback and staged rollout (issue #19 item 3;
# controller/README.md "Module versions") with everything real:
#
#     publisher (module server, receiver) -- r1 -- r2 -- ua (sender)
#
# r1 and r2 are NetServ nodes as in the demo (tests/demo/lib.sh: netserv-click, controller,
# netserv-nsisd, a service container each). A UDP flow ua -> publisher:5060 at a steady rate
# carries sequence numbers; the module NetServ.test.stamp (container/test-bundles, built in
# versions 1.0.0 and 2.0.0) writes its major version into each packet, so the receiver sees
# which version of which node handled every packet ("<r2><r1>", e.g. "21").
# Checks: SETUP v1; SETUP v2 upgrades both nodes and ROLLBACK puts v1 back, with no sequence
# number lost and every packet handled by exactly one version per node; SETUP v2 --canary 50%
# takes only the nodes whose bucket (sha-256 of node-id and name) is below 50, the others
# answer 203 and keep v1; --nodes takes a named node; PROBE shows per node which version runs.
set -u
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$top/tests/demo/lib.sh"   # topology, start_node, wait_node, signal, digest, modules_of, demo_cleanup

NAME=NetServ.test.stamp
JARS=$top/container/test-bundles/target/netserv-container-test-bundles-0.1.0-SNAPSHOT-stamp
RATE=${VERSIONS_RATE:-100}   # packets per second

# every part is this project's own: one missing is a failure, not a skip (make build makes them)
ns_require_root
for f in "$BIN/netserv-click" "$BIN/netserv-container" "$JARS-1.jar" "$JARS-2.jar" "$top/build/container/bundles/packet-dispatcher"; do
  [ -e "$f" ] || fail "$f is missing: run 'make build'"
done
ls "$top"/nsis/core/target/netserv-nsis-*-all.jar >/dev/null 2>&1 || fail "nsis jar not built: run 'make build'"
ls "$top"/controller/core/target/netserv-controller-*-all.jar >/dev/null 2>&1 || fail "controller jar not built: run 'make build'"
for c in openssl python3 curl; do command -v $c >/dev/null || fail "$c is not installed: run 'make deps'"; done
ns_sweep
WORK=$(mktemp -d /tmp/netserv-versions.XXXXXX); KEEP_WORK=0
chmod 755 "$WORK"
trap demo_cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$WORK/www" "$WORK/keys" "$WORK/publisher"
openssl genpkey -algorithm ed25519 -out "$WORK/keys/publisher.key" 2>/dev/null
openssl pkey -in "$WORK/keys/publisher.key" -pubout -out "$WORK/keys/publisher.pub" 2>/dev/null
cp "$JARS-1.jar" "$WORK/www/stamp-1.jar"; cp "$JARS-2.jar" "$WORK/www/stamp-2.jar"

step "topology publisher -- r1 -- r2 -- ua, two NetServ nodes"
topology
start_node r1 10.40.1.254/24 10.40.12.1/24 "10.40.2.0/24 10.40.12.2 2"
start_node r2 10.40.12.2/24 10.40.2.254/24 "10.40.1.0/24 10.40.12.1 1"
wait_node r1; wait_node r2
ns_bg publisher pid python3 -m http.server 8000 --bind $PUB_IP --directory "$WORK/www" >"$WORK/publisher/http.log" 2>&1
wait_for 20 "module server" ns_exec publisher curl -sf -o /dev/null http://$PUB_IP:8000/stamp-1.jar || fail "module server did not start"
ok "nodes up"

FLOW=(filter-proto=udp filter-port=5060 filter-dst=$PUB_IP/32)
setup() { signal setup "${NAME}_$1.0.0" "stamp-$1.jar" "${FLOW[@]}" "${@:2}"; }
# stamps of the last packets received (the newest line of the receiver's log)
last_stamps() { tail -1 "$WORK/flow.txt" 2>/dev/null | awk '{print $2}'; }
stamps_are() { [ "$(last_stamps)" = "$1" ]; }
expect_stamps() { wait_for 20 "packets stamped $1" stamps_are "$1" || fail "the flow is stamped '$(last_stamps)', expected '$1' (<r2><r1>)"; ok "the flow's packets are stamped $1 (r2 r1)"; }
# probe_versions: "node=version[/previous] ..." from PROBE status, farthest node first
probe_versions() {
  local out; out=$(ns_exec publisher "$SIGNAL" probe --dest $UA_IP --key "$WORK/keys/publisher.key" \
    --user publisher --retry-limit 8 --timeout 60 2>&1) || fail "PROBE failed: $out"
  echo "$out" | awk -v name="$NAME" '
    /^node-id: / { node = $2 }
    /^module: / && index($2, name "_") == 1 && / state=ACTIVE/ {
      v = ""; p = ""
      for (i = 3; i <= NF; i++) { if ($i ~ /^version=/) v = substr($i, 9); if ($i ~ /^previous=/) p = "/" substr($i, 10) }
      printf "%s=%s%s ", node, v, p }'
}
expect_probe() {
  local got; got=$(probe_versions)
  [ "$got" = "$1" ] || fail "PROBE shows '$got', expected '$1'"
  ok "PROBE: $got"
}

step "SETUP ${NAME}_1.0.0 on both nodes, then a steady UDP flow ua -> publisher:5060 ($RATE/s)"
setup 1
ns_bg publisher RECV python3 "$top/tests/controller/seqflow.py" recv $PUB_IP 5060 "$WORK/flow.txt" "$WORK/stop" 300
sleep 0.5
ns_bg ua SEND python3 "$top/tests/controller/seqflow.py" send $PUB_IP 5060 "$RATE" "$WORK/stop" 300
expect_stamps 11
expect_probe "r2=1.0.0 r1=1.0.0 "
sleep 2

step "SETUP ${NAME}_2.0.0: an upgrade on both nodes under traffic"
setup 2
expect_stamps 22
expect_probe "r2=2.0.0/1.0.0 r1=2.0.0/1.0.0 "
sleep 2

step "ROLLBACK ${NAME}_2.0.0: version 1 back on both nodes under traffic"
signal rollback "${NAME}_2.0.0"
expect_stamps 11
expect_probe "r2=1.0.0 r1=1.0.0 "
sleep 2

step "SETUP ${NAME}_2.0.0 --canary 50%: only the nodes whose bucket is below 50"
b1=$(python3 -c "import hashlib;print(int.from_bytes(hashlib.sha256(b'r1\n$NAME').digest()[:4],'big')%100)")
b2=$(python3 -c "import hashlib;print(int.from_bytes(hashlib.sha256(b'r2\n$NAME').digest()[:4],'big')%100)")
v1=$([ "$b1" -lt 50 ] && echo 2 || echo 1); v2=$([ "$b2" -lt 50 ] && echo 2 || echo 1)
info "buckets: r1 $b1, r2 $b2: r1 runs $v1, r2 runs $v2 afterwards"
[ "$v1" != "$v2" ] || fail "the module name does not split r1 and r2 at 50% (buckets $b1 $b2): pick another test name"
out=$(ns_exec publisher "$SIGNAL" setup "${NAME}_2.0.0" --dest $UA_IP --key "$WORK/keys/publisher.key" --user publisher \
  --retry-limit 8 --timeout 60 --ttl "$TTL" --url "http://$PUB_IP:8000/stamp-2.jar" --digest "$(digest stamp-2.jar)" \
  --filter-proto udp --filter-port 5060 --filter-dst $PUB_IP/32 --canary 50% 2>&1) || fail "canary SETUP failed: $out"
echo "$out" | sed 's/^/      /'
not_selected=$([ "$v1" = 1 ] && echo r1 || echo r2)
echo "$out" | awk -v n="$not_selected" '/^NETSERV/ { code = $2 } /^node-id: / && $2 == n { print code }' | grep -qx 203 \
  || fail "$not_selected did not answer 203 (not in canary)"
ok "$not_selected answered 203 not in canary"
expect_stamps "$v2$v1"
expect_probe "r2=$v2.0.0$([ "$v2" = 2 ] && echo /1.0.0) r1=$v1.0.0$([ "$v1" = 2 ] && echo /1.0.0) "
sleep 2

step "SETUP ${NAME}_2.0.0 --nodes $not_selected: the rest of the rollout"
setup 2 nodes=$not_selected
expect_stamps 22
expect_probe "r2=2.0.0/1.0.0 r1=2.0.0/1.0.0 "
sleep 2

step "no packet of the flow lost, each handled by exactly one version per node"
touch "$WORK/stop"
wait_for 10 "flow ends" not kill -0 "$SEND" 2>/dev/null
sleep 1
python3 - "$WORK/flow.txt" <<'PY' || fail "flow check failed"
import re, sys
seqs, runs = [], []
for line in open(sys.argv[1]):
    seq, stamps = line.split()
    seqs.append(int(seq))
    if not runs or runs[-1] != stamps:
        runs.append(stamps)
got = sorted(set(seqs))
missing = [s for s in range(got[0], got[-1] + 1) if s not in set(got)]
print("    received %d packets, seq %d..%d, %d missing, %d duplicated" % (len(seqs), got[0], got[-1], len(missing), len(seqs) - len(got)))
print("    stamp runs: " + " ".join(runs))
bad = [s for s in set(r for r in runs) if not re.fullmatch("[12][12]", s)]
if missing:
    print("    FAILED: lost sequence numbers (first ones): %s" % missing[:20]); sys.exit(1)
if bad:
    print("    FAILED: packets not handled by exactly one version at each node: %s" % bad); sys.exit(1)
# 11, upgrade (one node may switch first), 22, rollback, 11, canary (one node), rest of the rollout, 22
if not re.fullmatch(r"11 (12 |21 )?22 (12 |21 )?11 (12|21) 22", " ".join(runs)):
    print("    FAILED: unexpected order of versions"); sys.exit(1)
PY
ok "zero loss across upgrade, rollback and canary"
for n in r1 r2; do
  grep -q "upgraded ${NAME}_1.0.0 -> ${NAME}_2.0.0" "$WORK/$n/controller.log" || fail "$n: no upgrade in its log"
done
ok "both controllers logged the upgrade"
printf '\ntest-versions: all %d steps passed.\n' "$STEP"
