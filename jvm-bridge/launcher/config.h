/*
 * config — the container slot configuration (interfaces.md 5): `key = value`
 * lines, `#` comments; unknown keys, repeated keys and bad values are errors
 * that name the line.
 */
#ifndef NETSERV_LAUNCHER_CONFIG_H
#define NETSERV_LAUNCHER_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define CFG_MAX_KEYS 64
#define CFG_MAX_LIST 64

typedef struct cfg_kv {
  char *key;
  char *value;
} cfg_kv;

typedef struct container_config {
  cfg_kv kv[CFG_MAX_KEYS]; /* every key as written, passed on to the JVM */
  int nkv;

  int slot;
  const char *user;
  long uid, gid; /* -1: not given */
  const char *sandbox;
  int ports[CFG_MAX_LIST];
  int nports;
  const char *ip;
  bool netns;
  long cpu_shares, memory_mb, pids_max, heap_mb, nofile, disk_mb; /* 0: not given */
  const char *channel;
  const char *devdir;
  const char *control_socket;
  long controller_uid;
  const char *building_blocks;
  char *hidden[CFG_MAX_LIST];
  int nhidden;
  const char *java_home;
  const char *classpath;
  const char *bundles_dir;
  const char *require; /* features that must be on: list or "all" */
  const char *optional; /* the operator's opt-out: features that may be off despite require */
} container_config;

/* Parses FILE into cfg. On error returns -1 with a message "FILE:LINE: ..." in err. */
int config_load(const char *file, container_config *cfg, char *err, size_t errlen);

/* The value of KEY as written, or NULL. */
const char *config_get(const container_config *cfg, const char *key);

/* Sets KEY (adds or replaces) so that the JVM sees the effective value. */
int config_set(container_config *cfg, const char *key, const char *value);

void config_free(container_config *cfg);

#endif
