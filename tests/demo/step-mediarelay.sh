#!/usr/bin/env bash
# The Media Relay step of `make demo` (paper §4.3, Figure 9), in its own topology:
#
#   publisher ---- r1 ---- lan ---- ua-a 10.40.2.1   (SIPp UAC + coturn's turnutils_uclient)
#   Kamailio        NetServ  \----- ua-b 10.40.2.2   (SIPp UAS + coturn's turnutils_peer)
#   SIP trigger     node
#   fallback relay
#   10.40.1.1, 10.40.1.2 (a UA with no NetServ node on its path)
#
# REGISTER: Kamailio answers 200 OK naming the publisher's fallback relay and tells the trigger,
# which signals SETUP of Media Relay toward the UA and learns from PROBE that r1 runs it; the
# next REGISTER's 200 OK names r1's relay. Then a call ua-a -> ua-b through Kamailio whose media
# (turnutils_uclient -> turnutils_peer) goes through the relay r1 named; r1's STATUS counts it.
# A UA with no NetServ node on its path keeps the fallback relay.
#
#   bash tests/demo/step-mediarelay.sh      (run by run-demo.sh; also tests/mediarelay/test-publisher.sh)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/demo/lib.sh"
. "$top/tests/mediarelay/lib-mediarelay.sh"
PUBDIR=$top/apps/mediarelay/publisher
TRIGGER_JAR=$top/apps/sip-trigger/target/netserv-sip-trigger.jar
UA_C=10.40.1.2
FALLBACK="turn:$PUB_IP:$MR_PORT"
[ -f "$MR_JAR" ] || { echo "$MR_JAR missing: run 'make build'"; exit 1; }
for c in turnutils_uclient turnutils_peer; do command -v $c >/dev/null || { echo "$c missing: run 'make deps'"; exit 1; }; done

demo_init
step "Media Relay: topology publisher -- r1 -- lan -- ua-a, ua-b; r1 a NetServ node"
mr_topology
ns_addr publisher eth0 $UA_C/24
mr_start_r1
mr_module_server
ok "r1 up"

step "publisher: Kamailio (kamailio-mediarelay.cfg), the SIP trigger, the fallback relay at $PUB_IP"
d=$WORK/publisher; mkdir -p "$d"
ns_bg publisher pid java -jar "$MR_JAR" listen_ip=$PUB_IP port=$MR_PORT relay_ports=$MR_RELAY_LOW-$MR_RELAY_HIGH \
  secret="$MR_SECRET" channels=rfc5766 >"$d/fallback-relay.log" 2>&1
ns_bg publisher pid kamailio -DD -E -f "$PUBDIR/kamailio-mediarelay.cfg" -A LISTEN=udp:$PUB_IP:5060 \
  -A "CTL=\"unixs:$d/kamailio.ctl\"" -A "RUNDIR=\"$d\"" -A 'TRIGGER="sip:127.0.0.1:5698"' \
  -A "FALLBACK=\"$FALLBACK\"" >"$d/kamailio.log" 2>&1
ns_bg publisher pid java -jar "$TRIGGER_JAR" --listen 127.0.0.1:5698 --hold "$TTL" -- "$PUBDIR/relay-for-ua.sh" \
  --signal "$SIGNAL" --key "$WORK/keys/publisher.key" --url "http://$PUB_IP:8000/mediarelay.jar" \
  --digest "$(digest mediarelay.jar)" --properties "$(mr_properties)" --ttl "$TTL" --ctl "unixs:$d/kamailio.ctl" \
  --port $MR_PORT '{ua}' >"$d/trigger.log" 2>&1
wait_for 20 "Kamailio" test -S "$d/kamailio.ctl" || fail "Kamailio did not start: $(tail -5 "$d/kamailio.log")"
wait_for 30 "SIP trigger" grep -q listening "$d/trigger.log" || fail "trigger did not start: $(tail -5 "$d/trigger.log")"
wait_for 30 "fallback relay" grep -q "listening" "$d/fallback-relay.log" || fail "fallback relay did not start: $(cat "$d/fallback-relay.log")"
ok "Kamailio at $PUB_IP:5060, fallback relay $FALLBACK"

# register HOST USER IP PORT — one SIPp REGISTER; prints the relay the 200 OK named
register() {
  local log=$WORK/register-$2-$RANDOM.log
  ns_exec "$1" sipp $PUB_IP:5060 -sf "$PUBDIR/ua-register.xml" -s "$2" -i "$3" -p "$4" -m 1 -timeout 20s -nostdin \
    -trace_logs -log_file "$log" >/dev/null 2>&1 || fail "SIPp REGISTER of $2 failed: $(cat "$log" 2>/dev/null | tail -2)"
  grep -o 'relay turn:[0-9.:]*' "$log" | tail -1 | cut -d' ' -f2
}
relay_known() { ns_exec publisher kamcmd -s "unixs:$d/kamailio.ctl" htable.get relay "$1" 2>/dev/null | grep -q turn; }

