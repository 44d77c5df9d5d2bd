#!/usr/bin/env bash
# make demo — the NetServ story end to end (paper §4.2, §5 configurations 5 and 6).
#
#   publisher ---- r1 ---- r2 ---- ua
#   Kamailio         NetServ nodes: netserv-click + signaling daemon +
#   module server    controller + service containers, from their policies
#   visualizer       
#   sip trigger                                    SIPp UAs: REGISTER, then
#                                                  keep-alive NOTIFYs
# Steps, each checked: nodes up; SETUP of NetMonitor from the publisher; keep-alives
# make the NSIS-enabled SIP server signal SETUP of KeepAlive; the PROBE response stack
# shows where both run; keep-alives answered at r2 (SIPp gets its 200s while
# Kamailio's NOTIFY counter stays flat); NetMonitor counts at the visualizer (and its
# page URL); REMOVE, and keep-alives reach Kamailio again.
# Cleans up after itself (also on Ctrl-C) and exits non-zero if any step failed.
#
#   bash tests/demo/run-demo.sh [--keep-open SECONDS]   (--keep-open: leave the
#   topology up that long at the end, e.g. to look at the visualizer's page)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/demo/lib.sh"
. "$top/tests/demo/step-activecdn.sh"

KEEP_OPEN=0 TEST=0
while [ $# -gt 0 ]; do
  case $1 in
    --keep-open) KEEP_OPEN=$2; shift 2 ;;
    --test) TEST=1; shift ;;    # tests/demo/test-demo.sh: the extra checks of the automated test
    *) echo "usage: run-demo.sh [--keep-open SECONDS] [--test]" >&2; exit 2 ;;
  esac
done

demo_init
step "build the topology: publisher -- r1 -- r2 -- ua"
topology
ok "namespaces and links up"

step "start the NetServ nodes r1 and r2"
start_node r1 10.40.1.254/24 10.40.12.1/24 "10.40.2.0/24 10.40.12.2 2"
start_node r2 10.40.12.2/24 10.40.2.254/24 "10.40.1.0/24 10.40.12.1 1"
wait_node r1; wait_node r2
ok "r1 and r2 forward, signaling daemons and controllers up, containers ready"
for n in r1 r2; do   # the controller's management address is loopback inside the node's namespace
  ok "dashboard of $n: http://127.0.0.1:8470/dashboard/ in $(ns_name $n) (ip netns exec $(ns_name $n) chromium --headless ... or curl)"
  wait_for 30 "$n: engine exporter" ns_exec $n curl -sf -o /dev/null http://127.0.0.1:8472/metrics || true
  ok "Prometheus metrics of $n (loopback in its namespace): $(metrics_of $n)"
done

step "start the publisher: module server, Kamailio, visualizer, SIP trigger"
start_publisher
ok "modules served at http://$PUB_IP:8000/, visualizer page at http://$PUB_IP:8080/"

step "publisher signals SETUP of NetMonitor toward the users (10.40.2.1)"
signal setup NetServ.apps.NetMonitor_1.0.0 netmonitor.jar \
  "filter-proto=udp" "filter-dst=$PUB_IP/32" "filter-port=5060" \
  "properties=visualizer_ip=$PUB_IP,visualizer_port=5678,interval_ms=500"
expect_module r1 NetServ.apps.NetMonitor_1.0.0
expect_module r2 NetServ.apps.NetMonitor_1.0.0
ok "NetMonitor installed on r1 and r2; ns.config at r2: $(click_read r2 ns.config | tr '\n' ' ')"

step "the UA registers and sends keep-alives; Kamailio answers and the trigger signals SETUP of KeepAlive"
start_ua 30
wait_for 60 "KeepAlive installed on r2" module_running r2 NetServ.apps.KeepAlive_1.0.0
expect_module r1 NetServ.apps.KeepAlive_1.0.0
ok "KeepAlive installed on r1 and r2 by the SIP server's trigger"

step "PROBE: the response stack shows where the modules run"
probe_stack
ok "stack: r2 then r1"

step "keep-alives now answered at r2"
keepalives_answered_at_edge
ok "SIPp got every 200 OK while Kamailio's NOTIFY counter stayed at $KAM_NOTIFY_FLAT"

if [ "$TEST" = 1 ]; then
  step "load: 100 SIPp UAs, 20 per second, REGISTER + 2 keep-alives each, with KeepAlive at r2"
  keepalive_load 100 20
  ok "$LOAD_SUMMARY"
fi

step "NetMonitor counts at the visualizer"
visualizer_counts
ok "visualizer: $VIS_SUMMARY — page: http://$PUB_IP:8080/"

step "REMOVE KeepAlive: keep-alives reach Kamailio again"
signal remove NetServ.apps.KeepAlive_1.0.0
expect_no_module r2 NetServ.apps.KeepAlive_1.0.0
keepalives_reach_server
ok "Kamailio's NOTIFY counter grows again: $KAM_NOTIFY_AFTER"

. "$top/tests/demo/step-overload.sh"; overload_step
activecdn_step

if [ "$KEEP_OPEN" -gt 0 ]; then
  step "leaving the topology up for $KEEP_OPEN s (visualizer: ip netns exec $(ns_name publisher) curl http://$PUB_IP:8080/)"
  sleep "$KEEP_OPEN"
fi

step "Media Relay: REGISTER -> SETUP -> a relayed call through r1 (tests/demo/step-mediarelay.sh, its own topology)"
# the nodes above go first: a slot's container cgroup (netserv-slot0) is machine-wide
for n in "${!NODE_PIDS[@]}"; do kill ${NODE_PIDS[$n]} 2>/dev/null || true; done
NODE_PIDS=(); sleep 0.5; ns_cleanup
bash "$top/tests/demo/step-mediarelay.sh" 2>&1 | sed 's/^/    /' || fail "the Media Relay step failed (above)"
ok "Media Relay step passed"
demo_done
