#!/usr/bin/env python3
"""Packets per second through a service container, beside the C echo path
(paper Figure 11: configuration 3 = the channel with the Java layer removed,
4 = the container without module, 5 = with a trivial module), at 64 and 340
bytes, measured side by side in one run with netserv-chan-load as the engine end
(closed loop: WINDOW packets in flight, saturation throughput). Prints a table and
writes build/bench/container.csv. Not a test: nothing is asserted on timing."""
import os
import subprocess
import sys
import time

from nsctest import BUILD, Container, bundle, remove_cgroups, require_build, workdir

require_build()
SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
LOAD = os.path.join(BUILD, "bin", "netserv-chan-load")
ECHO = os.path.join(BUILD, "bin", "netserv-chan-echo")
for b in (LOAD, ECHO):
    if not os.access(b, os.X_OK):
        print("missing %s: run make build" % b)
        sys.exit(77)
wd = workdir("bench")
dev = os.path.join(wd, "dev")
os.makedirs(dev)
os.chmod(dev, 0o755)


def load(name, size):
    # umask 0: the container, already running as its own uid, connects by path
    p = subprocess.Popen(["sh", "-c", "umask 0; exec %s -d %s -n %s -s %d -t %s -w 512 -b 64"
                          % (LOAD, dev, name, size, SECONDS)], stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "listening"
    return p


def result(p):
    out = p.communicate(timeout=SECONDS + 60)[0]
    return float(out.split()[1]) if out.startswith("pps") else 0.0


rows = []
for size in (64, 340):
    # configuration 3: C echo
    name = "2%d" % size
    p = load(name, size)
    e = subprocess.Popen([ECHO, "-d", dev, "-n", name, "-s", str(SECONDS + 2)], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    c_pps = result(p)
    e.wait(30)
    # configurations 4 and 5: the container without and with a counting module
    got = {}
    for label, module in (("container", None), ("container+counter", "counter")):
        slot = 21 if module is None else 22
        c = Container(wd, slot=slot, user="bench%d" % slot, uid=41000 + slot, channel=False, devdir=dev,
                      memory_mb=512, extra={"channel": str(slot), "channel_retry_ms": 600000, "cpu_shares": 1024,
                                            "require": ""})
        try:
            c.start()
            if module:
                ctl = c.control()
                r = ctl.install("NetServ.test.counter_1.0.0", c.stage(bundle("counter")))
                assert r[0] == "0", r
            p = load(str(slot), size)
            got[label] = result(p)
            if module:
                print("   ", [l for l in ctl.status() if l.startswith("module:")][0])
        finally:
            c.stop()
            remove_cgroups(slot)
    rows.append((size, c_pps, got["container"], got["container+counter"]))

print()
print("Packets per second through one channel (closed loop, %g s each, same run)" % SECONDS)
print("%6s %14s %14s %14s %10s %10s" % ("bytes", "C echo (3)", "container (4)", "+counter (5)", "4/3", "5/3"))
os.makedirs(os.path.join(BUILD, "bench"), exist_ok=True)
with open(os.path.join(BUILD, "bench", "container.csv"), "w") as f:
    f.write("size,c_echo_pps,container_pps,container_counter_pps\n")
    for size, c3, c4, c5 in rows:
        print("%6d %14.0f %14.0f %14.0f %10.2f %10.2f" % (size, c3, c4, c5, c4 / c3 if c3 else 0, c5 / c3 if c3 else 0))
        f.write("%d,%.0f,%.0f,%.0f\n" % (size, c3, c4, c5))
print("(paper, MLFFR through the kernel: 3 = 365 kpps, 4 = 188 kpps, 5 = 188 kpps; 4/3 = 0.52)")
import shutil  # noqa: E402
shutil.rmtree(wd, ignore_errors=True)
