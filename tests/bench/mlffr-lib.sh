# mlffr-lib.sh — the benchmark topology and generator shared by mlffr.sh and
# diag-path.sh (sourced after tests/netns/netns.sh).
#
#   topology             snd -- rtr -- rcv, addresses, routes, RPS, receiver sink
#   router_kernel        configuration 1 (Linux forwarding)
#   gen_send RATE N      offer N frames at RATE pps from snd (frames in $cfg)
#   counter HOST IF STAT / mac_of HOST IF
GEN_CPU=0; RTR_CPU=$(( $(nproc) > 1 ? 1 : 0 ))
SND_IP=10.77.1.1 RCV_IP=10.77.2.1 R0_IP=10.77.1.254 R1_IP=10.77.2.254

topology() {
  ns_host snd; ns_host rtr; ns_host rcv
  ns_link snd eth0 rtr r0
  ns_link rtr r1 rcv eth0
  ns_addr snd eth0 $SND_IP/24; ns_addr rcv eth0 $RCV_IP/24
  ns_route snd default via $R0_IP; ns_route rcv default via $R1_IP
  # the receiver discards the test flow silently (no ICMP port unreachable storm)
  ns_exec rcv iptables -A INPUT -p udp --dport 5060 -j DROP
  # CPU budget: veth does receive work in the sender's softirq unless steered, so
  # receive packet steering gives the router's receive path CPU $RTR_CPU and the
  # receiver's CPU $GEN_CPU (shared with the generator, which is pinned there).
  ns_exec rtr sh -c "echo $(cpumask $RTR_CPU) > /sys/class/net/r0/queues/rx-0/rps_cpus"
  ns_exec rcv sh -c "echo $(cpumask $GEN_CPU) > /sys/class/net/eth0/queues/rx-0/rps_cpus"
}
cpumask() { printf '%x' $(( 1 << $1 )); }
mac_of() { ns_exec "$1" cat /sys/class/net/$2/address; }
counter() { ns_exec "$1" cat /sys/class/net/$2/statistics/$3; }

router_kernel() {
  ns_addr rtr r0 $R0_IP/24; ns_addr rtr r1 $R1_IP/24
  ns_forwarding rtr on
}

# Offers N frames at RATE pps from GEN_HOST (default snd) for at most N/RATE + 5 s.
gen_send() {
  local rate=$1 n=$2
  ns_exec "${GEN_HOST:-snd}" timeout $(( n / rate + 5 )) taskset -c $GEN_CPU \
    trafgen -o eth0 -i "$cfg" -n "$n" -b "${rate}pps" -P 1 -q -C --no-sock-mem >/dev/null 2>&1 || true
}
