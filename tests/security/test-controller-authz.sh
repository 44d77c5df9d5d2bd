#!/usr/bin/env bash
# Issue 14 item 6: authorization means what the policy says — a filter without ports gets the
# slot's ports, a prefix moved to another tenant stops reaching the first at reload and at
# start, one tenant's future-stamped flood does not lock others out, and a tenant cannot get
# another's cached bundle by naming its digest.
set -u
. "$(dirname "$0")/controller-junit.sh"
run_controller_attacks PolicyAttackTest
