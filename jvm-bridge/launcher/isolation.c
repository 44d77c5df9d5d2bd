/*
 * isolation — privileged set-up steps of the container launcher. Order matters
 * and is fixed by main.c: cgroups (so everything after is accounted), port
 * filter, rlimits, network namespace, mount namespace, identity, no_new_privs,
 * seccomp (last: it forbids what the earlier steps needed).
 */
#define _GNU_SOURCE
#include "isolation.h"
#include "cgpath.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bindfilter.h"

void iso_set(iso_report *r, const char *name, bool on, const char *fmt, ...) {
  iso_feature *f = NULL;
  for (int i = 0; i < r->n; i++)
    if (strcmp(r->f[i].name, name) == 0) f = &r->f[i];
  if (!f) {
    if (r->n == ISO_MAX) return;
    f = &r->f[r->n++];
    f->name = name;
  }
  f->on = on;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(f->detail, sizeof f->detail, fmt, ap);
  va_end(ap);
}

const iso_feature *iso_find(const iso_report *r, const char *name) {
  for (int i = 0; i < r->n; i++)
    if (strcmp(r->f[i].name, name) == 0) return &r->f[i];
  return NULL;
}

/* ---- small file helpers ---- */

static int write_file(const char *path, const char *s) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  ssize_t n = write(fd, s, strlen(s));
  int e = errno;
  close(fd);
  errno = e;
  return n == (ssize_t)strlen(s) ? 0 : -1;
}

static int read_file(const char *path, char *buf, size_t len) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  ssize_t n = read(fd, buf, len - 1);
  close(fd);
  if (n < 0) return -1;
  buf[n] = '\0';
  return (int)n;
}

static int has_word(const char *list, const char *word) {
  size_t wl = strlen(word);
  for (const char *p = list; (p = strstr(p, word)); p += wl)
    if ((p == list || p[-1] == ' ' || p[-1] == ',' || p[-1] == '\n') &&
        (p[wl] == '\0' || p[wl] == ' ' || p[wl] == ',' || p[wl] == '\n'))
      return 1;
  return 0;
}

/* ---- cgroups ---- */

typedef struct cg_mount {
  char point[PATH_MAX];
  char root[PATH_MAX];
} cg_mount;

/* Finds the mount of cgroup v1 controller `ctrl` (fstype cgroup) or, with ctrl NULL, cgroup2. */
static int find_cg_mount(const char *ctrl, cg_mount *m) {
  FILE *f = fopen("/proc/self/mountinfo", "re");
  if (!f) return -1;
  char *line = NULL;
  size_t cap = 0;
  int found = -1;
  while (getline(&line, &cap, f) >= 0) {
    char root[PATH_MAX], point[PATH_MAX];
    if (sscanf(line, "%*d %*d %*s %4095s %4095s", root, point) != 2) continue;
    char *sep = strstr(line, " - ");
    if (!sep) continue;
    char fstype[64], source[256], opts[1024];
    if (sscanf(sep + 3, "%63s %255s %1023s", fstype, source, opts) != 3) continue;
    if (ctrl ? (strcmp(fstype, "cgroup") == 0 && has_word(opts, ctrl))
             : strcmp(fstype, "cgroup2") == 0) {
      snprintf(m->point, sizeof m->point, "%s", point);
      snprintf(m->root, sizeof m->root, "%s", root);
      found = 0;
      break;
    }
  }
  free(line);
  fclose(f);
  return found;
}

/* Our cgroup path in the v1 hierarchy holding ctrl, or (ctrl NULL) in v2. */
static int current_cgroup(const char *ctrl, char *out, size_t len) {
  FILE *f = fopen("/proc/self/cgroup", "re");
  if (!f) return -1;
  char *line = NULL;
  size_t cap = 0;
  int found = -1;
  while (getline(&line, &cap, f) >= 0) {
    line[strcspn(line, "\n")] = '\0';
    char *c1 = strchr(line, ':');
    if (!c1) continue;
    char *c2 = strchr(c1 + 1, ':');
    if (!c2) continue;
    *c2 = '\0';
    const char *ctrls = c1 + 1, *path = c2 + 1;
    int match = ctrl ? has_word(ctrls, ctrl) : (strncmp(line, "0:", 2) == 0 && *ctrls == '\0');
    if (match) {
      snprintf(out, len, "%s", path);
      found = 0;
      break;
    }
  }
  free(line);
  fclose(f);
  return found;
}

/* Slot numbers repeat across nodes on one machine (every node of a test topology has a
 * slot 0) and launchers often share a cgroup: the name also carries a hash of the
 * sandbox path, which is one slot's alone (the policy refuses shared sandboxes). */
static unsigned sandbox_tag;
static void set_sandbox_tag(const char *sandbox) {
  char real[PATH_MAX];
  const char *p = realpath(sandbox, real) ? real : sandbox;
  unsigned h = 2166136261u;
  for (; *p; p++) h = (h ^ (unsigned char)*p) * 16777619u;
  sandbox_tag = h;
}

