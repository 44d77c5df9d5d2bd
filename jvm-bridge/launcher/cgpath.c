#include "cgpath.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

static void strip_suffix(char *base, const char *suffix) {
  size_t bl = strlen(base), sl = strlen(suffix);
  if (bl >= sl && strcmp(base + bl - sl, suffix) == 0) base[bl - sl] = '\0';
}

int cg_slot_dir(const char *point, const char *root, const char *cur, int slot, unsigned tag, char *out,
                size_t len) {
  const char *rel = cur;
  size_t rl = strlen(root);
  if (strcmp(root, "/") != 0 && strncmp(cur, root, rl) == 0) rel = cur + rl;
  char base[PATH_MAX];
  snprintf(base, sizeof base, "%s", rel);
  char suffix[48];
  snprintf(suffix, sizeof suffix, "/netserv-slot%d-%08x", slot, tag);
  /* a launcher restarted inside its own old cgroup must not nest deeper */
  strip_suffix(base, suffix);
  /* a supervisor in its leaf: the slots are its siblings, in the delegated cgroup whose
   * subtree_control may enable controllers because no process lives there */
  strip_suffix(base, "/" CG_SUPERVISOR_LEAF);
  int n = snprintf(out, len, "%s%s%s", point, strcmp(base, "/") == 0 || base[0] == '\0' ? "" : base, suffix);
  return n > 0 && (size_t)n < len ? 0 : -1;
}
