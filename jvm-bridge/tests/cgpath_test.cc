// Where the launcher puts a slot's cgroup (jvm-bridge/launcher/cgpath.c), given the
// hierarchy's mount (point, root) and our own line of /proc/self/cgroup. The v2 case
// that matters on a systemd router: the controller's unit is delegated and the
// controller sits in its "supervisor" leaf; the slots must be its siblings, because the
// unit's cgroup is the one that may enable controllers (it holds no process).
extern "C" {
#include "../launcher/cgpath.h"
}
#include <gtest/gtest.h>

#include <string>

static std::string dir(const char *point, const char *root, const char *cur, int slot = 0,
                       unsigned tag = 0xabcdef01u) {
  char out[4096];
  EXPECT_EQ(0, cg_slot_dir(point, root, cur, slot, tag, out, sizeof out));
  return out;
}

TEST(CgSlotDir, SupervisorLeafPutsSlotsBesideIt) {
  EXPECT_EQ("/sys/fs/cgroup/system.slice/netserv-controller.service/netserv-slot3-abcdef01",
            dir("/sys/fs/cgroup", "/", "/system.slice/netserv-controller.service/supervisor", 3));
}

TEST(CgSlotDir, PlainCgroupNestsBelowIt) {
  // a shell or test harness without a supervisor leaf: below our own cgroup, as before
  EXPECT_EQ("/sys/fs/cgroup/user.slice/session-1.scope/netserv-slot0-abcdef01",
            dir("/sys/fs/cgroup", "/", "/user.slice/session-1.scope"));
}

TEST(CgSlotDir, RestartedInsideOldSlotDoesNotNest) {
  EXPECT_EQ("/sys/fs/cgroup/a.service/netserv-slot1-abcdef01",
            dir("/sys/fs/cgroup", "/", "/a.service/netserv-slot1-abcdef01", 1));
  EXPECT_EQ("/sys/fs/cgroup/a.service/netserv-slot1-abcdef01",
            dir("/sys/fs/cgroup", "/", "/a.service/supervisor/netserv-slot1-abcdef01", 1));
}

TEST(CgSlotDir, OtherSlotTagIsNotStripped) {
  // another slot's cgroup (other node, same slot number) is not ours to leave
  EXPECT_EQ("/sys/fs/cgroup/a/netserv-slot1-00000002/netserv-slot1-abcdef01",
            dir("/sys/fs/cgroup", "/", "/a/netserv-slot1-00000002", 1));
}

TEST(CgSlotDir, OnlyAWholeSupervisorComponentCounts) {
  EXPECT_EQ("/sys/fs/cgroup/nosupervisor/netserv-slot0-abcdef01",
            dir("/sys/fs/cgroup", "/", "/nosupervisor"));
}

TEST(CgSlotDir, RootCgroupAndSupervisorAtTop) {
  EXPECT_EQ("/sys/fs/cgroup/netserv-slot0-abcdef01", dir("/sys/fs/cgroup", "/", "/"));
  EXPECT_EQ("/sys/fs/cgroup/netserv-slot0-abcdef01", dir("/sys/fs/cgroup", "/", "/supervisor"));
}

TEST(CgSlotDir, NamespacedMountRootIsRemoved) {
  // a cgroup namespace or bind mount: the mount's root is a prefix of our path
  EXPECT_EQ("/sys/fs/cgroup/memory/x/netserv-slot0-abcdef01",
            dir("/sys/fs/cgroup/memory", "/lxc/c1", "/lxc/c1/x"));
}

TEST(CgSlotDir, TooSmallBufferFails) {
  char out[16];
  EXPECT_EQ(-1, cg_slot_dir("/sys/fs/cgroup", "/", "/a/b/c", 0, 1, out, sizeof out));
}