/* The directory for slot N's cgroup under our own cgroup in the given hierarchy
 * (beside us when we are a supervisor in its leaf, see cgpath.h). */
static int cg_dir(const cg_mount *m, const char *cur, int slot, char *out, size_t len) {
  return cg_slot_dir(m->point, m->root, cur, slot, sandbox_tag, out, len);
}

static int procs_other_than_me(const char *dir) {
  char path[PATH_MAX + 32], buf[4096];
  snprintf(path, sizeof path, "%s/cgroup.procs", dir);
  if (read_file(path, buf, sizeof buf) < 0) return 0;
  pid_t me = getpid();
  for (char *p = buf; *p;) {
    long pid = strtol(p, &p, 10);
    if (pid > 0 && pid != me) return (int)pid;
    while (*p == '\n') p++;
    if (*p && (*p < '0' || *p > '9')) break;
  }
  return 0;
}

static int enter_cgroup(const char *dir, char *why, size_t wl) {
  if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
    snprintf(why, wl, "mkdir %s: %s", dir, strerror(errno));
    return -1;
  }
  char path[PATH_MAX + 32], pid[32];
  snprintf(path, sizeof path, "%s/cgroup.procs", dir);
  snprintf(pid, sizeof pid, "%d", (int)getpid());
  if (write_file(path, pid) < 0) {
    snprintf(why, wl, "joining %s: %s", dir, strerror(errno));
    return -1;
  }
  return 0;
}

static char v2_dir[PATH_MAX]; /* our v2 cgroup, for the port filter */
static char v2_why[600] = "no cgroup v2 hierarchy mounted";

typedef struct cg_limit {
  const char *feature, *ctrl;
  long value;
  const char *v1_file, *v2_file;
} cg_limit;

/* `ip netns exec` and some service managers give us a fresh /sys without the cgroup
 * mounts, although the kernel has the hierarchies: mount them (in our own mount
 * namespace only) where the node has them, so the limits are not silently lost. The
 * v1 hierarchies the kernel already has are shared, not created. Returns what it did. */
