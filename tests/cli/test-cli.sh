#!/usr/bin/env bash
# Every NetServ command as people and scripts meet it (issue #19 item 4):
#  (a) --help exits 0, ends with a newline and has an Examples section; --version prints
#      "NAME (NetServ) VERSION" with the root pom's version, the same everywhere; a bad option
#      exits 2 (1 for netserv-click, as Click's own click does: its regression suite runs on it)
#  (b) --json of every netserv-ctl subcommand parses, against a real controller on loopback;
#      --json of every netserv-signal subcommand parses (signaling into a dead end inside its own
#      network namespaces: outcome no_netserv_node, exit 3); list is an aligned table, coloured only on a
#      terminal (script(1) gives it a pty); the progress line of a long wait only on a terminal
#  (c) docs/cli regenerated into a temporary directory equals the committed pages
#  (d) the bash completion scripts load and complete a subcommand
set -u
. "$(dirname "$0")/../controller/lib.sh"
NSIS_JAR=$(ls "$top"/nsis/core/target/netserv-nsis-*-all.jar 2>/dev/null | head -1)
[ -n "$JAR" ] || skip "controller jar not built (mvn -pl controller/core -am install)"
[ -n "$NSIS_JAR" ] || skip "nsis jar not built (mvn -pl nsis/core -am install)"
[ -x "$CLICK" ] || skip "build/bin/netserv-click not built"
[ -x "$LAUNCHER" ] || skip "build/bin/netserv-container not built"
command -v python3 >/dev/null || skip "python3 missing"
command -v script >/dev/null || skip "script (util-linux) missing"
[ "$(id -u)" = 0 ] || skip "needs root (network namespace for netserv-signal)"

T=$(mktemp -d /tmp/nsv-cli.XXXXXX)
CPID=""
cleanup() { [ -n "$CPID" ] && kill "$CPID" 2>/dev/null && wait "$CPID" 2>/dev/null; rm -rf "$T"; }
. "$top/tests/netns/netns.sh"
ns_init
trap 'cleanup; ns_cleanup' EXIT

VERSION=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$top/pom.xml" | head -1)
[ -n "$VERSION" ] || fail "no project version in pom.xml"
export NETSERV_CLICK=$CLICK NETSERV_CONTROLLER_JAR=$JAR
CTL="$top/controller/bin/netserv-ctl"
SIGNAL="$top/nsis/bin/netserv-signal"
# name | how to run it | exit code for a bad option
COMMANDS=(
  "netserv-ctl|$CTL|2"
  "netserv-signal|$SIGNAL|2"
  "netserv-controller|$top/controller/bin/netserv-controller|2"
  "netserv-nsisd|$top/nsis/bin/netserv-nsisd|2"
  "netserv-click-exporter|$top/controller/bin/netserv-click-exporter|2"
  "netserv-container|$LAUNCHER|2"
  "netserv-router.sh|$top/click-configs/netserv-router.sh|2"
  "netserv-click|$CLICK|1"
)

# help_ok LABEL CMD...: exit 0, output ends with a newline, has "Examples:"
help_ok() {
  local label=$1; shift
  "$@" --help > "$T/help.out" 2> "$T/help.err"; local rc=$?
  [ $rc = 0 ] || fail "$label --help exited $rc: $(head -3 "$T/help.err")"
  [ -s "$T/help.out" ] || fail "$label --help printed nothing on stdout"
  [ -z "$(tail -c1 "$T/help.out")" ] || fail "$label --help does not end with a newline"
  grep -q '^Examples:' "$T/help.out" || fail "$label --help has no Examples section"
}

# --- (a) help, version, bad option -------------------------------------------------------
for c in "${COMMANDS[@]}"; do
  IFS='|' read -r name cmd bad <<<"$c"
  help_ok "$name" $cmd
  v=$($cmd --version 2>&1 | head -1); rc=$?
  [ "$v" = "$name (NetServ) $VERSION" ] || fail "$name --version: '$v' (want '$name (NetServ) $VERSION')"
  $cmd --no-such-option > "$T/bad.out" 2> "$T/bad.err"; rc=$?
  [ $rc = "$bad" ] || fail "$name --no-such-option exited $rc, want $bad"
  [ -s "$T/bad.err" ] && grep -q -- "--help" "$T/bad.err" || fail "$name: bad option without a hint to --help: $(cat "$T/bad.err")"
  [ ! -s "$T/bad.out" ] || fail "$name: bad option wrote to stdout"
  ok "$name: --help (Examples, newline, exit 0), --version $VERSION, bad option exit $bad with a hint"
