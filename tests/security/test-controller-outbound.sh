#!/usr/bin/env bash
# Issue 14 item 8: bundle URLs, every redirect hop and notification URLs cannot aim the node
# inside (loopback incl. a publisher URL redirecting to 127.0.0.1, link-local, the node's own
# addresses, the management network); another tenant's SETUP works meanwhile.
set -u
. "$(dirname "$0")/controller-junit.sh"
run_controller_attacks OutboundAttackTest