static const char *cgroups_made_visible(void) {
  static char done[200];
  cg_mount m;
  if (find_cg_mount(NULL, &m) == 0 || find_cg_mount("memory", &m) == 0) return NULL;
  struct stat st;
  if (stat("/sys/fs/cgroup", &st) < 0 || !S_ISDIR(st.st_mode)) return NULL;
  if (mount("netserv-cgroup", "/sys/fs/cgroup", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=0755,size=64k") < 0)
    return NULL;
  snprintf(done, sizeof done, "mounted by the launcher:");
  static const char *const v1[] = {"memory", "cpu", "pids"};
  for (size_t i = 0; i < sizeof v1 / sizeof v1[0]; i++) {
    char p[64];
    snprintf(p, sizeof p, "/sys/fs/cgroup/%s", v1[i]);
    if (mkdir(p, 0755) == 0 && mount("cgroup", p, "cgroup", MS_NOSUID | MS_NODEV | MS_NOEXEC, v1[i]) == 0) {
      size_t l = strlen(done);
      snprintf(done + l, sizeof done - l, " %s", v1[i]);
    } else {
      rmdir(p);
    }
  }
  if (mkdir("/sys/fs/cgroup/unified", 0755) == 0 &&
      mount("cgroup2", "/sys/fs/cgroup/unified", "cgroup2", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) == 0) {
    size_t l = strlen(done);
    snprintf(done + l, sizeof done - l, " cgroup2");
  }
  return done;
}

int iso_cgroups(const container_config *c, iso_report *r, char *err, size_t errlen) {
  set_sandbox_tag(c->sandbox);
  const char *made = cgroups_made_visible();
  if (made) printf("cgroups: none visible in this mount namespace; %s\n", made);
  cg_mount v2;
  char cur[PATH_MAX], dir[PATH_MAX];
  int have_v2 = find_cg_mount(NULL, &v2) == 0 && current_cgroup(NULL, cur, sizeof cur) == 0 &&
                cg_dir(&v2, cur, c->slot, dir, sizeof dir) == 0;
  char v2_ctrls[256] = "";
  if (have_v2) {
    /* the controllers the slot's parent may hand down (the root's are not ours) */
    char parent[PATH_MAX + 32];
    snprintf(parent, sizeof parent, "%s", dir);
    *strrchr(parent, '/') = '\0';
    strncat(parent, "/cgroup.controllers", sizeof parent - strlen(parent) - 1);
    if (read_file(parent, v2_ctrls, sizeof v2_ctrls) < 0) {
      snprintf(parent, sizeof parent, "%s/cgroup.controllers", v2.point);
      read_file(parent, v2_ctrls, sizeof v2_ctrls);
    }
    int other = procs_other_than_me(dir);
    if (other) {
      snprintf(err, errlen, "slot %d is already running (pid %d is in %s)", c->slot, other, dir);
      return -1;
    }
  }

  long mem = c->memory_mb << 20;
  long shares = c->cpu_shares;
  cg_limit limits[] = {
      {"cgroup-memory", "memory", mem, "memory.limit_in_bytes", "memory.max"},
      {"cgroup-cpu", "cpu", shares, "cpu.shares", "cpu.weight"},
      {"cgroup-pids", "pids", c->pids_max, "pids.max", "pids.max"},
  };
  for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++) {
    cg_limit *l = &limits[i];
    if (l->value <= 0) {
      iso_set(r, l->feature, false, "no limit configured");
      continue;
    }
    char why[800] = "";
    /* cgroup v2 where the hierarchy has the controller */
    if (have_v2 && has_word(v2_ctrls, l->ctrl)) {
      char parent_ctl[PATH_MAX + 64], cgdir_parent[PATH_MAX], f[PATH_MAX + 64], val[64];
      snprintf(cgdir_parent, sizeof cgdir_parent, "%s", dir);
      *strrchr(cgdir_parent, '/') = '\0';
      snprintf(parent_ctl, sizeof parent_ctl, "%s/cgroup.subtree_control", cgdir_parent);
      char plus[32];
      snprintf(plus, sizeof plus, "+%s", l->ctrl);
      write_file(parent_ctl, plus);
      long v = l->value;
      if (strcmp(l->ctrl, "cpu") == 0) v = 1 + ((v - 2) * 9999) / 262142; /* shares -> weight */
      snprintf(val, sizeof val, "%ld", v);
      snprintf(f, sizeof f, "%s/%s", dir, l->v2_file);
      if (enter_cgroup(dir, why, sizeof why) == 0 && write_file(f, val) == 0) {
        iso_set(r, l->feature, true, "v2 %s %s=%s", dir, l->v2_file, val);
        continue;
      }
      if (!why[0]) snprintf(why, sizeof why, "v2 %.300s: %s", f, strerror(errno));
    }
    /* cgroup v1 */
    cg_mount m;
    char mine[PATH_MAX], d1[PATH_MAX], f[PATH_MAX + 64], val[64];
    if (find_cg_mount(l->ctrl, &m) < 0 || current_cgroup(l->ctrl, mine, sizeof mine) < 0 ||
        cg_dir(&m, mine, c->slot, d1, sizeof d1) < 0) {
      iso_set(r, l->feature, false, "no cgroup %s controller (v2: %s; v1: not mounted)", l->ctrl,
              why[0] ? why : (have_v2 ? "not enabled in the v2 hierarchy" : "no v2 hierarchy"));
      continue;
    }
    int other = procs_other_than_me(d1);
    if (other) {
      snprintf(err, errlen, "slot %d is already running (pid %d is in %s)", c->slot, other, d1);
      return -1;
    }
    if (mkdir(d1, 0755) < 0 && errno != EEXIST) {
      iso_set(r, l->feature, false, "v1 mkdir %s: %s", d1, strerror(errno));
      continue;
    }
    snprintf(val, sizeof val, "%ld", l->value);
    snprintf(f, sizeof f, "%s/%s", d1, l->v1_file);
    if (write_file(f, val) < 0) {
      iso_set(r, l->feature, false, "v1 %s: %s", f, strerror(errno));
      continue;
    }
    if (strcmp(l->ctrl, "memory") == 0) {
      /* no swap escape where swap accounting exists */
      snprintf(f, sizeof f, "%s/memory.memsw.limit_in_bytes", d1);
      if (access(f, F_OK) == 0) write_file(f, val);
    }
    char why1[800];
    if (enter_cgroup(d1, why1, sizeof why1) < 0) {
      iso_set(r, l->feature, false, "v1 %s", why1);
      continue;
    }
    iso_set(r, l->feature, true, "v1 %s %s=%s", d1, l->v1_file, val);
  }

  /* v2 membership for the port filter even without v2 controllers */
  v2_dir[0] = '\0';
  if (have_v2) {
    char why[800];
    if (enter_cgroup(dir, why, sizeof why) == 0)
      snprintf(v2_dir, sizeof v2_dir, "%s", dir);
    else
      snprintf(v2_why, sizeof v2_why, "%.500s", why);
  }
  return 0;
}

void iso_port_filter(const container_config *c, iso_report *r) {
  if (!v2_dir[0]) {
    iso_set(r, "port-filter", false, "no cgroup v2 directory for the bind filter (%s)", v2_why);
    return;
  }
  int fd = open(v2_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    iso_set(r, "port-filter", false, "open %s: %s", v2_dir, strerror(errno));
    return;
  }
  char err[512];
  int rc = bindfilter_attach(fd, c->ports, c->nports, err, sizeof err);
  close(fd);
  if (rc < 0) {
    iso_set(r, "port-filter", false, "cgroup-bpf bind filter: %s", err);
    return;
  }
  char list[400] = "";
  for (int i = 0; i < c->nports; i++) {
    size_t l = strlen(list);
    snprintf(list + l, sizeof list - l, "%s%d", i ? "," : "", c->ports[i]);
  }
  iso_set(r, "port-filter", true, "cgroup-bpf bind filter on %s: ports %s", v2_dir,
          c->nports ? list : "(none)");
}

/* ---- rlimits ---- */

void iso_rlimits(const container_config *c, iso_report *r) {
  struct rlimit core = {0, 0};
  rlim_t nofile = c->nofile > 0 ? (rlim_t)c->nofile : 4096;
  struct rlimit nf = {nofile, nofile};
  char extra[128] = "";
  if (setrlimit(RLIMIT_CORE, &core) < 0 || setrlimit(RLIMIT_NOFILE, &nf) < 0) {
    iso_set(r, "rlimits", false, "setrlimit: %s", strerror(errno));
    return;
  }
  const iso_feature *pids = iso_find(r, "cgroup-pids");
  if (c->pids_max > 0 && (!pids || !pids->on)) {
    /* no pids cgroup: bound threads+processes of the container's uid instead */
    struct rlimit np = {(rlim_t)c->pids_max, (rlim_t)c->pids_max};
    if (setrlimit(RLIMIT_NPROC, &np) == 0) snprintf(extra, sizeof extra, " nproc=%ld", c->pids_max);
  }
  iso_set(r, "rlimits", true, "core=0 nofile=%lu%s", (unsigned long)nofile, extra);
}

/* ---- network namespace ---- */

static int run(char *const argv[]) {
  pid_t p = fork();
  if (p < 0) return -1;
  if (p == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0) dup2(devnull, 1);
    execvp(argv[0], argv);
    _exit(127);
  }
  int st;
  while (waitpid(p, &st, 0) < 0)
    if (errno != EINTR) return -1;
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

void iso_netns(const container_config *c, iso_report *r) {
  if (!c->netns) {
    iso_set(r, "net-ns", false, "not requested (netns = no): modules use the node's IP stack");
    return;
  }
  char host_if[16], peer_if[16], ns_path[64], ipm[40], rt[40];
  snprintf(host_if, sizeof host_if, "nsv%dh", c->slot);
  snprintf(peer_if, sizeof peer_if, "nsv%dc", c->slot);
  int old = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  if (old < 0 || unshare(CLONE_NEWNET) < 0) {
    iso_set(r, "net-ns", false, "unshare(CLONE_NEWNET): %s", strerror(errno));
    if (old >= 0) close(old);
    return;
  }
  if (!c->ip || !*c->ip) {
    /* an address-less slot: nothing routed, but nothing shared either (the node's
     * loopback services, abstract UNIX sockets, other slots' ports) */
    close(old);
    char *lo0[] = {"ip", "link", "set", "lo", "up", NULL};
    int rc = run(lo0);
    iso_set(r, "net-ns", true, "own network namespace with loopback only (no address in the policy)%s",
            rc == 0 ? "" : "; lo not up");
    return;
  }
  int mine = open("/proc/self/ns/net", O_RDONLY); /* inherited by `ip` below */
  if (mine < 0 || setns(old, CLONE_NEWNET) < 0) {
    iso_set(r, "net-ns", false, "setns: %s", strerror(errno));
    return;
  }
  snprintf(ns_path, sizeof ns_path, "/proc/%d/fd/%d", (int)getpid(), mine);
  snprintf(ipm, sizeof ipm, "%s/32", c->ip);
  snprintf(rt, sizeof rt, "%s/32", c->ip);
  char *del[] = {"ip", "link", "del", host_if, NULL};
  run(del); /* a leftover from an earlier run of this slot */
  char *add[] = {"ip", "link", "add", host_if, "type", "veth", "peer", "name", peer_if, NULL};
  char *move[] = {"ip", "link", "set", peer_if, "netns", ns_path, NULL};
  char *up[] = {"ip", "link", "set", host_if, "up", NULL};
  char *route[] = {"ip", "route", "replace", rt, "dev", host_if, NULL};
  int rc = run(add);
  if (rc == 0) rc = run(move);
  if (rc == 0) rc = run(up);
  if (rc == 0) rc = run(route);
  char proxy[128];
  snprintf(proxy, sizeof proxy, "/proc/sys/net/ipv4/conf/%s/proxy_arp", host_if);
  if (rc == 0) write_file(proxy, "1");
  if (setns(mine, CLONE_NEWNET) < 0) {
    iso_set(r, "net-ns", false, "setns back into the container namespace: %s", strerror(errno));
    return;
  }
  close(old);
  close(mine);
  if (rc != 0) {
    iso_set(r, "net-ns", false, "veth set-up with ip(8) failed (exit %d); the container has only lo",
            rc);
    return;
  }
  char *lo[] = {"ip", "link", "set", "lo", "up", NULL};
  char *ren[] = {"ip", "link", "set", peer_if, "name", "eth0", NULL};
  char *addr[] = {"ip", "addr", "add", ipm, "dev", "eth0", NULL};
  char *eup[] = {"ip", "link", "set", "eth0", "up", NULL};
  char *def[] = {"ip", "route", "add", "default", "dev", "eth0", NULL};
  rc = run(lo);
  if (rc == 0) rc = run(ren);
  if (rc == 0) rc = run(addr);
  if (rc == 0) rc = run(eup);
  if (rc == 0) rc = run(def);
  if (rc != 0) {
    iso_set(r, "net-ns", false, "configuring eth0 in the namespace failed (exit %d)", rc);
    return;
  }
  iso_set(r, "net-ns", true, "own network namespace, eth0 %s, host side %s", c->ip, host_if);
}

/* ---- mount namespace ---- */

static unsigned long keep_flags(const char *path) {
  struct statvfs s;
  unsigned long f = 0;
  if (statvfs(path, &s) == 0) {
    if (s.f_flag & ST_NOSUID) f |= MS_NOSUID;
    if (s.f_flag & ST_NODEV) f |= MS_NODEV;
    if (s.f_flag & ST_NOEXEC) f |= MS_NOEXEC;
    if (s.f_flag & ST_NOATIME) f |= MS_NOATIME;
    if (s.f_flag & ST_NODIRATIME) f |= MS_NODIRATIME;
    if (s.f_flag & ST_RELATIME) f |= MS_RELATIME;
  }
  return f;
}

static int under(const char *path, const char *dir) {
  size_t l = strlen(dir);
  return strncmp(path, dir, l) == 0 && (path[l] == '\0' || path[l] == '/');
}

/* mountinfo escapes blanks as \040 etc. */
static void unescape(char *s) {
  char *o = s;
  for (char *p = s; *p; p++) {
    if (p[0] == '\\' && p[1] >= '0' && p[1] <= '3' && p[2] && p[3]) {
      *o++ = (char)((p[1] - '0') * 64 + (p[2] - '0') * 8 + (p[3] - '0'));
      p += 3;
    } else {
      *o++ = *p;
    }
  }
  *o = '\0';
}

void iso_mountns(const container_config *c, iso_report *r) {
  if (unshare(CLONE_NEWNS) < 0) {
    iso_set(r, "mount-ns", false, "unshare(CLONE_NEWNS): %s", strerror(errno));
    return;
  }
  if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) {
    iso_set(r, "mount-ns", false, "making / private: %s", strerror(errno));
    return;
  }
  /* the sandbox: its own mount, so it can stay writable */
  if (mount(c->sandbox, c->sandbox, NULL, MS_BIND | MS_REC, NULL) < 0) {
    iso_set(r, "mount-ns", false, "bind-mounting the sandbox %s: %s", c->sandbox, strerror(errno));
    return;
  }
  /* hide: an empty read-only tmpfs over a directory, /dev/null over a file */
  char hidden[400] = "", missing[400] = "";
  for (int i = 0; i < c->nhidden; i++) {
    const char *p = c->hidden[i];
    struct stat st;
    char *list = hidden;
    if (lstat(p, &st) < 0) {
      list = missing;
    } else if (S_ISDIR(st.st_mode)) {
      if (mount("netserv-hidden", p, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
                "size=4k,mode=000") < 0) {
        iso_set(r, "mount-ns", false, "hiding %s: %s", p, strerror(errno));
        return;
      }
    } else {
      if (mount("/dev/null", p, NULL, MS_BIND, NULL) < 0) {
        iso_set(r, "mount-ns", false, "hiding %s: %s", p, strerror(errno));
        return;
      }
    }
    size_t l = strlen(list);
    snprintf(list + l, 400 - l, "%s%s", l ? "," : "", p);
  }
  /* everything else read-only: remount each mount point of the namespace */
  FILE *f = fopen("/proc/self/mountinfo", "re");
  if (!f) {
    iso_set(r, "mount-ns", false, "reading mountinfo: %s", strerror(errno));
    return;
  }
  char *line = NULL;
  size_t cap = 0;
  int failed = 0, done = 0, root_ro = 0;
  char first_fail[300] = "";
  while (getline(&line, &cap, f) >= 0) {
    char point[PATH_MAX];
    if (sscanf(line, "%*d %*d %*s %*s %4095s", point) != 1) continue;
    unescape(point);
    if (under(point, c->sandbox) || under(point, "/proc") || under(point, "/sys") ||
        under(point, "/dev"))
      continue;
    if (mount(NULL, point, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | keep_flags(point), NULL) < 0) {
      if (!first_fail[0]) snprintf(first_fail, sizeof first_fail, "%.200s: %s", point, strerror(errno));
      failed++;
    } else {
      done++;
      if (strcmp(point, "/") == 0) root_ro = 1;
    }
  }
  free(line);
  fclose(f);
  if (!root_ro) {
    iso_set(r, "mount-ns", false, "could not make / read-only (%s)", first_fail);
    return;
  }
  iso_set(r, "mount-ns", true,
          "private mounts, %d read-only%s%s, writable: %s; hidden: %s%s%s", done,
          failed ? ", not remounted: " : "", failed ? first_fail : "", c->sandbox,
          hidden[0] ? hidden : "(none)", missing[0] ? "; absent (nothing to hide): " : "", missing);
}

