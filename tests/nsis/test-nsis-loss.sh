#!/usr/bin/env bash
# Signaling completes over a lossy link: `plain` drops every 5th packet it
# forwards in each direction (20 %, iptables statistic nth, so the loss is
# deterministic), hitting Queries, Responses and TCP segments alike; GIST
# Query retransmission and TCP recover. Every request must still complete.
set -u
. "$(dirname "$0")/../netns/netns.sh"
ns_init
. "$(dirname "$0")/lib.sh"
need_jar
build_path
ns_exec pub "$SIGNAL" keygen --out "$work/pub.key" || fail "keygen"
intercept r1; intercept r2
start_node r1 r1
start_node r2 r2
for dir in "-i eth0" "-i eth1"; do
  ns_exec plain iptables -A FORWARD $dir -m statistic --mode nth --every 5 --packet 0 -j DROP
done
M=NetServ.apps.LossTest_1.0.0
for i in $(seq 1 6); do
  signal setup $M --ttl 600 --timeout 60
  expect_rc 0 "setup #$i under 20% loss"
  [ "$(grep -c '^NETSERV/0.1 200' "$work/out")" -eq 2 ] || fail "setup #$i: expected blocks from r2 and r1"
  signal probe --timeout 60
  expect_rc 0 "probe #$i under 20% loss"
  order=$(grep '^node-id:' "$work/out" | awk '{print $2}' | tr '\n' ' ')
  [ "$order" = "r2 r1 " ] || fail "probe #$i order '$order'"
done
dropped=$(ns_exec plain iptables -L FORWARD -v -n -x | awk '/statistic/ {s += $1} END {print s+0}')
rtx=$(counter r1 tx-query-retransmit)
echo "plain dropped $dropped packets; r1 retransmitted $rtx Queries"
[ "$dropped" -gt 0 ] || fail "no packet was dropped: the loss rule did not work"
[ "$rtx" -gt 0 ] || fail "no Query retransmission at r1 although its Queries cross the lossy link"
pass "12 requests completed under 20% loss"
