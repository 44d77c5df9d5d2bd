#!/usr/bin/env bash
# Issue 14 item 7: a tenant cannot freeze the controller. With real containers (root): a
# module whose activator never returns holds up nobody else — another tenant's SETUP, REMOVE
# and TTL expiry complete meanwhile — and is failed after the container's bound (the
# container restarts without it). Deadlines and size caps on the channels: test-controller-channels.sh.
set -u
. "$(dirname "$0")/controller-junit.sh"
run_controller_attacks FreezeAttackTest