/* ---- disk ---- */

static int tmpfs_mounted_at(const char *path) {
  FILE *f = fopen("/proc/self/mountinfo", "re");
  if (!f) return 0;
  char *line = NULL;
  size_t cap = 0;
  int found = 0;
  while (!found && getline(&line, &cap, f) >= 0) {
    char point[PATH_MAX];
    char *sep = strstr(line, " - ");
    if (!sep || sscanf(line, "%*d %*d %*s %*s %4095s", point) != 1) continue;
    unescape(point);
    found = strcmp(point, path) == 0 && strncmp(sep + 3, "tmpfs ", 6) == 0;
  }
  free(line);
  fclose(f);
  return found;
}

void iso_disk(const container_config *c, iso_report *r) {
  if (c->disk_mb <= 0) {
    iso_set(r, "disk-quota", false, "no limit configured");
    return;
  }
  char opts[128];
  snprintf(opts, sizeof opts, "size=%ldm,nr_inodes=%ld,mode=0700,uid=%ld,gid=%ld", c->disk_mb,
           c->disk_mb * 64 + 1024, c->uid > 0 ? c->uid : (long)getuid(), c->gid > 0 ? c->gid : (long)getgid());
  /* a restarted container keeps its files: the limit is re-applied to the same tmpfs */
  int again = tmpfs_mounted_at(c->sandbox);
  if (mount("netserv-sandbox", c->sandbox, "tmpfs", (again ? MS_REMOUNT : 0) | MS_NOSUID | MS_NODEV,
            opts) < 0) {
    iso_set(r, "disk-quota", false, "tmpfs of %ld MiB on %s: %s", c->disk_mb, c->sandbox, strerror(errno));
    return;
  }
  iso_set(r, "disk-quota", true, "sandbox %s is a tmpfs of %ld MiB (%s; pages count against cgroup-memory)",
          c->sandbox, c->disk_mb, again ? "kept from the last start" : "new");
}

