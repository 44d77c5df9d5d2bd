#!/usr/bin/env python3
"""Two containers for two publishers at once (issue #5, tests): a module in
container A cannot read B's sandbox, the node policy or the private keys, cannot
write outside its sandbox, cannot exec, cannot bind a port outside its list;
exceeding its memory limit kills A only, while B keeps processing packets; A
starts again afterwards."""
import os
import threading
import time

from nsctest import Container, bundle, check, drain, require_build, seq_of, udp, workdir

require_build()
wd = workdir("isolation")
policy = os.path.join(wd, "policy.xml")
keys = os.path.join(wd, "keys")
os.makedirs(keys)
with open(policy, "w") as f:
    f.write("<policy>node secret</policy>\n")
with open(os.path.join(keys, "node.key"), "w") as f:
    f.write("PRIVATE KEY\n")
os.chmod(policy, 0o644)  # readable to anyone on the host: only the mount namespace hides it
os.chmod(os.path.join(keys, "node.key"), 0o644)

sb_a = os.path.join(wd, "sandbox-alice")
sb_b = os.path.join(wd, "sandbox-bob")
a = Container(wd, slot=12, user="alice", uid=41012, ports="18081", memory_mb=256,
              hidden=(policy, keys, sb_b))
b = Container(wd, slot=13, user="bob", uid=41013, ports="18082", memory_mb=256,
              hidden=(policy, keys, sb_a))
try:
    a.start()
    b.start()
    with open(os.path.join(sb_b, "bob-data.txt"), "w") as f:
        f.write("bob's data\n")
    os.chmod(os.path.join(sb_b, "bob-data.txt"), 0o644)
    ca, cb = a.control(), b.control()
    mline = [l for l in a.output().splitlines() if l.startswith("isolation: mount-ns=on")]
    check(mline and a.devdir in mline[0] and policy in mline[0] and sb_b in mline[0],
          "A's mount namespace hides the policy, the keys, B's sandbox and the channel directory")

    report = os.path.join(sb_a, "escape-report.txt")
    props = ",".join([
        "report=" + report,
        "read=" + ";".join([policy, os.path.join(keys, "node.key"), os.path.join(sb_b, "bob-data.txt")]),
        "write=" + ";".join([os.path.join(wd, "escaped.txt"), os.path.join(sb_b, "x"), os.path.join(sb_a, "mine.txt")]),
        "bind=18081;18082;80",
    ])
    r = ca.install("NetServ.test.escape_1.0.0", a.stage(bundle("escape")), props)
    check(r[0] == "0", "escape module installed in A")
    lines = open(report).read().splitlines()
    res = {l.split(": ", 1)[0]: l.split(": ", 1)[1] for l in lines if ": " in l}
    print("\n".join("   " + l for l in lines))
    rd = lambda p: res.get("read " + p, "")
    check(rd(policy).startswith("DENIED") or rd(policy) == "ALLOWED (0 bytes)", "A cannot read the policy file")
    check(rd(os.path.join(keys, "node.key")).startswith("DENIED"), "A cannot read the private keys")
    check(rd(os.path.join(sb_b, "bob-data.txt")).startswith("DENIED"), "A cannot read B's sandbox")
    check(res.get("write " + os.path.join(wd, "escaped.txt"), "").startswith("DENIED")
          and not os.path.exists(os.path.join(wd, "escaped.txt")), "A cannot write outside its sandbox")
    check(res.get("write " + os.path.join(sb_b, "x"), "").startswith("DENIED"), "A cannot write into B's sandbox")
    check(res.get("write " + os.path.join(sb_a, "mine.txt"), "") == "ALLOWED", "A can write its own sandbox")
    check(res.get("exec", "").startswith("DENIED"), "A cannot exec")
    check(res.get("bind 18081") == "ALLOWED", "A may bind its own port 18081")
    check(res.get("bind 18082", "").startswith("DENIED"), "A cannot bind B's port 18082")
    check(res.get("bind 80", "").startswith("DENIED"), "A cannot bind port 80")

    # B keeps forwarding while A exceeds its memory limit
    stop = threading.Event()
    sent_b = [0]
    got_b = []

    def b_traffic():
        k = 0
        while not stop.is_set():
            b.engine.send(udp(k))
            k += 1
            p = b.engine.recv(5)
            if p is not None:
                got_b.append(p)
            time.sleep(0.002)
        sent_b[0] = k

    t = threading.Thread(target=b_traffic)
    t.start()
    time.sleep(1)
    r = ca.install("NetServ.test.memhog_1.0.0", a.stage(bundle("memhog")), "mode=direct")
    check(r[0] == "0", "memory hog installed in A")
    try:
        a.proc.wait(120)
    except Exception:
        pass
    check(a.proc.poll() is not None, "A ended after exceeding its memory limit (exit %s)" % a.proc.returncode)
    time.sleep(1)
    stop.set()
    t.join()
    got_b += drain(b.engine, quiet=2.0)
    check(b.proc.poll() is None, "B is still running")
    check(len(got_b) == sent_b[0] and [seq_of(p) for p in got_b] == list(range(sent_b[0])),
          "B forwarded all %d packets sent while A blew up (got %d)" % (sent_b[0], len(got_b)))
    m = cb.status()
    check(m[0] == "0", "B answers STATUS")
    memdirs = [d for d in os.popen("find /sys/fs/cgroup/memory -maxdepth 4 -name 'netserv-slot12-*'").read().split()]
    if memdirs:
        oom = open(os.path.join(memdirs[0], "memory.oom_control")).read().split()
        print("   A's memory cgroup:", " ".join(oom))

    # the controller would restart A now
    a.proc = None
    a.engine.close()
    import fakeclick
    a.engine = fakeclick.Channel(a.devdir, "12")
    a.start()
    ca = a.control()
    check(ca.status()[0] == "0", "A starts again after the kill and answers STATUS")
    a.engine.send(udp(1))
    check(len(drain(a.engine)) == 1, "restarted A forwards packets")

    # a full Java heap ends A too (ExitOnOutOfMemoryError), B untouched
    r = ca.install("NetServ.test.memhog_1.0.0", a.stage(bundle("memhog")), "mode=heap")
    check(r[0] == "0", "heap hog installed in A")
    a.proc.wait(120)
    check(a.proc.returncode == 3, "A exits (status %s) when its heap is full" % a.proc.returncode)
    b.engine.send(udp(7))
    check(len(drain(b.engine)) == 1 and b.proc.poll() is None, "B still forwards")
finally:
    a.stop()
    b.stop()
import shutil  # noqa: E402
shutil.rmtree(wd, ignore_errors=True)  # kept when a check fails, for the logs
print("PASS")
