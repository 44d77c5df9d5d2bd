# Shared set-up of the GIST attack tests (tests/security/test-gist-*.sh): the
# nsis path of tests/nsis/lib.sh with an attacker and a victim beside r1,
#
#   pub --- r1 --- plain --- r2 --- user
#           |  \
#          atk  vic        atk 10.147.9.2/24 (r1 10.147.9.1), vic 10.147.8.2/24 (r1 10.147.8.1)
#
# and the real netserv-nsisd on r1 and r2. Forged sources come from
# 10.64.0.0/14, routed by r1 back to atk (so r1's answers stay inside the
# namespaces). Each attack prints one line
#   ATTACK | <surface> | <attack tried> | <expected outcome> | PASS|FAIL
# Sourcing it builds the topology (needs root); then start_attack_nodes.

. "$(dirname "${BASH_SOURCE[0]}")/../netns/netns.sh"
ns_init
. "$(dirname "${BASH_SOURCE[0]}")/../nsis/lib.sh"
need_jar
ATTACK="$top/tests/security/gist_attack.py"
R1=10.147.9.1            # r1 as the attacker sees it
SPOOF_NET=10.64.0.0/14
R1_TCP=7070              # r1's C-mode port, fixed so the attacker knows it
# a small heap: the daemon must live through the attacks within it
export NETSERV_JAVA_OPTS="-Xss512k -XX:+UseSerialGC -Xmx128m"
RSS_BOUND_MB=320         # stated bound on the r1 daemon's resident memory during every attack

build_attack_path() {
  build_path
  ns_host atk; ns_host vic
  ns_link r1 eth2 atk eth0; ns_link r1 eth3 vic eth0
  ns_addr r1 eth2 10.147.9.1/24; ns_addr atk eth0 10.147.9.2/24
  ns_addr r1 eth3 10.147.8.1/24; ns_addr vic eth0 10.147.8.2/24
  ns_route atk default via 10.147.9.1
  ns_route vic default via 10.147.8.1
  ns_route r1 "$SPOOF_NET" via 10.147.9.2
  # the attacker's packets bypass connection tracking on r1, so the flood measures GIST, not the
  # conntrack table of the test's REDIRECT interception
  ns_exec r1 iptables -t raw -A PREROUTING -i eth2 -j NOTRACK
  ns_exec r1 iptables -t raw -A OUTPUT -o eth2 -j NOTRACK
  ns_exec atk ping -c1 -W2 10.147.9.1 >/dev/null || { echo "atk cannot reach r1" >&2; exit 1; }
}

# start_attack_nodes [r1 config lines...]: both daemons, and a first SETUP that must complete
start_attack_nodes() {
  ns_exec pub "$SIGNAL" keygen --out "$work/pub.key" >/dev/null || fail "keygen"
  intercept r1; intercept r2
  start_node r1 r1 "tcp_port = $R1_TCP" "$@"
  start_node r2 r2
  legit_setup NetServ.apps.Warmup_1.0.0 || fail "SETUP before any attack"
}

# rss_mb HOST: resident memory of the netserv-nsisd JVM in HOST, in MB
rss_mb() {
  local p
  for p in $(ip netns pids "$(ns_name "$1")"); do
    if tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | grep -q 'netserv-nsis.*-all.jar'; then
      awk '/^VmRSS:/ {print int($2 / 1024)}' "/proc/$p/status"; return
    fi
  done
  echo 999999
}

# legit_setup MODULE: a SETUP from pub that must complete at r1 and r2 (two blocks, exit 0)
legit_setup() {
  signal setup "$1" --ttl 600 --user janedoe --timeout 60
  [ "$rc" -eq 0 ] && [ "$(grep -c '^NETSERV/0.1 200' "$work/out")" -eq 2 ]
}

# at_victim SECONDS ATTACK_ARGS...: gist_attack.py ATTACK_ARGS in atk (its output in $work/attack.out)
# while vic counts the GIST datagrams that reach it for SECONDS; the count goes into $victim_got
at_victim() {
  local secs=$1 listener; shift
  ns_exec vic python3 "$ATTACK" listen 10.147.8.2 "$secs" > "$work/vic.count" &
  listener=$!
  sleep 0.5
  ns_exec atk python3 "$ATTACK" "$@" > "$work/attack.out" 2>&1
  wait $listener
  victim_got=$(cat "$work/vic.count")
}

build_attack_path

attack_failed=0
# attack SURFACE ATTACK EXPECTED OK(0|1) [detail]
attack() {
  local verdict=PASS
  [ "$4" -eq 0 ] || { verdict=FAIL; attack_failed=1; }
  echo "ATTACK | $1 | $2 | $3 | $verdict"
  [ -n "${5:-}" ] && echo "  ($5)"
  return 0
}

finish() {
  if [ "$attack_failed" -ne 0 ]; then dump_logs; exit 1; fi
  exit 0
}
