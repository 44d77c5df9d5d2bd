/*
 * netserv-seccomp-probe — what a process under the container's seccomp filter
 * (the launcher's own iso_no_new_privs + iso_seccomp) gets from the kernel.
 *
 *   netserv-seccomp-probe
 *
 * Installs the filter, then calls each system call issue #14 names as a way out
 * and a few a JVM needs, printing one line each: "NAME denied EPERM" / "NAME
 * allowed" (or the errno the kernel itself gave). Exit 0; the verdicts are the
 * caller's to judge (tests/security/test-seccomp.sh).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "../launcher/isolation.h"

static void report(const char *name, long rc) {
  if (rc >= 0) printf("%s allowed\n", name);
  else if (errno == EPERM) printf("%s denied EPERM\n", name);
  else printf("%s errno %s\n", name, strerrorname_np(errno) ? strerrorname_np(errno) : "?");
  fflush(stdout);
}

int main(void) {
  iso_report r = {0};
  iso_no_new_privs(&r);
  iso_seccomp(&r);
  const iso_feature *f = iso_find(&r, "seccomp");
  printf("seccomp %s: %s\n", f && f->on ? "on" : "off", f ? f->detail : "?");
  if (!f || !f->on) return 1;
  char buf[16];
  struct iovec local = {buf, sizeof buf}, remote = {buf, sizeof buf};
#define TRY(name, call) do { errno = 0; long rc_ = (long)(call); report(name, rc_); } while (0)
  TRY("io_uring_setup", syscall(__NR_io_uring_setup, 4, buf));
  TRY("userfaultfd", syscall(__NR_userfaultfd, 0));
  TRY("personality", syscall(__NR_personality, 0x0008 /* READ_IMPLIES_EXEC-ish */));
  TRY("keyctl", syscall(__NR_keyctl, 0, 0, 0, 0, 0));
  TRY("bpf", syscall(__NR_bpf, 0, buf, 0));
  TRY("perf_event_open", syscall(__NR_perf_event_open, buf, 0, -1, -1, 0));
  TRY("ptrace", syscall(__NR_ptrace, 0 /* TRACEME */, 0, 0, 0));
  TRY("process_vm_readv", syscall(__NR_process_vm_readv, getpid(), &local, 1, &remote, 1, 0));
  TRY("mount", mount("none", "/tmp", "tmpfs", 0, NULL));
  TRY("unshare", unshare(CLONE_NEWUSER));
  TRY("setns", setns(0, 0));
  TRY("execve", execve("/bin/true", (char *[]){"true", NULL}, (char *[]){NULL}));
  TRY("clone(CLONE_NEWUSER)", syscall(__NR_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0));
  TRY("kexec_load", syscall(__NR_kexec_load, 0, 0, 0, 0));
  TRY("add_key", syscall(__NR_add_key, "user", "x", "y", 1, 0));
  /* the JVM's daily bread */
  TRY("getpid", getpid());
  int s = socket(AF_INET, SOCK_DGRAM, 0);
  report("socket", s);
  TRY("getrandom", syscall(__NR_getrandom, buf, sizeof buf, 0));
  TRY("clock_gettime", syscall(__NR_clock_gettime, 1, buf));
  return 0;
}
