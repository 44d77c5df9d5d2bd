#!/usr/bin/env bash
# Self-test of the netns harness: a -- r -- b, forwarding in r, ping across.
set -euo pipefail
. "$(dirname "$0")/netns.sh"
ns_init
ns_host a; ns_host r; ns_host b
ns_link a eth0 r ra 1400
ns_link r rb b eth0
ns_addr a eth0 10.201.1.1/24; ns_addr r ra 10.201.1.254/24
ns_addr b eth0 10.201.2.1/24; ns_addr r rb 10.201.2.254/24
ns_route a default via 10.201.1.254
ns_route b default via 10.201.2.254
ns_forwarding r on
ns_exec a ping -q -c 2 -W 2 -i 0.2 10.201.2.1 >/dev/null
ns_exec b ping -q -c 2 -W 2 -i 0.2 10.201.1.1 >/dev/null
# MTU applied: a 1400-byte-MTU link refuses a larger DF ping
if ns_exec a ping -q -c 1 -W 1 -M do -s 1450 10.201.2.1 >/dev/null 2>&1; then
  echo "MTU not applied on a:eth0" >&2; exit 1
fi
echo "netns self-test: a -- r -- b ping ok"
