#!/usr/bin/env bash
# The container's seccomp filter is an allow-list (issue #14 item 3): every system
# call the issue names as a way out fails with EPERM, what a JVM needs still works.
# build/bin/netserv-seccomp-probe installs the launcher's own filter (isolation.c)
# and tries each; test-container-isolation.sh shows a real JVM runs under it.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
probe=$top/build/bin/netserv-seccomp-probe
[ -x "$probe" ] || skip "build/bin/netserv-seccomp-probe not built (make build)"
out=$("$probe" 2>&1) || { echo "$out"; bad "the probe could not install the filter"; finish; }
for sc in io_uring_setup userfaultfd personality keyctl bpf perf_event_open ptrace process_vm_readv \
          mount unshare setns execve "clone(CLONE_NEWUSER)" kexec_load add_key; do
  attack "container seccomp" "module calls $sc" "EPERM" grep -qxF "$sc denied EPERM" <<<"$out"
done
for sc in getpid socket getrandom clock_gettime; do
  check "$sc still allowed" grep -qxF "$sc allowed" <<<"$out"
done
finish
