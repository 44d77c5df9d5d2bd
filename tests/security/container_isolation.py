#!/usr/bin/env python3
"""Isolation fails closed (issue #14 item 3), with real containers and a real JVM.

A (require = all, disk_mb = 16, netns = yes without an address) runs the `escape`
test module: it connects to the engine's UNIX ControlSocket and to a TCP one on the
node's loopback (issue #14 item 1, from inside a container), fills its disk, looks for
other processes, block devices and a writable /dev; B, another tenant, must keep
working meanwhile. A container whose
required feature is missing (no disk limit configured) must not start, and says
why; with the operator's explicit opt-out (optional = disk-quota) it starts and
reports the opt-out. Prints ATTACK lines for tests/security/make-table.sh."""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "container"))
from nsctest import LAUNCHER, Container, bundle, require_build, workdir, remove_cgroups  # noqa: E402

require_build()
wd = workdir("isolation-closed")
fails = 0


def attack(surface, what, expected, ok, detail=""):
    global fails
    print("%s - %s%s" % ("ok" if ok else "not ok", what, (": " + detail) if detail and not ok else ""))
    print("ATTACK | %s | %s | %s | %s" % (surface, what, expected, "PASS" if ok else "FAIL"))
    fails += 0 if ok else 1


def report(c, props):
    rep = os.path.join(c.sandbox, "report.txt")
    r = c.control().install("NetServ.test.escape_1.0.0", c.stage(bundle("escape")), props + ",report=" + rep)
    if r[0] != "0":
        return {"install": " ".join(r)}
    lines = open(rep).read().splitlines()
    print("\n".join("   " + l for l in lines))
    return {l.split(": ", 1)[0]: l.split(": ", 1)[1] for l in lines if ": " in l}


# the engine's control surfaces on this node, the TCP one even allowing reconfiguration
# (an operator's worst case): a module must reach neither
TOP = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
cs_path = os.path.join(wd, "click.sock")
cs_port = 30000 + os.getpid() % 20000
engine = subprocess.Popen([os.path.join(TOP, "build", "bin", "netserv-click"), "-e",
                           "ControlSocket(UNIX, %s); ControlSocket(TCP, %d, RECONFIGURE true); Idle -> Discard;"
                           % (cs_path, cs_port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
probe = [sys.executable, os.path.join(TOP, "tests", "security", "csprobe.py")]
for _ in range(100):
    if os.path.exists(cs_path) and subprocess.run(probe + ["tcp", "127.0.0.1", str(cs_port)], capture_output=True,
                                                  text=True).stdout.strip() == "allowed":
        break
    time.sleep(0.1)
root_view = subprocess.run(probe + ["tcp", "127.0.0.1", str(cs_port), "CHECKWRITE hotconfig"], capture_output=True,
                           text=True).stdout.strip()
every = {"require": "all", "disk_mb": 16, "netns": "yes"}
a = Container(wd, slot=21, user="alice", uid=41021, memory_mb=256, extra=every)
b = Container(wd, slot=22, user="bob", uid=41022, memory_mb=256, extra=every, hidden=(a.sandbox,))
mounted = [a.sandbox, b.sandbox]
try:
    a.start()
    b.start()
    out = a.output()
    off = [l for l in out.splitlines() if l.startswith("isolation: ") and "=off" in l]
    attack("container launcher", "require = all: every isolation feature on in A", "all on", not off, "; ".join(off))
    big = os.path.join(a.sandbox, "big")
    targets = "unix:%s;tcp:127.0.0.1:%d" % (cs_path, cs_port)
    res = report(a, "fill=%s,read=/dev/vda;/dev/sda;/proc/1/environ,write=/dev/evil;/dev/null,connect=%s" % (big, targets))
    unix_r = res.get("connect unix:" + cs_path, "")
    tcp_r = res.get("connect tcp:127.0.0.1:%d" % cs_port, "")
    attack("ControlSocket UNIX", "module inside a container connects to the engine's UNIX socket", "EACCES or 530",
           unix_r.startswith("DENIED") and ("Permission denied" in unix_r or "530" in unix_r), unix_r)
    attack("ControlSocket TCP", "module inside a container connects to a RECONFIGURE TCP ControlSocket on the node's loopback",
           "unreachable (own network namespace)", root_view == "allowed" and tcp_r.startswith("DENIED"),
           "root on the node: %s; module: %s" % (root_view, tcp_r))
    fill = res.get("fill " + big, "")
    mib = int(fill.split()[0]) if fill[:1].isdigit() else -1
    attack("container disk", "module fills its sandbox (disk-mb 16)", "ENOSPC at 16 MiB",
           0 <= mib <= 16 and "No space left" in fill, fill)
    attack("container pid-ns", "module lists the node's processes", "sees only its own (1)",
           res.get("procs") == "1", "procs: %s" % res.get("procs"))
    attack("container /dev", "module opens block devices /dev/vda, /dev/sda", "absent",
           res.get("read /dev/vda", "").startswith("DENIED") and res.get("read /dev/sda", "").startswith("DENIED"))
    attack("container /dev", "module creates /dev/evil", "read-only /dev",
           res.get("write /dev/evil", "").startswith("DENIED"), res.get("write /dev/evil", ""))
    rb = report(b, "write=%s/after.txt" % b.sandbox)
    attack("container disk", "the other tenant writes its sandbox after A filled its own", "allowed",
           rb.get("write %s/after.txt" % b.sandbox) == "ALLOWED", str(rb))
    a.stop()
    b.stop()

    # fail closed: a required feature that cannot be had
    c = Container(wd, slot=23, user="carol", uid=41023, memory_mb=256, extra={"require": "all", "netns": "yes"})
    p = subprocess.run([LAUNCHER, "--config", c.conf], capture_output=True, text=True, timeout=120)
    attack("container launcher", "start with require = all but no disk limit configured", "refused, says why",
           p.returncode == 1 and "required isolation feature disk-quota is off" in p.stderr, p.stderr[-300:])
    remove_cgroups(23)
    c.engine.close()
    c = Container(wd, slot=23, user="carol", uid=41023, memory_mb=256, extra={"require": "all", "netns": "yes", "optional": "disk-quota"})
    c.start()
    opt = [l for l in c.output().splitlines() if l.startswith("isolation: disk-quota=off: OPERATOR OPT-OUT")]
    attack("container launcher", "operator opts out of disk-quota (optional = disk-quota)", "starts, reports OPERATOR OPT-OUT",
           bool(opt))
    c.stop()
finally:
    engine.terminate()
    engine.wait(10)
    for x in (a, b):
        x.stop()
    for m in mounted:
        subprocess.run(["umount", "-l", m], capture_output=True)
print("PASS" if fails == 0 else "FAIL (%d)" % fails)
sys.exit(1 if fails else 0)
