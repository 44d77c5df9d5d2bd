#!/usr/bin/env bash
# The NSIS-enabled SIP server with real peers: Kamailio (apps/sip-server/kamailio.cfg)
# answers a SIPp UA's REGISTER and keep-alive NOTIFYs and reports the UA once to
# netserv-sip-trigger, which runs its signaling command exactly once for that UA.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/netns/netns.sh"
jar=$top/apps/sip-trigger/target/netserv-sip-trigger.jar
[ -f "$jar" ] || ns_die "$jar missing: run 'make build'"
ns_init
work=$(mktemp -d); trap 'ns_cleanup; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT; echo "work: $work"
ns_host pub
ns_addr pub lo 10.55.0.1/32

ns_bg pub kam kamailio -DD -E -f "$top/apps/sip-server/kamailio.cfg" -A LISTEN=udp:10.55.0.1:5060 \
  -A "CTL=\"unixs:$work/ctl\"" -A "RUNDIR=\"$work\"" -A 'TRIGGER="sip:127.0.0.1:5699"' >"$work/kamailio.log" 2>&1
ns_bg pub trig java -jar "$jar" --listen 127.0.0.1:5699 --hold 600 -- sh -c "echo {ua} >> $work/signaled" >"$work/trigger.log" 2>&1
for i in $(seq 50); do [ -S "$work/ctl" ] && break; sleep 0.1; done
[ -S "$work/ctl" ] || { echo "kamailio did not start"; exit 1; }
sleep 1.5   # the trigger's JVM

# 4 keep-alives, 300 ms apart, each must get its 200 OK
ns_exec pub sipp 10.55.0.1:5060 -sf "$top/apps/sip-server/ua-keepalive.xml" -i 10.55.0.1 -p 5062 \
  -d 300 -set ka_count 4 -m 1 -timeout 20s -nostdin > "$work/sipp.out" 2>&1 \
  || { echo "SIPp failed (exit $?)"; tail -30 "$work/sipp.out"; tail -5 "$work/kamailio.log"; exit 1; }
stats=$(ns_exec pub kamcmd -s "unixs:$work/ctl" stats.get_statistics all 2>&1 | grep rcv_requests_notify || true); echo "kamcmd: $stats"
notify=$(echo "$stats" | grep -o "[0-9]*$" | head -1)
for i in $(seq 50); do [ -s "$work/signaled" ] && break; sleep 0.1; done
signaled=$(cat "$work/signaled" 2>/dev/null || true)
echo "kamailio rcv_requests_notify=$notify; trigger signaled: $signaled"
[ "$notify" -ge 4 ] || { echo "Kamailio saw $notify NOTIFYs, expected at least 4"; exit 1; }
[ "$signaled" = 10.55.0.1 ] || { echo "trigger should have signaled 10.55.0.1 exactly once"; exit 1; }
echo "kamailio + SIPp + trigger: ok"
