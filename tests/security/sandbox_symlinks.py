#!/usr/bin/env python3
"""The launcher never follows a tenant's symlink (issue #14 item 2).

A module (test bundle `escape`, symlink= and crash=) replaces its sandbox's `tmp`
and `.netserv-modules` with symlinks to a root-only file, a directory standing
for /etc, the engine's control socket and a block device node, then halts its JVM;
the container is started again as the controller's supervisor does, with the real
launcher as root. Nothing the links point at may change owner, mode or content,
and `tmp` must be a fresh directory of the tenant's again. Victims live in the
test's own directory (never the real /etc): a regression must not damage the host.
Prints ATTACK lines for tests/security/make-table.sh."""
import hashlib
import os
import socket
import stat
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "container"))
from nsctest import Container, bundle, require_build, workdir, remove_cgroups  # noqa: E402
import fakeclick  # noqa: E402

require_build()
wd = workdir("symlinks")
vd = os.path.join(wd, "victims")
os.makedirs(os.path.join(vd, "etc"))
files = {
    "shadow": (os.path.join(vd, "shadow"), 0o640),
    "etc": (os.path.join(vd, "etc"), 0o755),
    "etc/passwd": (os.path.join(vd, "etc", "passwd"), 0o644),
}
for name, (path, mode) in files.items():
    if name != "etc":
        with open(path, "w") as f:
            f.write("root's %s\n" % name)
    os.chmod(path, mode)
sock_path = os.path.join(vd, "click.sock")
srv = socket.socket(socket.AF_UNIX)
srv.bind(sock_path)
os.chmod(sock_path, 0o600)
files["click.sock"] = (sock_path, 0o600)
blk = os.path.join(vd, "blockdev")
os.mknod(blk, 0o600 | stat.S_IFBLK, os.makedev(7, 250))
files["blockdev"] = (blk, 0o600)


def snapshot():
    out = {}
    for name, (path, _) in files.items():
        st = os.lstat(path)
        digest = ""
        if stat.S_ISREG(st.st_mode):
            with open(path, "rb") as f:
                digest = hashlib.sha256(f.read()).hexdigest()
        out[name] = (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode), stat.S_IFMT(st.st_mode), digest)
    return out


before = snapshot()
fails = 0


def attack(what, ok, detail=""):
    global fails
    print("%s - %s%s" % ("ok" if ok else "not ok", what, (": " + detail) if detail and not ok else ""))
    print("ATTACK | container launcher | %s | nothing outside the sandbox changes | %s"
          % (what, "PASS" if ok else "FAIL"))
    fails += 0 if ok else 1


UID = 41020
a = Container(wd, slot=20, user="mallory", uid=UID, ports="", memory_mb=256, hidden=())
sb = a.sandbox
rounds = [("tmp", files["shadow"][0], ".netserv-modules", files["etc"][0], "a root-only file / a directory standing for /etc"),
          ("tmp", sock_path, ".netserv-modules", blk, "the engine's control socket / a block device"),
          ("tmp", blk, ".netserv-modules", sock_path, "a block device / the engine's control socket")]
try:
    a.start()
    for link1, t1, link2, t2, desc in rounds:
        ca = a.control()
        props = "symlink=%s/%s>%s;%s/%s>%s,crash=true,report=%s/report.txt" % (sb, link1, t1, sb, link2, t2, sb)
        try:
            ca.install("NetServ.test.escape_1.0.0", a.stage(bundle("escape")), props)
        except (EOFError, OSError):
            pass   # the module halted the JVM under our request
        a.proc.wait(60)
        report = open(os.path.join(sb, "report.txt")).read()
        made = report.count(": ALLOWED") >= 2 and os.path.islink(os.path.join(sb, link1))
        print("   module: %s" % " ".join(l for l in report.splitlines() if l.startswith("symlink")))
        if not made:
            attack("module links tmp, .netserv-modules to %s" % desc, False, "the module could not plant its links: " + report)
            continue
        # the supervisor restarts the container
        a.engine.close()
        a.engine = fakeclick.Channel(a.devdir, "20")
        a.start()
        now = snapshot()
        changed = [n for n in files if now[n] != before[n]]
        st = os.lstat(os.path.join(sb, "tmp"))
        tmp_ok = stat.S_ISDIR(st.st_mode) and st.st_uid == UID and stat.S_IMODE(st.st_mode) == 0o700
        attack("module links tmp, .netserv-modules to %s, crashes, is restarted" % desc,
               not changed and tmp_ok,
               "changed: %s; tmp: dir=%s uid=%d mode=%o" % (changed, stat.S_ISDIR(st.st_mode), st.st_uid, stat.S_IMODE(st.st_mode)))
    ca = a.control()
    attack("restarted container still serves its control channel", ca.status()[0] == "0")
finally:
    a.stop()
    remove_cgroups(20)
    srv.close()
print("PASS" if fails == 0 else "FAIL (%d)" % fails)
sys.exit(1 if fails else 0)
