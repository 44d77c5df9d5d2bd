/*
 * netserv-container — the service container launcher (paper §2.4, §3.1).
 *
 *   netserv-container --config FILE [--check] | --help | --version
 *
 * Reads the container's slot configuration, does the privileged set-up while it
 * still may (own cgroup, bind-port filter, rlimits, pre-connected packet channel
 * and control socket, network and mount namespaces), becomes the container's
 * dedicated uid with no_new_privs and a seccomp filter that forbids execve, then
 * creates the JVM with the JNI invocation API and calls
 * org.netserv.container.runtime.Main.launch, which starts Equinox.
 *
 * Every isolation feature is reported at start, one line each:
 *   isolation: cgroup-memory=on (v1 /sys/fs/cgroup/memory/.../netserv-slot0 ...)
 *   isolation: net-ns=off: not requested (netns = no) ...
 * and handed to the JVM for STATUS. `require = all` (or a list of feature names)
 * turns a missing feature into a start failure.
 *
 * Exit status: 2 bad usage/configuration, 1 set-up failed, else the runtime's.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <jni.h>
#include <limits.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "config.h"
#include "isolation.h"

static const char *const FEATURES[] = {"cgroup-memory", "cgroup-cpu", "cgroup-pids", "port-filter",
                                       "rlimits", "disk-quota", "net-ns", "ipc-ns", "mount-ns",
                                       "dev", "pid-ns", "uid", "no-new-privs", "seccomp", NULL};

static void die(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));
static void die(int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("netserv-container: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(code);
}

/* A growing string for option values. */
static char *cat(char *s, const char *add) {
  size_t a = s ? strlen(s) : 0, b = strlen(add);
  char *n = realloc(s, a + b + 1);
  if (!n) die(1, "out of memory");
  memcpy(n + a, add, b + 1);
  return n;
}

static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xasprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *s = NULL;
  if (vasprintf(&s, fmt, ap) < 0) die(1, "out of memory");
  va_end(ap);
  return s;
}

static int connect_seqpacket(const char *dir, const char *prefix, const char *name) {
  struct sockaddr_un sa = {.sun_family = AF_UNIX};
  if ((size_t)snprintf(sa.sun_path, sizeof sa.sun_path, "%s/%s%s", dir, prefix, name) >=
      sizeof sa.sun_path) {
    errno = ENAMETOOLONG;
    return -1;
  }
  int fd = socket(AF_UNIX, SOCK_SEQPACKET, 0); /* no CLOEXEC: the JVM adopts it */
  if (fd < 0) return -1;
  if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
    int e = errno;
    close(fd);
    errno = e;
    return -1;
  }
  return fd;
}

/* Binds the control socket as root (the container cannot write outside its sandbox
 * later) and puts it on fd 0, where the JVM finds it as System.inheritedChannel(). */
static void control_socket(const container_config *c) {
  struct stat st;
  if (lstat(c->control_socket, &st) == 0) {
    if (!S_ISSOCK(st.st_mode))
      die(2, "control_socket %s exists and is not a socket", c->control_socket);
    unlink(c->control_socket);
  }
  char *dir = strdup(c->control_socket);
  if (!dir) die(1, "out of memory");
  struct stat ds;
  if (stat(dirname(dir), &ds) < 0 || !S_ISDIR(ds.st_mode))
    die(2, "directory of control_socket %s does not exist", c->control_socket);
  free(dir);
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  struct sockaddr_un sa = {.sun_family = AF_UNIX};
  snprintf(sa.sun_path, sizeof sa.sun_path, "%s", c->control_socket);
  mode_t old = umask(0177);
  if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 8) < 0)
    die(1, "control socket %s: %s", c->control_socket, strerror(errno));
  umask(old);
  if (geteuid() == 0 && lchown(c->control_socket, (uid_t)c->controller_uid, (gid_t)-1) < 0)
    die(1, "chown control socket: %s", strerror(errno));
  if (dup2(fd, 0) < 0) die(1, "dup2 control socket: %s", strerror(errno));
  close(fd);
}

