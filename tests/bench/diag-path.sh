#!/usr/bin/env bash
# diag-path.sh — where do packets go? One configuration of mlffr.sh's topology
# (snd -- rtr -- rcv), a few offered rates, and for each trial the counters of
# every stage side by side: generator sent, router interface received/dropped,
# per-CPU backlog drops, the engine's FromDevice/ToDevice counters (2p), the
# receiver's interface, and the CPU time the engine and the softirqs used.
#
#   bash tests/bench/diag-path.sh [--config 1|2p] [--size 64] [--rates "20000 100000"]
#                                 [--trial 2] [--perf DIR]
# --perf DIR: perf record (cpu-clock, call graphs) of the engine during each
# trial into DIR/perf-RATE.data (software clock: this VM has no PMU).
# Not part of make test (a diagnostic; numbers depend on the machine's load).
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/netns/netns.sh"
CONFIG=2p SIZE=64 RATES="20000 50000 100000 200000" TRIAL=2 PERF=""
while [ $# -gt 0 ]; do
  case $1 in
    --config) CONFIG=$2; shift 2 ;; --size) SIZE=$2; shift 2 ;;
    --rates) RATES=$2; shift 2 ;; --trial) TRIAL=$2; shift 2 ;; --perf) PERF=$2; shift 2 ;;
    *) echo "diag-path.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
. "$top/tests/bench/mlffr-lib.sh"

ns_init
topology
case $CONFIG in
  1) router_kernel ;;
  *) . "$top/tests/bench/router-$CONFIG.sh"; router_setup ;;
esac
cfg=$(mktemp --suffix=.cfg)
python3 "$top/tests/bench/frames.py" --size "$SIZE" --src-mac "$(mac_of snd eth0)" --dst-mac "$(mac_of rtr r0)" \
  --src-ip $SND_IP --dst-ip $RCV_IP > "$cfg"
ns_exec snd ping -q -c 1 -W 2 $RCV_IP >/dev/null 2>&1 || true
ctl() { python3 "$top/tests/router/clickctl.py" "$BENCH_RTR_DIR/click.sock" read "$1" 2>/dev/null || echo "?"; }
softnet_drops() { local s=0 d; for d in $(awk '{ print $2 }' /proc/net/softnet_stat); do s=$((s + 16#$d)); done; echo $s; }
engine_ticks() {   # utime+stime of the engine (clock ticks), 0 for kernel forwarding
  local pid; pid=$(engine_pid)
  [ -n "$pid" ] && [ -r /proc/$pid/stat ] && awk '{ print $14 + $15 }' /proc/$pid/stat || echo 0
}
engine_pid() { local p; p=$(cat "$BENCH_RTR_DIR/router.pid" 2>/dev/null || echo 1); pgrep -P "$p" -x netserv-click || { [ "$CONFIG" = ref ] && echo "$p"; } || true; }
run_delay() {      # ns the engine waited on a run queue (runnable, not running)
  local pid; pid=$(engine_pid)
  [ -n "$pid" ] && awk '{ print $2 }' /proc/$pid/schedstat || echo 0
}
printf '%8s %8s %8s %8s %8s %8s %8s %8s %8s %8s %7s %9s\n' offered sent r0_rx r0_drop backlog fd_cnt fd_kdrop td_cnt rcv_rx lost% eng_cpu rq_wait
for rate in $RATES; do
  s0=$(counter snd eth0 tx_packets); a0=$(counter rtr r0 rx_packets); d0=$(counter rtr r0 rx_dropped)
  b0=$(softnet_drops); r0=$(counter rcv eth0 rx_packets); e0=$(engine_ticks); q0=$(run_delay)
  f0=0 k0=0 t0=0
  if [ "$CONFIG" = 2p ]; then f0=$(ctl fd0.count); k0=$(ctl fd0.kernel_drops); t0=$(ctl td1.count); fi
  perf_pid=""
  if [ -n "$PERF" ] && [ -n "$(engine_pid)" ]; then
    mkdir -p "$PERF"; perf record -q -e cpu-clock -F 4000 -g -p "$(engine_pid)" -o "$PERF/perf-$rate.data" >/dev/null 2>&1 &
    perf_pid=$!; sleep 0.2
  fi
  gen_send "$rate" "$(( rate * TRIAL ))"
  [ -n "$perf_pid" ] && { kill -INT "$perf_pid"; wait "$perf_pid" 2>/dev/null || true; }
  sleep 0.3
  s1=$(counter snd eth0 tx_packets); a1=$(counter rtr r0 rx_packets); d1=$(counter rtr r0 rx_dropped)
  b1=$(softnet_drops); r1=$(counter rcv eth0 rx_packets); e1=$(engine_ticks); q1=$(run_delay)
  f1=0 k1=0 t1=0
  if [ "$CONFIG" = 2p ]; then f1=$(ctl fd0.count); k1=$(ctl fd0.kernel_drops); t1=$(ctl td1.count); fi
  sent=$((s1 - s0)); recv=$((r1 - r0))
  printf '%8s %8s %8s %8s %8s %8s %8s %8s %8s %8s %7s %9s\n' "$rate" "$sent" $((a1 - a0)) $((d1 - d0)) $((b1 - b0)) \
    $((f1 - f0)) $((k1 - k0)) $((t1 - t0)) "$recv" \
    "$(awk -v s=$sent -v r=$recv 'BEGIN { printf "%.2f", s ? (s - r) * 100 / s : 0 }')" \
    "$(awk -v t=$((e1 - e0)) -v d=$TRIAL 'BEGIN { printf "%.0f%%", t * 100 / 100 / d }')" \
    "$(awk -v t=$((q1 - q0)) -v d=$TRIAL 'BEGIN { printf "%.1fms/s", t / 1e6 / d }')"
done
rm -f "$cfg"
declare -F router_teardown >/dev/null && router_teardown
