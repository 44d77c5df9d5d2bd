#!/usr/bin/env bash
# bench-overload.sh — Overload Control (paper §4.4) with real peers and a real NetServ node:
#   publisher (Kamailio RE, capacity C calls/s) -- r1 (NetServ) -- uac (SIPp)
# For each offered load 0.5x..10x C, side by side in one run: the server's goodput
# (completed calls/s, distinct BYEs at the server; SIPp's successful calls/s beside it)
# without the module and with it, the server's CPU, the share of 503s generated at the
# edge vs at the server, and the time from the RE's threshold crossing to the Sending
# Entity running on r1. Goal: goodput >= 0.9 C at 10x offered load.
#   bash tests/bench/bench-overload.sh [FACTORS...]     (default 0.5 1 2 5 10; in make bench)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/overload/lib.sh"
FACTORS=("${@:-0.5 1 2 5 10}"); FACTORS=(${FACTORS[*]})
RUN=${OVL_BENCH_SECONDS:-10}

# the RE's CPU seconds so far (every kamailio process of the publisher namespace)
re_cpu() {
  local t=0 p
  for p in $(ip netns pids "$(ns_name publisher)"); do
    [ "$(cat /proc/$p/comm 2>/dev/null)" = kamailio ] || continue
    t=$((t + $(awk '{print $14 + $15}' /proc/$p/stat)))
  done
  echo "$t"
}

# measure TAG RATE — load for RUN s after a settle time; sets the step's figures
measure() {
  local tag=$1 rate=$2 c0 c1
  c0=$(re_cpu)
  ovl_window "$RUN" "$tag"
  c1=$(re_cpu)
  CPU=$(awk -v a=$c0 -v b=$c1 -v s=$RUN -v hz=$(getconf CLK_TCK) 'BEGIN { printf "%.0f%%", 100 * (b - a) / hz / s }')
  local all=$((EDGE_503 + SERVER_503))
  EDGE_SHARE=$([ $all -gt 0 ] && awk -v e=$EDGE_503 -v a=$all 'BEGIN { printf "%.0f%%", 100 * e / a }' || echo "-")
}

ovl_init
step "topology publisher -- r1 -- uac, RE capacity $OVL_CAPACITY calls/s (threshold $OVL_THRESHOLD, target $OVL_TARGET)"
ovl_topology
ovl_start_re loss
ok "ready"
rows=()
for f in "${FACTORS[@]}"; do
  rate=$(awk -v f=$f -v c=$OVL_CAPACITY 'BEGIN { printf "%d", f * c + 0.5 }')
  step "offered ${f}x = $rate calls/s"
  # without the module (no trigger: the RE cannot ask for one)
  ovl_sipp_bg $rate $((RUN + 6)) "n$f"
  sleep 4; measure "n$f" $rate; ovl_sipp_wait
  G0=$GOODPUT S0=$(ovl_sipp_goodput "n$f" 4 $((4 + RUN))) CPU0=$CPU SH0=$EDGE_SHARE
  info "without: goodput $G0 (SIPp $S0) calls/s, server CPU $CPU0, 503s at the edge $SH0"
  sleep $((OVL_LOW_SECONDS + 2))
  # with the module: the trigger signals SETUP once the RE crosses its threshold
  ovl_start_trigger loss
  lines=$(wc -l < "$WORK/publisher/kamailio-overload.log")
  ovl_sipp_bg $rate $((RUN + 40)) "m$f"
  t0=$(date +%s.%N) SE="-"
  limit=$([ "$rate" -gt "$OVL_THRESHOLD" ] && echo 40 || echo 6)   # below the threshold no SETUP comes
  if wait_for $limit "SE on r1" module_running r1 $OVL_MODULE; then
    t1=$(date +%s.%N)
    cross=$(tail -n +$((lines + 1)) "$WORK/publisher/kamailio-overload.log" | grep -a -o 'threshold crossed at [0-9]*\.[0-9]*' | head -1 \
      | awk '{ split($4, a, "."); printf "%d.%06d", a[1], a[2] }')
    SE=$(awk -v a="${cross:-$t0}" -v b=$t1 'BEGIN { printf "%.1f s", b - a }')
    sleep ${OVL_SETTLE:-10}   # the queue the server built before the SE came drains
  else
    sleep 6
  fi
  measure "m$f" $rate
  from=$(awk -v a=$t0 -v b=$(date +%s.%N) -v r=$RUN 'BEGIN { printf "%d", b - a - r }')
  G1=$GOODPUT S1=$(ovl_sipp_goodput "m$f" $from $((from + RUN))) CPU1=$CPU SH1=$EDGE_SHARE
  info "with: goodput $G1 (SIPp $S1, 200s to INVITEs $ANSWERED) calls/s, server CPU $CPU1, 503s at the edge $SH1, SE active after $SE"
  kill "$SIPP_PID" 2>/dev/null || true; ovl_sipp_wait
  ovl_stop_trigger
  if module_running r1 $OVL_MODULE; then
    # the RE signals REMOVE on its own once the load is low; the trigger is gone, so do it here
    signal remove $OVL_MODULE >/dev/null
    wait_for 30 "r1 without the module" not module_running r1 $OVL_MODULE || true
  fi
  sleep $((OVL_LOW_SECONDS + 2))
  rows+=("$(printf '%5sx %7s | %8s %8s %6s %6s | %8s %8s %6s %6s | %9s | %6s' "$f" "$rate" \
    "$G0" "$S0" "$CPU0" "$SH0" "$G1" "$S1" "$CPU1" "$SH1" "$SE" \
    "$(awk -v g=$G1 -v c=$OVL_CAPACITY 'BEGIN { printf "%.2f", g / c }')")")
done

printf '\nOverload Control: capacity %s calls/s, %s s windows (noisy shared machine: read the ratios)\n' "$OVL_CAPACITY" "$RUN"
printf '%6s %7s | %-33s | %-33s | %9s | %6s\n' "" "offered" "without the module" "with the module (SE on r1)" "threshold" "with/"
printf '%6s %7s | %8s %8s %6s %6s | %8s %8s %6s %6s | %9s | %6s\n' "" "calls/s" "goodput" "SIPp" "CPU" "edge" \
  "goodput" "SIPp" "CPU" "edge" "->SE" "cap"
for r in "${rows[@]}"; do echo "$r"; done
echo "goodput: distinct completed calls/s at the server (SIPp: successful calls/s); CPU: the RE's (its per-call"
echo "work is modelled as blocked worker time, not CPU); edge: share of the 503s the uac got that came from r1"
demo_done
