#!/usr/bin/env bash
# netserv-container refuses every kind of bad configuration with exit 2 and a
# message naming the problem (interfaces.md 5). Uses --check: nothing is set up.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin="$top/build/bin/netserv-container"
[ -x "$bin" ] || { echo "build/bin/netserv-container missing: run make build"; exit 77; }
[ -n "$(ls "$top"/build/container/lib/*.jar 2>/dev/null)" ] || { echo "build/container/lib missing: run make build"; exit 77; }
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
fail=0
good='slot = 3
user = alice
uid = 41003
gid = 41003
sandbox = /var/lib/netserv/sandbox/alice
ports = 8080,5060
control_socket = /run/netserv/c3.sock
channel = 3'

# expect_bad NAME PATTERN CONFIG: exit 2 and PATTERN in stderr
expect_bad() {
  printf '%s\n' "$3" > "$dir/c.conf"
  out=$("$bin" --config "$dir/c.conf" --check 2>&1); rc=$?
  if [ $rc -eq 2 ] && grep -q -- "$2" <<<"$out"; then echo "ok - $1: $out"
  else echo "FAIL - $1: exit $rc, output: $out"; fail=1; fi
}

out=$("$bin" 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q -- "--config FILE is required" <<<"$out" && grep -q -- "--help" <<<"$out" && echo "ok - no arguments: what is missing, and a --help hint" || { echo "FAIL - no arguments ($rc): $out"; fail=1; }
out=$("$bin" --config "$dir/missing.conf" 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "missing.conf: No such file" <<<"$out" && echo "ok - missing file" || { echo "FAIL - missing file ($rc): $out"; fail=1; }
printf '%s\n' "$good" > "$dir/good.conf"
out=$("$bin" --config "$dir/good.conf" --check 2>&1); rc=$?
[ $rc -eq 0 ] && grep -q "is valid" <<<"$out" && echo "ok - a good configuration passes --check" || { echo "FAIL - good config ($rc): $out"; fail=1; }

expect_bad "no equals sign" "c.conf:2: expected 'key = value'" "slot = 3
user alice"
expect_bad "unknown key" "unknown key 'colour'" "$good
colour = blue"
expect_bad "key twice" "'slot' given twice" "$good
slot = 4"
expect_bad "slot not a number" "'slot' must be a number" "${good/slot = 3/slot = three}"
expect_bad "slot missing" "'slot' must be a number" "${good/slot = 3/}"
expect_bad "user missing" "'user' is required" "${good/user = alice/}"
expect_bad "bad user name" "'user' is required" "${good/user = alice/user = al ice\$}"
expect_bad "uid 0" "uid/gid 0 is not a dedicated" "${good/uid = 41003/uid = 0}"
expect_bad "uid without gid" "give both uid and gid" "${good/gid = 41003/}"
expect_bad "bad uid" "bad uid" "${good/uid = 41003/uid = -5}"
expect_bad "relative sandbox" "'sandbox' must be an absolute" "${good/sandbox = \/var/sandbox = var}"
expect_bad "sandbox /" "'sandbox' must be an absolute directory other than /" "${good/sandbox = \/var\/lib\/netserv\/sandbox\/alice/sandbox = \/}"
expect_bad "port 0" "bad port '0'" "${good/ports = 8080,5060/ports = 8080,0}"
expect_bad "port too big" "bad port '70000'" "${good/ports = 8080,5060/ports = 70000}"
expect_bad "port not a number" "bad port 'http'" "${good/ports = 8080,5060/ports = http}"
expect_bad "bad ip" "bad ip" "$good
ip = 10.0.0.300"
expect_bad "unknown feature in optional" "unknown feature 'frobs' in optional" "$good
require = all
optional = frobs"
expect_bad "disk_mb not a number" "'disk_mb' must be a number" "$good
disk_mb = lots"
expect_bad "netns maybe" "netns must be yes or no" "$good
netns = maybe"
expect_bad "memory not a number" "'memory_mb' must be a number" "$good
memory_mb = lots"
expect_bad "bad channel name" "bad channel name" "${good/channel = 3/channel = ..\/x}"
expect_bad "relative control socket" "'control_socket' must be an absolute" "${good/control_socket = \/run/control_socket = run}"
expect_bad "hidden path hides the sandbox" "would hide the sandbox" "$good
hidden_paths = /etc/netserv/policy.xml,/var/lib/netserv"
expect_bad "hidden path relative" "bad hidden path" "$good
hidden_paths = keys"
expect_bad "unknown required feature" "unknown feature 'magic'" "$good
require = seccomp,magic"
expect_bad "java_home without a JVM" "no JVM at /nonexistent" "$good
java_home = /nonexistent"
expect_bad "batch not a number" "'batch' must be a number" "$good
batch = many"

# Mutated configurations (seeded): the parser answers 0 or 2, never crashes.
python3 - "$bin" "$dir" "$good" <<'PY' || fail=1
import random, subprocess, sys
binary, d, good = sys.argv[1], sys.argv[2], sys.argv[3].encode()
rnd = random.Random(1128)
bad = 0
for i in range(300):
    b = bytearray(good)
    for _ in range(rnd.randint(1, 6)):
        op = rnd.randint(0, 3)
        if op == 0 and b: b[rnd.randrange(len(b))] = rnd.randrange(256)
        elif op == 1 and b: del b[rnd.randrange(len(b)):rnd.randrange(len(b) + 1)]
        elif op == 2: b[rnd.randrange(len(b) + 1):0] = rnd.choice([b"=", b",", b"\n", b"#", b" " * 300, b"ports = 1,2,3\n", b"hidden_paths = /x\n", b"\x00"])
        else: b += rnd.choice([b"\nslot = 1", b"\nuid = 0", b"\nip = 1.2.3", b"\n=", b"\nrequire = all"])
    with open(d + "/fz.conf", "wb") as f: f.write(bytes(b))
    r = subprocess.run([binary, "--config", d + "/fz.conf", "--check"], capture_output=True)
    if r.returncode not in (0, 2):
        bad += 1
        print("FAIL - mutated config %d: exit %d\n%s" % (i, r.returncode, bytes(b)[:300]))
print("ok - 300 mutated configurations: exit 0 or 2, no crash" if not bad else "FAIL - %d crashed" % bad)
sys.exit(1 if bad else 0)
PY
exit $fail