/* The sandbox belongs to the tenant, who may have replaced any name in it with a
 * symlink (to a socket, /etc/..., a block device) or something else while its
 * container ran. Root therefore touches it only through descriptors: the sandbox
 * itself opened O_NOFOLLOW (its parent is the operator's), everything inside
 * with *at() calls relative to it that never follow a link, and ownership and
 * mode changed with fchown/fchmod on what was opened. Returns the sandbox fd
 * (kept for fchdir). */
static int open_dir_nofollow(int at, const char *name) {
  return openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

/* SANDBOX/NAME as a directory of the tenant's, mode 0700: whatever else is there
 * under that name (a symlink, a socket, a device node, a file) is removed first
 * — unlinkat removes the name, never what a link points at. */
static int tenant_subdir(int sb, const char *name, const container_config *c) {
  int fd = open_dir_nofollow(sb, name);
  if (fd < 0 && (errno == ELOOP || errno == ENOTDIR)) {
    if (unlinkat(sb, name, 0) < 0) return -1;
    fd = -1;
    errno = ENOENT;
  }
  if (fd < 0 && errno == ENOENT) {
    if (mkdirat(sb, name, 0700) < 0 && errno != EEXIST) return -1;
    fd = open_dir_nofollow(sb, name);
  }
  if (fd < 0) return -1;
  if (geteuid() == 0 && c->uid > 0 && (fchown(fd, (uid_t)c->uid, (gid_t)c->gid) < 0 || fchmod(fd, 0700) < 0)) {
    int e = errno;
    close(fd);
    errno = e;
    return -1;
  }
  close(fd);
  return 0;
}

static int prepare_sandbox(const container_config *c, iso_report *rep) {
  if (mkdir(c->sandbox, 0700) < 0 && errno != EEXIST)
    die(1, "sandbox %s: %s", c->sandbox, strerror(errno));
  struct stat st;
  if (lstat(c->sandbox, &st) < 0 || !S_ISDIR(st.st_mode)) die(2, "sandbox %s is not a directory", c->sandbox);
  iso_disk(c, rep);
  int sb = open_dir_nofollow(AT_FDCWD, c->sandbox);
  if (sb < 0) die(2, "sandbox %s is not a directory (or is a symlink): %s", c->sandbox, strerror(errno));
  if (geteuid() == 0 && c->uid > 0 &&
      (fchown(sb, (uid_t)c->uid, (gid_t)c->gid) < 0 || fchmod(sb, 0700) < 0))
    die(1, "giving the sandbox to uid %ld: %s", c->uid, strerror(errno));
  if (tenant_subdir(sb, "tmp", c) < 0) die(1, "%s/tmp: %s", c->sandbox, strerror(errno));
  return sb;
}

/* JVM class path: the configured one, else every jar in <bin>/../container/lib. */
static char *class_path(const container_config *c, const char *top) {
  if (c->classpath && *c->classpath) return strdup(c->classpath);
  char *pattern = xasprintf("%s/container/lib/*.jar", top);
  glob_t g;
  int rc = glob(pattern, 0, NULL, &g);
  if (rc != 0) die(2, "no jars match %s (run 'make java', or set classpath)", pattern);
  char *cp = NULL;
  for (size_t i = 0; i < g.gl_pathc; i++) {
    if (i) cp = cat(cp, ":");
    cp = cat(cp, g.gl_pathv[i]);
  }
  globfree(&g);
  free(pattern);
  return cp;
}

static int listed(const char *list, const char *feature) {
  if (!list || !*list) return 0;
  if (strcmp(list, "all") == 0) return 1;
  char *copy = strdup(list), *save = NULL;
  int hit = 0;
  for (char *t = strtok_r(copy, ", ", &save); t; t = strtok_r(NULL, ", ", &save))
    if (strcmp(t, feature) == 0) hit = 1;
  free(copy);
  return hit;
}

/* require = all|LIST, minus what the operator opted out of (optional = LIST) */
static int required(const container_config *c, const char *feature) {
  return listed(c->require, feature) && !(c->optional && strcmp(c->optional, "all") && listed(c->optional, feature));
}

typedef jint(JNICALL *create_vm_fn)(JavaVM **, void **, void *);

static void usage(FILE *f) {
  fputs("Usage: netserv-container --config FILE [--check]\n"
        "The NetServ service container launcher: sets up one slot's isolation as root (cgroup,\n"
        "bind-port filter, rlimits, namespaces, packet channel, control socket), drops to the\n"
        "slot's uid with no_new_privs and seccomp, and runs the OSGi container in a JVM.\n"
        "The controller starts one per slot (container_launcher in controller.conf).\n"
        "\n"
        "      --config FILE   the slot's key = value configuration (jvm-bridge/README.md)\n"
        "      --check         check FILE, JVM, class path and JNI library; start nothing\n"
        "  -h, --help          Show this help message and exit.\n"
        "  -V, --version       Print version information and exit.\n"
        "\n"
        "Exit codes:\n"
        "  0   --check passed, --help, --version; else the container runtime's own status\n"
        "  1   set-up failed (cgroup, socket, sandbox, JVM)\n"
        "  2   usage error or bad configuration\n"
        "\n"
        "Examples:\n"
        "  netserv-container --config /run/netserv/container-0.conf --check\n"
        "  netserv-container --config /run/netserv/container-0.conf\n",
        f);
}

static void usage_error(const char *fmt, const char *arg) __attribute__((noreturn));
static void usage_error(const char *fmt, const char *arg) {
  fputs("netserv-container: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs("\nTry 'netserv-container --help' for more information.\n", stderr);
  exit(2);
}

int main(int argc, char **argv) {
  const char *file = NULL;
  int check = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      usage(stdout);
      return 0;
    } else if (strcmp(argv[i], "--version") == 0 || strcmp(argv[i], "-V") == 0) {
      printf("netserv-container (NetServ) %s\n", NETSERV_VERSION);
      return 0;
    } else if (strcmp(argv[i], "--config") == 0) {
      if (i + 1 >= argc) usage_error("option '%s' requires an argument (FILE)", argv[i]);
      file = argv[++i];
    } else if (strcmp(argv[i], "--check") == 0)
      check = 1;
    else
      usage_error("unknown argument '%s'", argv[i]);
  }
  if (!file) usage_error("%s", "--config FILE is required");

  container_config c;
  char err[1024];
  if (config_load(file, &c, err, sizeof err) < 0) die(2, "bad configuration: %s", err);
  const char *lists[][2] = {{"require", c.require}, {"optional", c.optional}};
  for (int l = 0; l < 2; l++) {
    const char *v = lists[l][1];
    if (!v || !*v || (l == 0 && strcmp(v, "all") == 0)) continue;
    char *copy = strdup(v), *save = NULL;
    for (char *t = strtok_r(copy, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
      int ok = 0;
      for (int i = 0; FEATURES[i]; i++) ok |= strcmp(FEATURES[i], t) == 0;
      if (!ok) die(2, "bad configuration: %s: unknown feature '%s' in %s", file, t, lists[l][0]);
    }
    free(copy);
  }

  /* Where the build put everything: <top>/bin/netserv-container. */
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n < 0) die(1, "readlink /proc/self/exe: %s", strerror(errno));
  exe[n] = '\0';
  char *top = strdup(dirname(dirname(exe)));

  const char *java_home = c.java_home && *c.java_home ? c.java_home : getenv("JAVA_HOME");
  if (!java_home || !*java_home) java_home = "/usr/lib/jvm/java-17-openjdk-amd64";
  char *libjvm = xasprintf("%s/lib/server/libjvm.so", java_home);
  if (access(libjvm, R_OK) < 0) die(2, "no JVM at %s (set java_home): %s", libjvm, strerror(errno));
  char *cp = class_path(&c, top);
  char *bundles = c.bundles_dir && *c.bundles_dir ? strdup(c.bundles_dir)
                                                  : xasprintf("%s/container/bundles", top);
  char *bridge = xasprintf("%s/lib/libnetserv-bridge.so", top);
  if (access(bridge, R_OK) < 0) die(2, "JNI library %s missing: %s", bridge, strerror(errno));
  if (config_set(&c, "bundles_dir", bundles) < 0 || config_set(&c, "devdir", c.devdir) < 0)
    die(1, "out of memory");
  c.bundles_dir = config_get(&c, "bundles_dir");
  c.devdir = config_get(&c, "devdir");
  if (check) {
    printf("configuration %s is valid\n", file);
    for (int i = 0; i < c.nkv; i++) printf("  %s = %s\n", c.kv[i].key, c.kv[i].value);
    printf("  (jvm) %s\n  (class path) %s\n  (bridge) %s\n", libjvm, cp, bridge);
    return 0;
  }

  /* Load the JVM while every path is still visible. */
  void *jvmlib = dlopen(libjvm, RTLD_NOW | RTLD_GLOBAL);
  if (!jvmlib) die(1, "dlopen %s: %s", libjvm, dlerror());
  create_vm_fn create_vm = (create_vm_fn)dlsym(jvmlib, "JNI_CreateJavaVM");
  if (!create_vm) die(1, "JNI_CreateJavaVM not in %s", libjvm);

  iso_report rep = {0};
  int sandbox_fd = prepare_sandbox(&c, &rep);
  if (iso_cgroups(&c, &rep, err, sizeof err) < 0) die(1, "%s", err);
  iso_port_filter(&c, &rep);
  iso_rlimits(&c, &rep);

  char *fds = NULL;
  char channel_note[300] = "";
  if (c.channel && *c.channel) {
    int rx = connect_seqpacket(c.devdir, "fromclick", c.channel);
    int tx = rx >= 0 ? connect_seqpacket(c.devdir, "toclick", c.channel) : -1;
    if (rx >= 0 && tx >= 0) {
      fds = xasprintf("%d,%d", rx, tx);
      /* Connected: the container needs nothing more from the device directory, and
       * must not reach other containers' channels through it (a new connection
       * would replace theirs). Hidden in its mount namespace. */
      size_t dl = strlen(c.devdir);
      if (c.nhidden < CFG_MAX_LIST &&
          !(strncmp(c.sandbox, c.devdir, dl) == 0 && (c.sandbox[dl] == '/' || c.sandbox[dl] == '\0')))
        c.hidden[c.nhidden++] = strdup(c.devdir);
    } else {
      snprintf(channel_note, sizeof channel_note,
               "packet channel %s in %s not connectable now (%s); the dispatcher retries by path",
               c.channel, c.devdir, strerror(errno));
      if (rx >= 0) close(rx);
    }
  }
  control_socket(&c);
  iso_netns(&c, &rep);
  iso_ipcns(&rep);
  iso_mountns(&c, &rep);
  iso_dev(&rep);
  iso_pidns(&rep); /* from here on: the child, PID 1 of the container */
  /* by path: the descriptor belongs to the mounts outside the namespace (writable,
   * nothing hidden); the directory must still be the one prepared above */
  struct stat want, got;
  if (chdir(c.sandbox) < 0 || fstat(sandbox_fd, &want) < 0 || stat(".", &got) < 0)
    die(1, "chdir %s: %s", c.sandbox, strerror(errno));
  if (want.st_ino != got.st_ino || want.st_dev != got.st_dev)
    die(1, "sandbox %s was replaced during set-up", c.sandbox);
  close(sandbox_fd);
  iso_identity(&c, &rep);
  iso_pidns_rearm();
  iso_no_new_privs(&rep);
  iso_seccomp(&rep);

  char *summary = NULL;
  int missing = 0;
  for (int i = 0; FEATURES[i]; i++) {
    const iso_feature *f = iso_find(&rep, FEATURES[i]);
    const char *detail = f ? f->detail : "not attempted";
    int on = f && f->on;
    int opted_out = !on && listed(c.require, FEATURES[i]) && !required(&c, FEATURES[i]);
    printf("isolation: %s=%s%s%s%s%s\n", FEATURES[i], on ? "on" : "off", on ? " (" : ": ",
           opted_out ? "OPERATOR OPT-OUT (optional): " : "", detail, on ? ")" : "");
    char *item = xasprintf("%s%s=%s%s", summary ? "," : "", FEATURES[i], on ? "on" : "off: ",
                           on ? "" : detail);
    for (char *p = item + 1; *p; p++)
      if (*p == ',') *p = ';'; /* the STATUS line separates features with commas */
    summary = cat(summary, item);
    free(item);
    if (!on && required(&c, FEATURES[i])) {
      fprintf(stderr, "netserv-container: required isolation feature %s is off: %s\n",
              FEATURES[i], detail);
      missing++;
    }
  }
  if (channel_note[0]) printf("channel: %s\n", channel_note);
  fflush(stdout);
  if (missing) return 1;

  /* The JVM. */
  long heap = c.heap_mb > 0 ? c.heap_mb : c.memory_mb > 0 ? c.memory_mb / 2 : 512;
  char *opts[64 + CFG_MAX_KEYS];
  int no = 0;
  opts[no++] = xasprintf("-Djava.class.path=%s", cp);
  opts[no++] = xasprintf("-Xmx%ldm", heap);
  if (c.memory_mb > 0) opts[no++] = xasprintf("-XX:MaxDirectMemorySize=%ldm", c.memory_mb);
  opts[no++] = strdup("-XX:+ExitOnOutOfMemoryError"); /* a full heap ends the container; the controller restarts it */
  opts[no++] = strdup("-XX:-UsePerfData");             /* no hsperfdata in a shared /tmp */
  opts[no++] = strdup("-XX:+DisableAttachMechanism");
  opts[no++] = xasprintf("-Djava.io.tmpdir=%s/tmp", c.sandbox);
  opts[no++] = xasprintf("-Duser.home=%s", c.sandbox);
  opts[no++] = xasprintf("-Dnetserv.bridge.lib=%s", bridge);
  opts[no++] = xasprintf("-Dnetserv.isolation=%s", summary);
  opts[no++] = strdup("-Dnetserv.control.inherited=true");
  if (fds) opts[no++] = xasprintf("-Dnetserv.channel.fds=%s", fds);
  for (int i = 0; i < c.nkv; i++)
    opts[no++] = xasprintf("-Dnetserv.container.%s=%s", c.kv[i].key, c.kv[i].value);
  JavaVMOption vmopts[64 + CFG_MAX_KEYS];
  for (int i = 0; i < no; i++) {
    vmopts[i].optionString = opts[i];
    vmopts[i].extraInfo = NULL;
  }
  JavaVMInitArgs args = {.version = JNI_VERSION_10, .nOptions = no, .options = vmopts,
                         .ignoreUnrecognized = JNI_FALSE};
  JavaVM *jvm;
  JNIEnv *env;
  jint rc = create_vm(&jvm, (void **)&env, &args);
  if (rc != JNI_OK) die(1, "JNI_CreateJavaVM failed (%d)", (int)rc);

  jclass main_class = (*env)->FindClass(env, "org/netserv/container/runtime/Main");
  jmethodID launch = main_class ? (*env)->GetStaticMethodID(env, main_class, "launch",
                                                            "([Ljava/lang/String;)I")
                                : NULL;
  if (!launch) {
    (*env)->ExceptionDescribe(env);
    die(1, "org.netserv.container.runtime.Main.launch not found on %s", cp);
  }
  jobjectArray jargs =
      (*env)->NewObjectArray(env, 0, (*env)->FindClass(env, "java/lang/String"), NULL);
  jint code = (*env)->CallStaticIntMethod(env, main_class, launch, jargs);
  if ((*env)->ExceptionCheck(env)) {
    (*env)->ExceptionDescribe(env);
    code = 1;
  }
  /* System.exit: shutdown hooks run and lingering framework threads do not hold us. */
  jclass sys = (*env)->FindClass(env, "java/lang/System");
  jmethodID exit_m = sys ? (*env)->GetStaticMethodID(env, sys, "exit", "(I)V") : NULL;
  if (exit_m) (*env)->CallStaticVoidMethod(env, sys, exit_m, code);
  return (int)code;
}
