#!/usr/bin/env bash
# NSIS benchmark (part of `make bench`, not of the test run):
#  1. SETUP -> response latency on the netns path pub--r1--plain--r2--user,
#     with one NetServ node (r1) and with two (r1, r2): median and p99, and
#     the per-hop cost as their difference;
#  2. signaling sessions one GIST node holds in soft state, memory per
#     session and CPU per message (SessionBench; N from NSIS_BENCH_SESSIONS,
#     default 1,000,000).
# Results also go to build/bench/nsis.txt.
set -u
. "$(dirname "$0")/../netns/netns.sh"
ns_init
. "$(dirname "$0")/../nsis/lib.sh"
need_jar
jar=$(ls "$top"/nsis/core/target/netserv-nsis-*-all.jar | head -1)
n=${NSIS_BENCH_N:-200}
sessions=${NSIS_BENCH_SESSIONS:-1000000}
mkdir -p "$top/build/bench"
res="$top/build/bench/nsis.txt"
: > "$res"
build_path
# the user's kernel rate-limits ICMP port unreachable per destination (1/s with a small
# burst); a benchmark sending hundreds of SETUPs a second would measure the limiter.
ns_exec user sysctl -qw net.ipv4.icmp_ratelimit=0
intercept r1
start_node r1 r1
one=$(ns_exec pub java -cp "$jar" org.netserv.nsis.bench.LatencyBench 10.147.4.2 "$n") || fail "latency bench (1 node)"
echo "1 NetServ node : $one" | tee -a "$res"
intercept r2
start_node r2 r2
two=$(ns_exec pub java -cp "$jar" org.netserv.nsis.bench.LatencyBench 10.147.4.2 "$n") || fail "latency bench (2 nodes)"
echo "2 NetServ nodes: $two" | tee -a "$res"
m1=$(echo "$one" | sed 's/.*median_us=\([0-9]*\).*/\1/'); m2=$(echo "$two" | sed 's/.*median_us=\([0-9]*\).*/\1/')
p1=$(echo "$one" | sed 's/.*p99_us=\([0-9]*\).*/\1/');   p2=$(echo "$two" | sed 's/.*p99_us=\([0-9]*\).*/\1/')
echo "per additional hop: median +$((m2 - m1)) us, p99 +$((p2 - p1)) us" | tee -a "$res"
stop_node r1; stop_node r2
ns_exec r1 java -Xmx4g -cp "$jar" org.netserv.nsis.bench.SessionBench "$sessions" 2>/dev/null | tee -a "$res"