/* ---- IPC, /dev, PID ---- */

void iso_ipcns(iso_report *r) {
  if (unshare(CLONE_NEWIPC) < 0)
    iso_set(r, "ipc-ns", false, "unshare(CLONE_NEWIPC): %s", strerror(errno));
  else
    iso_set(r, "ipc-ns", true, "own System V IPC and POSIX message queues");
}

void iso_dev(iso_report *r) {
  const iso_feature *m = iso_find(r, "mount-ns");
  if (!m || !m->on) {
    iso_set(r, "dev", false, "needs the mount namespace");
    return;
  }
  static const struct { const char *name; unsigned maj, min; } nodes[] = {
      {"null", 1, 3}, {"zero", 1, 5}, {"full", 1, 7}, {"random", 1, 8}, {"urandom", 1, 9}};
  if (mount("netserv-dev", "/dev", "tmpfs", MS_NOSUID | MS_NOEXEC, "size=64k,nr_inodes=64,mode=0755") < 0) {
    iso_set(r, "dev", false, "tmpfs on /dev: %s", strerror(errno));
    return;
  }
  char made[200] = "";
  for (size_t i = 0; i < sizeof nodes / sizeof nodes[0]; i++) {
    char p[64];
    snprintf(p, sizeof p, "/dev/%s", nodes[i].name);
    if (mknod(p, S_IFCHR | 0666, makedev(nodes[i].maj, nodes[i].min)) < 0 || chmod(p, 0666) < 0) {
      iso_set(r, "dev", false, "mknod %s: %s", p, strerror(errno));
      return;
    }
    size_t l = strlen(made);
    snprintf(made + l, sizeof made - l, "%s%s", l ? "," : "", nodes[i].name);
  }
  static const char *const links[][2] = {{"/proc/self/fd", "/dev/fd"}, {"/proc/self/fd/0", "/dev/stdin"},
                                         {"/proc/self/fd/1", "/dev/stdout"}, {"/proc/self/fd/2", "/dev/stderr"}};
  for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) symlink(links[i][0], links[i][1]);
  if (mount(NULL, "/dev", NULL, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NOEXEC, "size=64k,nr_inodes=64,mode=0755") < 0) {
    iso_set(r, "dev", false, "remounting /dev read-only: %s", strerror(errno));
    return;
  }
  iso_set(r, "dev", true, "read-only tmpfs with %s and fd links only", made);
}

