#!/usr/bin/env bash
# Issue 14 item 8: bundle URLs, every redirect hop and notification URLs cannot aim the node
# inside (loopback incl. a publisher URL redirecting to 127.0.0.1, link-local, the node's own
# addresses, the management network); another tenant's SETUP works meanwhile.
# Part 2, DNS rebinding: the test JVM runs in its own network namespace whose resolver
# (/etc/netns/NS/resolv.conf) is the test's DNS responder on 127.0.0.1:53; names answer an
# allowed address first and 127.0.0.1 after; the JVM's address cache is off so a second
# lookup would really be made (DnsRebindAttackTest).
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/controller-junit.sh"
(run_controller_attacks OutboundAttackTest) || exit $?

. "$here/../netns/netns.sh"
ns_init
ns_host dns
ns=$(ns_name dns)
mkdir -p "/etc/netns/$ns"
trap 'rm -rf "/etc/netns/$ns"; ns_cleanup' EXIT
trap 'rm -rf "/etc/netns/$ns"; ns_cleanup; exit 130' INT TERM
echo "nameserver 127.0.0.1" > "/etc/netns/$ns/resolv.conf"
printf '127.0.0.1 localhost\n' > "/etc/netns/$ns/hosts"
CTL_WRAP="ip netns exec $ns" run_controller_attacks DnsRebindAttackTest -Dnetserv.rebind=1 \
  "-DargLine=-Dsun.net.inetaddr.ttl=0 -Dsun.net.inetaddr.negative.ttl=0"
