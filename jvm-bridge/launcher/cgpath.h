/* cgpath: where a slot's cgroup goes, from the hierarchy's mount and our own cgroup.
 * Pure path logic (no file system access), so it is unit-tested (tests/cgpath_test.c). */
#ifndef NETSERV_CGPATH_H
#define NETSERV_CGPATH_H
#include <stddef.h>

/* The leaf a supervisor (the controller) moves itself into so that its delegated cgroup
 * holds no process and may enable controllers for its children (cgroup v2's
 * no-internal-process rule). Slot cgroups go beside it, not below it. */
#define CG_SUPERVISOR_LEAF "supervisor"

/* out = point + (cur relative to root, minus a trailing "/netserv-slotN-TAG" of an
 * earlier launcher and minus a trailing "/supervisor") + "/netserv-slotN-TAG".
 * Returns 0, or -1 when out is too small. */
int cg_slot_dir(const char *point, const char *root, const char *cur, int slot, unsigned tag, char *out,
                size_t len);

#endif