static volatile sig_atomic_t relay_child;
static int parent_alive_fd = -1; /* read end; the relaying parent holds the write end until it exits */

void iso_pidns_rearm(void) {
  if (parent_alive_fd < 0) return;
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  /* getppid() is 0 inside the namespace: EOF on the pipe says the parent is gone already */
  struct pollfd pfd = {.fd = parent_alive_fd, .events = POLLIN};
  char b;
  if (poll(&pfd, 1, 0) > 0 && read(parent_alive_fd, &b, 1) == 0) _exit(1);
}
static void relay(int sig) {
  if (relay_child > 0) kill(relay_child, sig);
  if (sig != SIGALRM) alarm(15); /* a child that ignores it (no JVM handler yet) is killed */
  else if (relay_child > 0) kill(relay_child, SIGKILL);
}

void iso_pidns(iso_report *r) {
  if (unshare(CLONE_NEWPID) < 0) {
    iso_set(r, "pid-ns", false, "unshare(CLONE_NEWPID): %s", strerror(errno));
    return;
  }
  fflush(stdout);
  fflush(stderr);
  pid_t parent = getpid();
  int alive[2];
  if (pipe2(alive, O_CLOEXEC) < 0) {
    iso_set(r, "pid-ns", false, "pipe: %s", strerror(errno));
    return;
  }
  pid_t child = fork();
  if (child < 0) {
    iso_set(r, "pid-ns", false, "fork into the PID namespace: %s", strerror(errno));
    return;
  }
  if (child > 0) {
    /* outside: only relays and waits; what the container holds is not ours to keep */
    for (int fd = 0; fd < 1024; fd++)
      if (fd != 1 && fd != 2 && fd != alive[1]) close(fd);
    relay_child = child;
    struct sigaction sa = {.sa_handler = relay};
    sigemptyset(&sa.sa_mask);
    int sigs[] = {SIGTERM, SIGINT, SIGHUP, SIGALRM};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaction(sigs[i], &sa, NULL);
    int st;
    while (waitpid(child, &st, 0) < 0)
      if (errno != EINTR) _exit(1);
    _exit(WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
  }
  /* inside, PID 1: die with the parent, and see only our own processes in /proc */
  close(alive[1]);
  parent_alive_fd = alive[0];
  iso_pidns_rearm();
  const iso_feature *m = iso_find(r, "mount-ns");
  if (!m || !m->on) {
    iso_set(r, "pid-ns", true, "PID 1 of its own namespace (no mount namespace: /proc still shows the node)");
    return;
  }
  if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0) {
    iso_set(r, "pid-ns", false, "mounting /proc for the PID namespace: %s", strerror(errno));
    return;
  }
  iso_set(r, "pid-ns", true, "PID 1 of its own namespace, own /proc (node pid %d relays signals)", (int)parent);
}

