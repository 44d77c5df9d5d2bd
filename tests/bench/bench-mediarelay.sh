#!/usr/bin/env bash
# Media Relay vs coturn, side by side in one run, same machine, same load (make bench).
#
# Both relays run in one network namespace on its loopback: ours (the standalone Main of
# apps/mediarelay, the same classes the module runs) and Debian's coturn `turnserver`, both
# with REST (use-auth-secret) credentials. The load is coturn's own turnutils_uclient:
# CLIENTS clients (-m, default 20) of SIZE-byte packets (-l 172: G.711 20 ms) over channels,
# to turnutils_peer which echoes, at per-client intervals from slow to fast, then more clients
# at 1 ms (LOADS, "clients:interval_ms" pairs). Each relay first gets one unreported warm-up
# run (the JVM compiles the hot path). Per relay and load: relayed packets/s (uclient's sent +
# received over its transmit time, whole seconds), loss, uclient's mean RTT and jitter, relay
# CPU per relayed packet (utime+stime of the relay process from /proc). "rate at 0.1 %": the
# highest relayed rate whose loss was <= 0.1 %. RTT p50/p99: tests/mediarelay/turnclient.py
# latency (one more client, 1000 packets 10 ms apart) during the LAT_LOAD run.
#
#   bash tests/bench/bench-mediarelay.sh [CLIENTS] [SIZE]   LOADS="20:20 20:10 20:5 20:2 20:1 40:1 80:1" LAT_LOAD=20:2
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/netns/netns.sh"
CLIENTS=${1:-20} SIZE=${2:-172}
LOADS=${LOADS:-$CLIENTS:20 $CLIENTS:10 $CLIENTS:5 $CLIENTS:2 $CLIENTS:1 $((CLIENTS * 2)):1 $((CLIENTS * 4)):1}
LAT_LOAD=${LAT_LOAD:-$CLIENTS:2}
SECONDS_PER_STEP=${SECONDS_PER_STEP:-6}
JAR=$top/apps/mediarelay/target/netserv-app-mediarelay-0.1.0-SNAPSHOT.jar
SECRET=bench-secret
[ -f "$JAR" ] || { echo "bench-mediarelay: $JAR missing: run 'make build'"; exit 1; }
for c in turnserver turnutils_uclient turnutils_peer python3; do
  command -v $c >/dev/null || { echo "bench-mediarelay: $c missing (Debian coturn): run 'make deps'"; exit 1; }
done
ns_init
work=$(mktemp -d /tmp/bench-mediarelay.XXXXXX)
trap 'for p in ${PIDS:-}; do kill $p 2>/dev/null || true; done; ns_cleanup; rm -rf "$work"' EXIT
ns_host b
ns_exec b ip link set lo up
PIDS=""
ns_bg b pid turnutils_peer -L 127.0.0.1 -p 3480; PIDS="$PIDS $pid"
ns_bg b pid java -jar "$JAR" listen_ip=127.0.0.1 port=3478 relay_ports=40000-40999 secret=$SECRET \
  channels=rfc5766 deny_peers=0.0.0.0/8 user_quota=100000 total_quota=100000 >"$work/ours.log" 2>&1
OURS=$pid; PIDS="$PIDS $pid"
ns_bg b pid turnserver -n --listening-ip=127.0.0.1 --listening-port=3479 --relay-ip=127.0.0.1 \
  --min-port=50000 --max-port=50999 --use-auth-secret --static-auth-secret=$SECRET --realm=netserv \
  --no-tls --no-dtls --no-cli --allow-loopback-peers --user-quota=0 --total-quota=0 --no-stdout-log \
  --log-file="$work/coturn.log" >"$work/coturn.out" 2>&1
COTURN=$pid; PIDS="$PIDS $pid"
for port in 3478 3479; do
  ns_exec b python3 "$top/tests/mediarelay/turnclient.py" ping 127.0.0.1 $port 30 || { echo "relay on $port did not start"; exit 1; }
done

cpu_ticks() { awk '{ print $14 + $15 }' /proc/$1/stat; }
hz=$(getconf CLK_TCK)

