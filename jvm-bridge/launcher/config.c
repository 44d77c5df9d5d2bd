/*
 * config — parsing and validation of the container slot configuration.
 */
#define _GNU_SOURCE
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const KEYS[] = {
    "slot", "user", "uid", "gid", "sandbox", "ports", "ip", "netns", "cpu_shares",
    "memory_mb", "pids_max", "channel", "devdir", "control_socket", "controller_uid",
    "building_blocks", "hidden_paths", "java_home", "classpath", "bundles_dir", "batch",
    "slot_size", "max_bundle_mb", "heap_mb", "require", "nofile", "channel_retry_ms", "disk_mb",
    "optional", NULL};

static int known(const char *k) {
  for (int i = 0; KEYS[i]; i++)
    if (strcmp(KEYS[i], k) == 0) return 1;
  return 0;
}

static char *trim(char *s) {
  while (isspace((unsigned char)*s)) s++;
  char *e = s + strlen(s);
  while (e > s && isspace((unsigned char)e[-1])) *--e = '\0';
  return s;
}

static int fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errlen, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
  return -1;
}

const char *config_get(const container_config *cfg, const char *key) {
  for (int i = 0; i < cfg->nkv; i++)
    if (strcmp(cfg->kv[i].key, key) == 0) return cfg->kv[i].value;
  return NULL;
}

int config_set(container_config *cfg, const char *key, const char *value) {
  for (int i = 0; i < cfg->nkv; i++)
    if (strcmp(cfg->kv[i].key, key) == 0) {
      char *v = strdup(value);
      if (!v) return -1;
      free(cfg->kv[i].value);
      cfg->kv[i].value = v;
      return 0;
    }
  if (cfg->nkv == CFG_MAX_KEYS) return -1;
  cfg->kv[cfg->nkv].key = strdup(key);
  cfg->kv[cfg->nkv].value = strdup(value);
  if (!cfg->kv[cfg->nkv].key || !cfg->kv[cfg->nkv].value) return -1;
  cfg->nkv++;
  return 0;
}

/* A non-negative decimal number up to max; -1 if not. */
static long number(const char *s, long max) {
  if (!*s) return -1;
  for (const char *p = s; *p; p++)
    if (!isdigit((unsigned char)*p)) return -1;
  errno = 0;
  long v = strtol(s, NULL, 10);
  if (errno || v > max) return -1;
  return v;
}

static int path_ok(const char *p) { return p && p[0] == '/' && strlen(p) < 4000; }