/* ---- identity ---- */

void iso_identity(const container_config *c, iso_report *r) {
  if (c->uid < 0) {
    iso_set(r, "uid", false, "no uid configured: the container runs as uid %d", (int)getuid());
    return;
  }
  if (geteuid() != 0) {
    iso_set(r, "uid", false, "launcher is not root: cannot switch to uid %ld", c->uid);
    return;
  }
  if (setgroups(0, NULL) < 0 || setresgid((gid_t)c->gid, (gid_t)c->gid, (gid_t)c->gid) < 0 ||
      setresuid((uid_t)c->uid, (uid_t)c->uid, (uid_t)c->uid) < 0) {
    iso_set(r, "uid", false, "switching to %ld:%ld: %s", c->uid, c->gid, strerror(errno));
    return;
  }
  if (setuid(0) == 0) {
    iso_set(r, "uid", false, "could regain root after dropping it");
    return;
  }
  iso_set(r, "uid", true, "uid %ld gid %ld, no supplementary groups, no capabilities", c->uid, c->gid);
}

void iso_no_new_privs(iso_report *r) {
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
    iso_set(r, "no-new-privs", false, "prctl: %s", strerror(errno));
  else
    iso_set(r, "no-new-privs", true, "set");
}

/* ---- seccomp ---- */

/* What a JVM running Equinox, NIO and the packet channel calls (HotSpot 17 on
 * glibc 2.36, measured by running the container tests). Anything else fails with
 * EPERM: an allow-list, so a syscall added to the kernel later is denied until it
 * is reviewed. clone is allowed only without namespace flags (below). */