# run PORT PID CLIENTS INTERVAL -> "pps loss% rtt jitter cpu_us_per_pkt"
run() {
  local port=$1 pid=$2 m=$3 z=$4 n log c0 c1
  n=$(( SECONDS_PER_STEP * 1000 / z )); log=$work/u-$port-$m-$z.log
  c0=$(cpu_ticks "$pid")
  ns_exec b timeout 300 turnutils_uclient -c -W $SECRET -u bench -p $port -e 127.0.0.1 -r 3480 \
    -m "$m" -l "$SIZE" -n "$n" -z "$z" 127.0.0.1 >"$log" 2>&1 || true
  c1=$(cpu_ticks "$pid")
  awk -v ticks=$((c1 - c0)) -v hz="$hz" '
    /msz=/ { next }
    /start_mclient: tot_send_msgs=/ { split($0, a, /[=,]/); s = a[2] + 0; r = a[4] + 0 }
    /Total transmit time is/ { t = $NF + 0 }
    /Total lost packets/ { l = $0; sub(/^[^(]*\(/, "", l); sub(/%\).*/, "", l); loss = l }
    /Average round trip delay/ { rtt = $7 }
    /Average jitter/ { jit = $5 }
    END { if (t < 1) t = 1; pk = s + r; cpu = 0; if (pk > 0) cpu = ticks * 1e6 / hz / pk
          if (loss == "") loss = 100; if (rtt == "") rtt = "-"; if (jit == "") jit = "-"
          printf "%.0f %s %s %s %.1f\n", pk / t, loss, rtt, jit, cpu }' "$log"
}

declare -A R
run 3478 $OURS "$CLIENTS" 5 >/dev/null; run 3479 $COTURN "$CLIENTS" 5 >/dev/null    # warm-up, not reported
for load in $LOADS; do
  m=${load%:*} z=${load#*:}
  for who in ours coturn; do
    if [ $who = ours ]; then port=3478 pid=$OURS; else port=3479 pid=$COTURN; fi
    if [ "$load" = "$LAT_LOAD" ]; then
      ns_exec b python3 "$top/tests/mediarelay/turnclient.py" latency 127.0.0.1 $port 127.0.0.1 3480 $SECRET 1000 10 "$SIZE" \
        >"$work/lat-$who" 2>&1 &
      lat=$!
    fi
    R[$who,$load]=$(run $port $pid "$m" "$z")
    if [ "$load" = "$LAT_LOAD" ]; then wait $lat || true; R[$who,lat]=$(tail -1 "$work/lat-$who"); fi
  done
done

echo "Media Relay vs coturn: turnutils_uclient clients x interval, $SIZE-byte packets over channels, loopback in one netns"
echo "(the machine is shared and noisy: compare the columns of this run, not runs)"
printf '%-12s | %-44s | %-44s\n' "clients:ms" "ours: pps loss% rtt_ms jitter_ms cpu_us/pkt" "coturn: pps loss% rtt_ms jitter_ms cpu_us/pkt"
best_o=0 best_c=0
for load in $LOADS; do
  printf '%-12s | %-44s | %-44s\n' "$load" "${R[ours,$load]}" "${R[coturn,$load]}"
  read -r po lo _ _ _ <<<"${R[ours,$load]}"; read -r pc lc _ _ _ <<<"${R[coturn,$load]}"
  awk -v l="$lo" 'BEGIN { exit !(l <= 0.1) }' && [ "$po" -gt "$best_o" ] && best_o=$po
  awk -v l="$lc" 'BEGIN { exit !(l <= 0.1) }' && [ "$pc" -gt "$best_c" ] && best_c=$pc
done
echo "relayed packets/s at <= 0.1 % loss: ours $best_o, coturn $best_c, ratio $(awk -v a=$best_o -v b=$best_c 'BEGIN { printf "%.2f", b ? a / b : 0 }')"
echo "RTT under the $LAT_LOAD load (turnclient.py latency, 1000 packets): ours ${R[ours,lat]:-n/a}; coturn ${R[coturn,lat]:-n/a}"
p99o=$(echo "${R[ours,lat]:-}" | grep -o 'p99_ms=[0-9.]*' | cut -d= -f2); p99c=$(echo "${R[coturn,lat]:-}" | grep -o 'p99_ms=[0-9.]*' | cut -d= -f2)
[ -n "$p99o" ] && [ -n "$p99c" ] && echo "p99 ratio ours/coturn: $(awk -v a=$p99o -v b=$p99c 'BEGIN { printf "%.2f", a / b }')"
cpuo=$(echo "${R[ours,$LAT_LOAD]:-}" | awk '{print $5}'); cpuc=$(echo "${R[coturn,$LAT_LOAD]:-}" | awk '{print $5}')
[ -n "$cpuo" ] && [ -n "$cpuc" ] && echo "CPU per relayed packet at $LAT_LOAD, ours/coturn: $(awk -v a=$cpuo -v b=$cpuc 'BEGIN { printf "%.2f", b ? a / b : 0 }')"