done
# every subcommand the top-level help lists (so one added later is checked too)
subcommands() { "$1" --help | sed -n '/^Commands:/,/^$/p' | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p' | grep -v '^generate-completion$'; }
[ "$(subcommands "$CTL" | wc -l)" -ge 6 ] || fail "netserv-ctl --help lists $(subcommands "$CTL" | wc -l) subcommands"
[ "$(subcommands "$SIGNAL" | wc -l)" -ge 5 ] || fail "netserv-signal --help lists $(subcommands "$SIGNAL" | wc -l) subcommands"
# a configuration file that is not there: exit 2 with the file named, before anything starts
for c in "netserv-controller|$top/controller/bin/netserv-controller" "netserv-nsisd|$top/nsis/bin/netserv-nsisd" \
         "netserv-container|$LAUNCHER"; do
  IFS='|' read -r name cmd <<<"$c"
  $cmd --config "$T/no-such.conf" > /dev/null 2> "$T/err"; rc=$?
  [ $rc = 2 ] && grep -q "no-such.conf" "$T/err" || fail "$name --config (missing file): exit $rc, $(cat "$T/err")"
done
ok "netserv-controller, netserv-nsisd, netserv-container: a missing --config file exits 2 naming it"
for s in $(subcommands "$CTL"); do help_ok "netserv-ctl $s" $CTL $s; done
for s in $(subcommands "$SIGNAL"); do help_ok "netserv-signal $s" $SIGNAL $s; done
ok "every netserv-ctl and netserv-signal subcommand has --help with Examples"

# --- (b) --json against a real controller --------------------------------------------------
cp -r "$top/controller/examples/keys" "$T/keys"
sed "s#/var/lib/netserv/sandbox#$T/sandbox#" "$top/controller/examples/policy.xml" > "$T/policy.xml"
HTTP_PORT=$(free_port)
cat > "$T/controller.conf" <<CONF
policy = $T/policy.xml
state_dir = $T/state
run_dir = $T/run
socket = $T/run/controller.sock
admin_socket = $T/run/controller-admin.sock
http = 127.0.0.1:$HTTP_PORT
forwarding_plane = tcp:127.0.0.1:1
containers = no
outbound_allow = 127.0.0.0/8
CONF
"$top/controller/bin/netserv-controller" --config "$T/controller.conf" > "$T/controller.log" 2>&1 & CPID=$!
wait_for 40 test -S "$T/run/controller-admin.sock" || { cat "$T/controller.log"; fail "controller did not start"; }
ctlj() { "$CTL" --socket "$T/run/controller.sock" --admin-socket "$T/run/controller-admin.sock" "$@"; }
json_ok() {  # LABEL FILE [PYTHON-EXPR over d that must be true]
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if (${3:-True}) else 1)" "$2" \
    || fail "$1: not the JSON expected: $(head -c 400 "$2")"
}
ctlj keygen --json "$T/pub" > "$T/j" || fail "keygen --json"
json_ok "netserv-ctl keygen --json" "$T/j" "d['type']=='ed25519' and d['private'].endswith('pub.key')"
printf 'PROBE NETSERV/0.1\nprobe: capabilities\n' > "$T/probe.ncm"
ctlj sign --json --key "$T/keys/janedoe.key" "$T/probe.ncm" > "$T/j" || fail "sign --json"
json_ok "netserv-ctl sign --json" "$T/j" "'signature:' in d['message']"
ctlj sign --key "$T/keys/janedoe.key" "$T/probe.ncm" > "$T/signed.ncm"
ctlj send --json "$T/signed.ncm" > "$T/j" || fail "send --json: $(cat "$T/j")"
json_ok "netserv-ctl send --json" "$T/j" "d['exit']==0 and d['responses'][0]['status']==200"
ctlj list --json > "$T/j" || fail "list --json"
json_ok "netserv-ctl list --json" "$T/j" "d['node']=='netserv-r1' and d['modules']==[]"
ctlj status --json > "$T/j" || fail "status --json"
[ "$(wc -l < "$T/j")" = 1 ] || fail "status --json is not one line"
json_ok "netserv-ctl status --json" "$T/j" "d['node-id']=='netserv-r1'"
ctlj reload --json > "$T/j" || fail "reload --json"
json_ok "netserv-ctl reload --json" "$T/j" "d['status']==200"
printf 'FROB NETSERV/0.1\n' | ctlj sign --key "$T/keys/janedoe.key" - > "$T/bad.ncm"
ctlj send --json "$T/bad.ncm" > "$T/j"; rc=$?
[ $rc = 1 ] || fail "send of a refused NCM exited $rc, want 1"
json_ok "netserv-ctl send --json (refused)" "$T/j" "d['exit']==1 and d['responses'][0]['status']>=400"
ok "netserv-ctl: keygen, sign, send, list, status, reload --json parse; a refused NCM exits 1"

