#!/usr/bin/env bash
# GIST C-mode connection flood on a real netserv-nsisd (r1): the attacker
# keeps opening TCP connections to r1's C-mode port from 40 addresses and
# never sends a Confirm. r1 holds at most max_connections_per_address from
# each address and max_tcp_connections in all (the oldest unproven one makes
# room; test-gist-slowloris.sh shows the setup timeout), and a publisher's SETUP —
# whose own MA to r1 must get in — completes meanwhile.
set -u
. "$(dirname "$0")/gist-lib.sh"
srcs=""
for i in $(seq 10 49); do
  ns_addr atk eth0 10.147.9.$i/24
  srcs="$srcs${srcs:+,}10.147.9.$i"
done
start_attack_nodes "max_tcp_connections = 200" "max_connections_per_address = 8" "ma_setup_timeout_ms = 3000"
rss0=$(rss_mb r1)

ns_exec atk timeout 60 python3 "$ATTACK" conn-flood "$R1" "$R1_TCP" "$srcs" 20 > "$work/flood.out" 2>&1 &
flood=$!
sleep 3
max_open=0; peak=0
sample() {
  local n r; n=$(counter r1 tcp-connections); r=$(rss_mb r1)
  [ "$n" -gt "$max_open" ] && max_open=$n
  [ "$r" -gt "$peak" ] && peak=$r
}
sample
legit_setup NetServ.apps.DuringConnFlood_1.0.0; setup_rc=$?
sample
while kill -0 $flood 2>/dev/null; do sample; sleep 1; done
wait $flood
per_addr=$(counter r1 limit/tcp-connections-per-address); total=$(counter r1 limit/tcp-connections)
timeouts=$(counter r1 ma-setup-timeout)
ok=0
[ "$setup_rc" -eq 0 ] || ok=1
[ "$per_addr" -ge 1 ] && [ "$total" -ge 1 ] || ok=1      # both caps were reached
[ "$max_open" -le 200 ] || ok=1
[ "$peak" -le "$RSS_BOUND_MB" ] || ok=1
grep -q "limit tcp-connections" "$work/r1.log" || ok=1     # the operator is told
attack "GIST C-mode (TCP)" "connection flood: 40 addresses keep reopening idle connections for 20 s" \
  "<= 8 per address, <= 200 in all (oldest unproven evicted), SETUP completes, RSS <= ${RSS_BOUND_MB} MB" $ok \
  "$(cat "$work/flood.out"); refused per address $per_addr, evicted/refused at the total cap $total, setup timeouts $timeouts, most open $max_open, RSS $rss0 -> peak $peak MB, SETUP exit $setup_rc"
finish
