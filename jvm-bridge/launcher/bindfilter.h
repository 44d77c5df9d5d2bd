/*
 * bindfilter — the port allow-list of a container, enforced by the kernel.
 *
 * seccomp cannot do it (bind's sockaddr is a pointer), Java's SecurityManager is
 * deprecated and opt-in, and LD_PRELOAD is trivially bypassed. A cgroup-bpf
 * program of type CGROUP_SOCK_ADDR attached at BPF_CGROUP_INET{4,6}_BIND sees
 * every bind() of every process in the container's cgroup, whatever the language,
 * and can refuse it (EPERM). It needs only a cgroup v2 directory, no controllers,
 * which these machines have. Port 0 (an ephemeral port) is always allowed.
 */
#ifndef NETSERV_LAUNCHER_BINDFILTER_H
#define NETSERV_LAUNCHER_BINDFILTER_H

#include <stddef.h>

/* Attaches the filter to the cgroup v2 directory open at cgroup_fd. */
int bindfilter_attach(int cgroup_fd, const int *ports, int nports, char *err, size_t errlen);

#endif
