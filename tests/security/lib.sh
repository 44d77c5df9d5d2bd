# tests/security/lib.sh — shared pieces of the attack tests (source it after
# setting `here`). Builds on tests/router/lib.sh: snd -- rtr -- rcv, where snd
# stands for an end user's host and rcv for a publisher's host.
#
# attack SURFACE WHAT EXPECTED CMD... — runs CMD (success = the attack failed as
# expected) and prints the table line tests/security/make-table.sh collects:
#   ATTACK | SURFACE | WHAT | EXPECTED | PASS|FAIL
. "$(cd "$(dirname "${BASH_SOURCE[0]}")/../router" && pwd)/lib.sh"
SEC=$top/tests/security
TENANT_UID=${TENANT_UID:-10000}

attack() {
  local surface=$1 what=$2 expect=$3 r; shift 3
  if "$@"; then r=PASS; ok "$what"; else r=FAIL; bad "$what"; fi
  echo "ATTACK | $surface | $what | $expect | $r"
}
# $AS_TENANT CMD... — CMD as the tenant's uid/gid, no supplementary groups, no capabilities
AS_TENANT="setpriv --reuid $TENANT_UID --regid $TENANT_UID --clear-groups --inh-caps=-all --"
# probe_is WORD CSPROBE-ARGS... — csprobe.py printed WORD
probe_is() { local want=$1 got; shift; got=$("$@" 2>&1 | tail -1); [ "$got" = "$want" ] || { echo "    got: $got" >&2; return 1; }; }
TPY=/usr/bin/python3   # the tenant cannot use root's pyenv shims
CSPROBE="$TPY $SEC/csprobe.py"
not() { ! "$@"; }
