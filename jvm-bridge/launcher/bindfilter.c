/*
 * bindfilter — a hand-assembled eBPF program (no libbpf needed):
 *
 *   r2 = *(u32 *)(r1 + offsetof(struct bpf_sock_addr, user_port))   ; network order
 *   if r2 == 0 goto allow                       ; ephemeral port
 *   if r2 == htons(port[i]) goto allow          ; for each allowed port
 *   r0 = 0; exit                                ; bind() fails with EPERM
 * allow:
 *   r0 = 1; exit
 */
#define _GNU_SOURCE
#include "bindfilter.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/bpf.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAX_PORTS 64

static struct bpf_insn insn(unsigned char code, unsigned char dst, unsigned char src, short off,
                            int imm) {
  struct bpf_insn i;
  memset(&i, 0, sizeof i);
  i.code = code;
  i.dst_reg = dst;
  i.src_reg = src;
  i.off = off;
  i.imm = imm;
  return i;
}

static long sys_bpf(int cmd, union bpf_attr *attr) {
  return syscall(SYS_bpf, cmd, attr, sizeof *attr);
}

static int load(enum bpf_attach_type type, const int *ports, int nports, char *log, size_t loglen) {
  struct bpf_insn prog[2 * MAX_PORTS + 8];
  int n = 0;
  /* Jump offsets count instructions after the jump; "allow" is the last two. */
  prog[n++] = insn(BPF_LDX | BPF_W | BPF_MEM, BPF_REG_2, BPF_REG_1,
                   offsetof(struct bpf_sock_addr, user_port), 0);
  int njumps = 1 + nports;
  for (int j = 0; j < njumps; j++) {
    int value = j == 0 ? 0 : htons((unsigned short)ports[j - 1]);
    int remaining_jumps = njumps - j - 1;
    prog[n++] = insn(BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_2, 0, (short)(remaining_jumps + 2), value);
  }
  prog[n++] = insn(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 0);
  prog[n++] = insn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
  prog[n++] = insn(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 1);
  prog[n++] = insn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);

  union bpf_attr a;
  memset(&a, 0, sizeof a);
  a.prog_type = BPF_PROG_TYPE_CGROUP_SOCK_ADDR;
  a.expected_attach_type = type;
  a.insns = (unsigned long)prog;
  a.insn_cnt = (unsigned)n;
  a.license = (unsigned long)"GPL";
  a.log_buf = (unsigned long)log;
  a.log_size = (unsigned)loglen;
  a.log_level = 1;
  if (log && loglen) log[0] = '\0';
  int fd = (int)sys_bpf(BPF_PROG_LOAD, &a);
  if (fd < 0 && log && loglen) {
    /* retry without a log: some kernels refuse a log for a program that loads */
    a.log_buf = 0;
    a.log_size = 0;
    a.log_level = 0;
    fd = (int)sys_bpf(BPF_PROG_LOAD, &a);
  }
  return fd;
}

int bindfilter_attach(int cgroup_fd, const int *ports, int nports, char *err, size_t errlen) {
  if (nports > MAX_PORTS) {
    snprintf(err, errlen, "more than %d ports", MAX_PORTS);
    return -1;
  }
  const enum bpf_attach_type types[] = {BPF_CGROUP_INET4_BIND, BPF_CGROUP_INET6_BIND};
  for (int t = 0; t < 2; t++) {
    char log[1024];
    int fd = load(types[t], ports, nports, log, sizeof log);
    if (fd < 0) {
      snprintf(err, errlen, "BPF_PROG_LOAD: %s%s%.200s", strerror(errno), log[0] ? ": " : "", log);
      return -1;
    }
    union bpf_attr a;
    memset(&a, 0, sizeof a);
    a.target_fd = (unsigned)cgroup_fd;
    a.attach_bpf_fd = (unsigned)fd;
    a.attach_type = types[t];
    a.attach_flags = 0; /* exclusive: nothing below may override it */
    long rc = sys_bpf(BPF_PROG_ATTACH, &a);
    int e = errno;
    close(fd); /* the cgroup keeps the program */
    if (rc < 0) {
      snprintf(err, errlen, "BPF_PROG_ATTACH: %s", strerror(e));
      return -1;
    }
  }
  return 0;
}