# tables and colour: header row on a pipe, no escape codes; on a terminal the header is bold
ctlj list > "$T/list.txt" || fail "list"
[ "$(head -1 "$T/list.txt")" = "MODULE  SLOT  USER  STATE  TTL  FILTER" ] || fail "list header: $(head -1 "$T/list.txt")"
! grep -q $'\e' "$T/list.txt" || fail "colour on a pipe"
script -qec "$CTL --admin-socket $T/run/controller-admin.sock list" /dev/null > "$T/list.tty" || fail "list on a pty"
grep -q $'\e\[1mMODULE' "$T/list.tty" || fail "no colour on a terminal: $(od -c "$T/list.tty" | head -3)"
NO_COLOR=1 script -qec "$CTL --admin-socket $T/run/controller-admin.sock list" /dev/null > "$T/list.tty"
! grep -q $'\e' "$T/list.tty" || fail "NO_COLOR ignored"
ok "netserv-ctl list: aligned table; colour on a terminal only, never with NO_COLOR"
kill "$CPID"; wait "$CPID" 2>/dev/null; CPID=""
ctlj list 2> "$T/err"; rc=$?
[ $rc = 3 ] && grep -q "cannot reach the controller" "$T/err" || fail "stopped controller: exit $rc $(cat "$T/err")"
ok "netserv-ctl: controller not running -> exit 3 with the reason"

# netserv-signal --json: toward a host (namespace e) that runs no NetServ node, so no node answers
ns_host s; ns_host e
ns_link s e0 e e0
ns_addr s e0 10.77.0.1/24; ns_addr e e0 10.77.0.2/24
"$SIGNAL" keygen --out "$T/sig.pem" --json > "$T/j" || fail "netserv-signal keygen --json"
json_ok "netserv-signal keygen --json" "$T/j" "d['public'].endswith('sig.pem.pub')"
fast=(--dest 10.77.0.2 --key "$T/sig.pem" --json --retry-limit 1 --t1 0.2 --timeout 5)
for args in "setup M_1.0.0 --ttl 5" "remove M_1.0.0" "probe" "trigger probe M_1.0.0"; do
  ns_exec s "$SIGNAL" $args "${fast[@]}" > "$T/j" 2> "$T/err"; rc=$?
  [ $rc = 3 ] || fail "netserv-signal $args into a dead end exited $rc: $(cat "$T/err")"
  json_ok "netserv-signal $args --json" "$T/j" "d['outcome']=='no_netserv_node' and d['exit']==3 and d['nodes']==[]"
done
ok "netserv-signal: setup, remove, probe, trigger, keygen --json parse (no node on the path: exit 3)"
# progress while waiting: drawn on stderr when it is a terminal (script's pty), absent on a pipe;
# 10.77.0.3 does not exist, so the wait lasts (no ICMP answer ends it early)
slow=(probe --dest 10.77.0.3 --key "$T/sig.pem" --retry-limit 2 --t1 0.5 --timeout 2)
script -qec "ip netns exec $(ns_name s) $SIGNAL ${slow[*]}" /dev/null > "$T/tty.out"
grep -q "waiting for the path's answers" "$T/tty.out" || fail "no progress on a terminal: $(head -c 300 "$T/tty.out")"
ns_exec s "$SIGNAL" "${slow[@]}" > "$T/pipe.out" 2> "$T/pipe.err"
! grep -q "waiting" "$T/pipe.err" "$T/pipe.out" || fail "progress drawn on a pipe: $(cat "$T/pipe.err")"
ok "netserv-signal: progress line on a terminal's stderr only"

# --- (c) docs/cli is what the commands say today -------------------------------------------
bash "$top/docs/gen-cli-docs.sh" "$T/docs" > "$T/gen.log" 2>&1 || { cat "$T/gen.log"; fail "gen-cli-docs.sh"; }
diff -ru "$top/docs/cli" "$T/docs" > "$T/docs.diff" || { head -40 "$T/docs.diff"; fail "docs/cli is stale: run 'make docs-cli' and commit"; }
ok "docs/cli matches the commands ($(ls "$T/docs" | wc -l) pages)"

# --- (d) completion ------------------------------------------------------------------------
complete_word() {  # COMMAND-NAME WRAPPER PARTIAL -> COMPREPLY words
  bash -c '
    source <("$2" generate-completion) || exit 9
    fn=$(complete -p "$1" | sed -n "s/.*-F \([^ ]*\) .*/\1/p")
    [ -n "$fn" ] || exit 8
    COMP_WORDS=("$1" "$3"); COMP_CWORD=1; COMP_LINE="$1 $3"; COMP_POINT=${#COMP_LINE}
    "$fn" "$1" "$3" "$1" 2>/dev/null   # compopt complains outside readline; the words are what counts
    echo "${COMPREPLY[*]}"' _ "$@"
}
w=$(complete_word netserv-ctl "$CTL" li) || fail "netserv-ctl completion did not load (exit $?)"
[ "$w" = list ] || fail "netserv-ctl completion of 'li': '$w'"
w=$(complete_word netserv-signal "$SIGNAL" se) || fail "netserv-signal completion did not load (exit $?)"
[ "$w" = setup ] || fail "netserv-signal completion of 'se': '$w'"
ok "bash completion: netserv-ctl li<TAB> -> list, netserv-signal se<TAB> -> setup"
echo PASS