static const char *const jvm_allowed[] = {
    "read", "write", "readv", "writev", "pread64", "pwrite64", "preadv", "pwritev", "preadv2",
    "pwritev2", "open", "openat", "openat2", "close", "close_range", "creat", "stat", "fstat",
    "lstat", "newfstatat", "statx", "statfs", "fstatfs", "lseek", "access", "faccessat",
    "faccessat2", "readlink", "readlinkat", "getdents", "getdents64", "getcwd", "chdir", "fchdir",
    "mkdir", "mkdirat", "rmdir", "rename", "renameat", "renameat2", "link", "linkat", "unlink",
    "unlinkat", "symlink", "symlinkat", "chmod", "fchmod", "fchmodat", "chown", "fchown",
    "fchownat", "lchown", "umask", "truncate", "ftruncate", "fallocate", "fadvise64", "fsync",
    "fdatasync", "sync_file_range", "flock", "utime", "utimes", "utimensat", "futimesat",
    "getxattr", "lgetxattr", "fgetxattr", "listxattr", "llistxattr", "flistxattr", "dup", "dup2",
    "dup3", "fcntl", "ioctl", "pipe", "pipe2", "sendfile", "copy_file_range", "splice", "tee",
    "memfd_create", "mmap", "munmap", "mprotect", "mremap", "madvise", "mincore", "msync",
    "mlock", "mlock2", "munlock", "brk", "membarrier", "mbind", "get_mempolicy",
    "set_mempolicy", "futex", "futex_waitv", "set_robust_list", "get_robust_list",
    "set_tid_address", "rseq", "arch_prctl", "prctl", "clone", "vfork", "exit", "exit_group",
    "wait4", "waitid", "kill", "tkill", "tgkill", "getpid", "getppid", "gettid", "getuid",
    "geteuid", "getgid", "getegid", "getresuid", "getresgid", "getgroups", "getpgid",
    "getpgrp", "getsid", "setsid", "getpriority", "setpriority", "getrlimit", "setrlimit",
    "prlimit64", "getrusage", "sysinfo", "uname", "getcpu", "getrandom", "capget",
    "sched_yield", "sched_getaffinity", "sched_setaffinity", "sched_getparam",
    "sched_setparam", "sched_getscheduler", "sched_setscheduler", "sched_get_priority_max",
    "sched_get_priority_min", "sched_getattr", "sched_setattr", "sched_rr_get_interval",
    "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "rt_sigpending", "rt_sigsuspend",
    "rt_sigtimedwait", "rt_sigqueueinfo", "rt_tgsigqueueinfo", "sigaltstack", "pause",
    "restart_syscall", "alarm", "nanosleep", "clock_nanosleep", "clock_gettime",
    "clock_getres", "gettimeofday", "time", "getitimer", "setitimer", "timer_create",
    "timer_settime", "timer_gettime", "timer_getoverrun", "timer_delete", "timerfd_create",
    "timerfd_settime", "timerfd_gettime", "eventfd", "eventfd2", "signalfd", "signalfd4",
    "poll", "ppoll", "select", "pselect6", "epoll_create", "epoll_create1", "epoll_ctl",
    "epoll_wait", "epoll_pwait", "epoll_pwait2", "inotify_init", "inotify_init1",
    "inotify_add_watch", "inotify_rm_watch", "socket", "socketpair", "bind", "listen",
    "accept", "accept4", "connect", "getsockname", "getpeername", "getsockopt", "setsockopt",
    "sendto", "recvfrom", "sendmsg", "recvmsg", "sendmmsg", "recvmmsg", "shutdown",
    "ioprio_get", "readahead", NULL};

/* Named in the report (and issue #14) because each has been a way out of a
 * container or a large kernel attack surface; the allow-list denies them anyway. */
static const char *const jvm_denied[] = {
    "execve", "execveat", "ptrace", "process_vm_readv", "process_vm_writev", "mount", "umount2",
    "unshare", "setns", "pivot_root", "chroot", "bpf", "perf_event_open", "userfaultfd",
    "io_uring_setup", "io_uring_enter", "io_uring_register", "personality", "keyctl", "add_key",
    "request_key", "kexec_load", "kexec_file_load", "init_module", "finit_module",
    "delete_module", "open_by_handle_at", "name_to_handle_at", "fsopen", "fsmount", "fsconfig",
    "fspick", "move_mount", "open_tree", "mount_setattr", "kcmp", "pidfd_getfd", "quotactl",
    "reboot", "swapon", "swapoff", "acct", "setuid", "setgid", "setreuid", "setregid",
    "setresuid", "setresgid", "setgroups", "iopl", "ioperm", "syslog", NULL};

void iso_seccomp(iso_report *r) {
  scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM));
  if (!ctx) {
    iso_set(r, "seccomp", false, "seccomp_init failed");
    return;
  }
  int allowed = 0;
  for (int i = 0; jvm_allowed[i]; i++) {
    if (strcmp(jvm_allowed[i], "clone") == 0) continue;
    int nr = seccomp_syscall_resolve_name(jvm_allowed[i]);
    if (nr == __NR_SCMP_ERROR) continue; /* not on this architecture */
    if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0) < 0) {
      iso_set(r, "seccomp", false, "allowing %s failed", jvm_allowed[i]);
      seccomp_release(ctx);
      return;
    }
    allowed++;
  }
  /* clone without any namespace flag (no user namespaces above all); clone3 passes
   * its flags in memory, so it answers ENOSYS and the C library falls back to clone */
  const unsigned long ns_flags = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER |
                                 CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP;
  int clone3 = seccomp_syscall_resolve_name("clone3");
  if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(clone), 1,
                       SCMP_A0(SCMP_CMP_MASKED_EQ, ns_flags, 0)) < 0 ||
      (clone3 != __NR_SCMP_ERROR && seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), clone3, 0) < 0)) {
    iso_set(r, "seccomp", false, "adding the clone rules failed");
    seccomp_release(ctx);
    return;
  }
  char list[700] = "";
  for (int i = 0; jvm_denied[i]; i++) {
    if (seccomp_syscall_resolve_name(jvm_denied[i]) == __NR_SCMP_ERROR) continue;
    size_t l = strlen(list);
    snprintf(list + l, sizeof list - l, "%s%s", l ? "," : "", jvm_denied[i]);
  }
  int rc = seccomp_load(ctx);
  seccomp_release(ctx);
  if (rc < 0) {
    iso_set(r, "seccomp", false, "seccomp_load: %s", strerror(-rc));
    return;
  }
  iso_set(r, "seccomp", true,
          "allow-list of %d system calls, EPERM for the rest (%s); clone without namespace flags; clone3 ENOSYS",
          allowed, list);
}