int config_load(const char *file, container_config *cfg, char *err, size_t errlen) {
  memset(cfg, 0, sizeof *cfg);
  cfg->uid = cfg->gid = -1;
  FILE *f = fopen(file, "re");
  if (!f) return fail(err, errlen, "%s: %s", file, strerror(errno));
  char *line = NULL;
  size_t cap = 0;
  int n = 0, rc = 0;
  while (getline(&line, &cap, f) >= 0) {
    n++;
    char *s = trim(line);
    if (!*s || *s == '#') continue;
    char *eq = strchr(s, '=');
    if (!eq || eq == s) {
      rc = fail(err, errlen, "%s:%d: expected 'key = value'", file, n);
      break;
    }
    *eq = '\0';
    char *k = trim(s), *v = trim(eq + 1);
    if (!known(k)) {
      rc = fail(err, errlen, "%s:%d: unknown key '%s'", file, n, k);
      break;
    }
    if (config_get(cfg, k)) {
      rc = fail(err, errlen, "%s:%d: '%s' given twice", file, n, k);
      break;
    }
    if (strlen(v) > 4000) {
      rc = fail(err, errlen, "%s:%d: value of '%s' too long", file, n, k);
      break;
    }
    if (config_set(cfg, k, v) < 0) {
      rc = fail(err, errlen, "%s:%d: too many keys", file, n);
      break;
    }
  }
  free(line);
  fclose(f);
  if (rc < 0) return rc;

  const char *v;
  if (!(v = config_get(cfg, "slot")) || (cfg->slot = (int)number(v, 999)) < 0)
    return fail(err, errlen, "%s: 'slot' must be a number 0..999", file);
  cfg->user = config_get(cfg, "user");
  if (!cfg->user || !*cfg->user || strlen(cfg->user) > 64 ||
      strspn(cfg->user, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") !=
          strlen(cfg->user))
    return fail(err, errlen, "%s: 'user' is required (letters, digits, _ . -)", file);
  if ((v = config_get(cfg, "uid")) && *v && (cfg->uid = number(v, 2147483646)) < 0)
    return fail(err, errlen, "%s: bad uid '%s'", file, v);
  if ((v = config_get(cfg, "gid")) && *v && (cfg->gid = number(v, 2147483646)) < 0)
    return fail(err, errlen, "%s: bad gid '%s'", file, v);
  if (cfg->uid == 0 || cfg->gid == 0)
    return fail(err, errlen, "%s: uid/gid 0 is not a dedicated container identity", file);
  if ((cfg->uid >= 0) != (cfg->gid >= 0))
    return fail(err, errlen, "%s: give both uid and gid, or neither", file);
  cfg->sandbox = config_get(cfg, "sandbox");
  if (!path_ok(cfg->sandbox) || strcmp(cfg->sandbox, "/") == 0)
    return fail(err, errlen, "%s: 'sandbox' must be an absolute directory other than /", file);
  if ((v = config_get(cfg, "ports")) && *v) {
    char *copy = strdup(v), *save = NULL;
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
      long p = number(trim(t), 65535);
      if (p <= 0 || cfg->nports == CFG_MAX_LIST) {
        fail(err, errlen, "%s: bad port '%s' in ports (1..65535, at most %d)", file, trim(t),
             CFG_MAX_LIST);
        free(copy);
        return -1;
      }
      cfg->ports[cfg->nports++] = (int)p;
    }
    free(copy);
  }
  cfg->ip = config_get(cfg, "ip");
  if (cfg->ip && *cfg->ip) {
    unsigned a, b, c, d;
    char tail;
    if (sscanf(cfg->ip, "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) != 4 || a > 255 || b > 255 ||
        c > 255 || d > 255)
      return fail(err, errlen, "%s: bad ip '%s' (IPv4 address)", file, cfg->ip);
  }
  v = config_get(cfg, "netns");
  if (v && strcmp(v, "yes") && strcmp(v, "no") && *v)
    return fail(err, errlen, "%s: netns must be yes or no", file);
  cfg->netns = v && strcmp(v, "yes") == 0;
  struct {
    const char *key;
    long *dst;
    long max;
  } nums[] = {{"cpu_shares", &cfg->cpu_shares, 262144}, {"memory_mb", &cfg->memory_mb, 1 << 20},
              {"pids_max", &cfg->pids_max, 4194304},   {"heap_mb", &cfg->heap_mb, 1 << 20},
              {"nofile", &cfg->nofile, 1 << 20},         {"disk_mb", &cfg->disk_mb, 1 << 22}};
  for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
    if ((v = config_get(cfg, nums[i].key)) && *v && (*nums[i].dst = number(v, nums[i].max)) < 0)
      return fail(err, errlen, "%s: '%s' must be a number up to %ld, not '%s'", file, nums[i].key,
                  nums[i].max, v);
  for (const char *const *k = (const char *const[]){"batch", "slot_size", "max_bundle_mb",
                                                     "channel_retry_ms", NULL};
       *k; k++)
    if ((v = config_get(cfg, *k)) && *v && number(v, 1L << 30) < 0)
      return fail(err, errlen, "%s: '%s' must be a number, not '%s'", file, *k, v);
  cfg->channel = config_get(cfg, "channel");
  if (cfg->channel && *cfg->channel &&
      (strlen(cfg->channel) > 16 ||
       strspn(cfg->channel, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") !=
           strlen(cfg->channel)))
    return fail(err, errlen, "%s: bad channel name '%s'", file, cfg->channel);
  cfg->devdir = config_get(cfg, "devdir");
  if (!cfg->devdir || !*cfg->devdir) cfg->devdir = "/run/netserv/dev";
  if (!path_ok(cfg->devdir)) return fail(err, errlen, "%s: devdir must be absolute", file);
  cfg->control_socket = config_get(cfg, "control_socket");
  if (!path_ok(cfg->control_socket) || strlen(cfg->control_socket) > 100)
    return fail(err, errlen, "%s: 'control_socket' must be an absolute path of at most 100 bytes", file);
  cfg->controller_uid = 0;
  if ((v = config_get(cfg, "controller_uid")) && *v &&
      (cfg->controller_uid = number(v, 2147483646)) < 0)
    return fail(err, errlen, "%s: bad controller_uid '%s'", file, v);
  cfg->building_blocks = config_get(cfg, "building_blocks");
  if ((v = config_get(cfg, "hidden_paths")) && *v) {
    char *copy = strdup(v), *save = NULL;
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
      char *p = trim(t);
      if (!path_ok(p) || strcmp(p, "/") == 0 || cfg->nhidden == CFG_MAX_LIST) {
        fail(err, errlen, "%s: bad hidden path '%s' (absolute, not /)", file, p);
        free(copy);
        return -1;
      }
      size_t pl = strlen(p);
      if (strncmp(cfg->sandbox, p, pl) == 0 && (cfg->sandbox[pl] == '/' || cfg->sandbox[pl] == '\0')) {
        fail(err, errlen, "%s: hidden path '%s' would hide the sandbox itself", file, p);
        free(copy);
        return -1;
      }
      cfg->hidden[cfg->nhidden++] = strdup(p);
    }
    free(copy);
  }
  cfg->java_home = config_get(cfg, "java_home");
  if (cfg->java_home && *cfg->java_home && !path_ok(cfg->java_home))
    return fail(err, errlen, "%s: java_home must be absolute", file);
  cfg->classpath = config_get(cfg, "classpath");
  cfg->bundles_dir = config_get(cfg, "bundles_dir");
  cfg->require = config_get(cfg, "require");
  cfg->optional = config_get(cfg, "optional");
  return 0;
}

void config_free(container_config *cfg) {
  for (int i = 0; i < cfg->nkv; i++) {
    free(cfg->kv[i].key);
    free(cfg->kv[i].value);
  }
  for (int i = 0; i < cfg->nhidden; i++) free(cfg->hidden[i]);
  cfg->nkv = cfg->nhidden = 0;
}
