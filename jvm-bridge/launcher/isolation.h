/*
 * isolation — the privileged set-up of a service container, feature by feature
 * (paper §3.1; issue #5). Each step detects whether the machine supports it and
 * records the outcome — on, with what was done, or off, with the reason — so
 * that nothing is skipped silently: the launcher prints the report at start and
 * the container shows it in STATUS.
 */
#ifndef NETSERV_LAUNCHER_ISOLATION_H
#define NETSERV_LAUNCHER_ISOLATION_H

#include <stdbool.h>

#include "config.h"

#define ISO_MAX 16

typedef struct iso_feature {
  const char *name;
  bool on;
  char detail[1024];
} iso_feature;

typedef struct iso_report {
  iso_feature f[ISO_MAX];
  int n;
} iso_report;

void iso_set(iso_report *r, const char *name, bool on, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
const iso_feature *iso_find(const iso_report *r, const char *name);

/* cgroup-memory, cgroup-cpu, cgroup-pids: own cgroup (v2 if it has the controller, else v1).
 * Returns -1 (with err) only when the slot is already running. */
int iso_cgroups(const container_config *c, iso_report *r, char *err, size_t errlen);
/* port-filter: a cgroup-bpf program on bind() allowing only the configured ports. */
void iso_port_filter(const container_config *c, iso_report *r);
void iso_rlimits(const container_config *c, iso_report *r);
void iso_netns(const container_config *c, iso_report *r);
void iso_mountns(const container_config *c, iso_report *r);
/* disk-quota: the sandbox is a tmpfs of disk_mb (mounted in the node's mount namespace,
 * so it outlives a container restart); before the sandbox is opened. */
void iso_disk(const container_config *c, iso_report *r);
/* ipc-ns: own System V IPC / POSIX message queue namespace. */
void iso_ipcns(iso_report *r);
/* dev: a read-only /dev holding only null, zero, full, random, urandom (and fd links). */
void iso_dev(iso_report *r);
/* pid-ns: a new PID namespace. Forks: the child (PID 1 inside) returns and goes on to
 * the JVM with a /proc of its own; the parent stays outside, relays SIGTERM/SIGINT/
 * SIGHUP and exits with the child's status. Needs the mount namespace first. */
void iso_pidns(iso_report *r);
/* The child dies with the relaying parent (PR_SET_PDEATHSIG, SIGKILL); a uid or gid change
 * clears that, so iso_identity is followed by this. No-op outside a PID namespace. */
void iso_pidns_rearm(void);
void iso_identity(const container_config *c, iso_report *r);
void iso_no_new_privs(iso_report *r);
void iso_seccomp(iso_report *r);

#endif