step "ua-a and ua-b register: 200 OK names the fallback relay, the trigger signals SETUP toward each"
r=$(register ua-a ua-a $UA_A 5070); [ "$r" = "$FALLBACK" ] || fail "first 200 OK to ua-a named '$r', expected $FALLBACK"
info "ua-a: X-NetServ-Relay: $r"
r=$(register ua-b ua-b $UA_B 5070); [ "$r" = "$FALLBACK" ] || fail "first 200 OK to ua-b named '$r', expected $FALLBACK"
info "ua-b: X-NetServ-Relay: $r"
wait_for 90 "Media Relay on r1" module_running r1 $MR_MODULE || fail "r1 does not run $MR_MODULE: $(tail -20 "$d/trigger.log")"
wait_for 90 "relay chosen for ua-a" relay_known $UA_A || fail "no relay chosen for ua-a: $(tail -20 "$d/trigger.log")"
wait_for 90 "relay chosen for ua-b" relay_known $UA_B || fail "no relay chosen for ua-b: $(tail -20 "$d/trigger.log")"
grep 'relay-for-ua:' "$d/trigger.log" | sed 's/^/      /'
ok "Media Relay installed on r1 by SETUP; PROBE picked it for both UAs"

step "the next REGISTERs: 200 OK names r1's relay"
RA=$(register ua-a ua-a $UA_A 5070); RB=$(register ua-b ua-b $UA_B 5070)
[ "$RA" = "turn:10.40.1.254:$MR_PORT" ] && [ "$RB" = "$RA" ] || fail "200 OKs named '$RA' / '$RB', expected turn:10.40.1.254:$MR_PORT"
ok "ua-a and ua-b: X-NetServ-Relay: $RA"

step "a UA with no NetServ node on its path ($UA_C, on the publisher's LAN) keeps the fallback relay"
r=$(register publisher ua-c $UA_C 5072); [ "$r" = "$FALLBACK" ] || fail "200 OK to ua-c named '$r'"
wait_for 90 "trigger done for ua-c" grep -q "no NetServ node runs $MR_MODULE on the path to $UA_C" "$d/trigger.log" \
  || fail "the trigger did not finish for ua-c: $(tail -10 "$d/trigger.log")"
r=$(register publisher ua-c $UA_C 5072); [ "$r" = "$FALLBACK" ] || fail "second 200 OK to ua-c named '$r'"
ok "ua-c: X-NetServ-Relay: $r (PROBE found no node running Media Relay)"

step "call ua-a -> ua-b through Kamailio; its media through r1's relay ($RA)"
relay_ip=$(echo "$RA" | cut -d: -f2)
t0=$(mr_counter to_peer_packets); c0=$(mr_counter to_client_packets)
ns_bg ua-b UAS sipp -sn uas -i $UA_B -p 5070 -m 1 -timeout 60s -nostdin >"$WORK/uas.log" 2>&1
ns_bg ua-b PEER turnutils_peer -L $UA_B -p 3480 >"$WORK/peer.log" 2>&1
sleep 1
ns_bg ua-a UAC sipp $PUB_IP:5060 -sn uac -s ua-b -i $UA_A -p 5070 -m 1 -d 6000 -timeout 60s -nostdin >"$WORK/uac.log" 2>&1
sleep 1
ns_exec ua-a timeout 60 turnutils_uclient -W "$MR_SECRET" -u ua-a -p $MR_PORT -e $UA_B -r 3480 \
  -n 150 -l 172 -m 1 -z 20 "$relay_ip" >"$WORK/media.log" 2>&1 || fail "media through the relay failed: $(tail -3 "$WORK/media.log")"
wait "$UAC" || fail "the SIPp call failed: $(grep -E 'Successful|Failed' "$WORK/uac.log" | tail -2)"
wait "$UAS" || fail "the SIPp callee failed"
kill "$PEER" 2>/dev/null || true
t1=$(mr_counter to_peer_packets); c1=$(mr_counter to_client_packets)
lost=$(grep -o 'Total lost packets [0-9]* ([0-9.]*%)' "$WORK/media.log" | tail -1)
[ $((t1 - t0)) -ge 150 ] && [ $((c1 - c0)) -ge 140 ] || fail "r1 relayed $((t1 - t0)) / $((c1 - c0)) packets, expected ~150 each way"
ok "call set up and torn down (INVITE/200/ACK/BYE via Kamailio); media: $lost; r1 relayed $((t1 - t0)) packets to ua-b and $((c1 - c0)) back"
info "r1 STATUS: $(mr_status | sed 's/^module: //')"
demo_done
