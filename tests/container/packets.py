#!/usr/bin/env python3
"""The container's packet path and control channel, with the real launcher and a
listening stand-in for netserv-click's channel ends (interfaces.md 1):
rewrite/drop/inject modules, unclaimed packets, a throwing module, modules that
fail to start or resolve, install/remove while packets flow, bad control input,
a peer that is not the controller."""
import os
import socket
import sys
import threading
import time

from nsctest import (Container, Control, bundle, check, drain, ip_checksum_ok, require_build,
                     seq_of, udp, workdir)

require_build()
wd = workdir("packets")
c = Container(wd, slot=11, user="pktuser", uid=41011, ports="18090",
              extra={"building_blocks": "packet-dispatcher,http,sip,xmlrpc,log"})
try:
    c.start()
    ctl = c.control()
    check(ctl.greeting == ["NETSERV-CONTAINER/1 11 pktuser"], "greeting names slot and user")
    st = ctl.status()
    check(st[0] == "0" and any(l.startswith("isolation: ") and "seccomp=on" in l for l in st),
          "STATUS reports the isolation features")
    check("building-blocks: packet-dispatcher,http,sip,xmlrpc,log" in st, "all five building blocks started")
    eng = c.engine

    # --- no module: every packet leaves unchanged
    sent = [udp(k) for k in range(20)]
    for p in sent:
        eng.send(p)
    got = drain(eng)
    check(got == sent, "without modules, 20 packets leave unchanged and in order")

    # --- a module that rewrites one byte
    r = ctl.install("NetServ.test.rewriter_1.0.0", c.stage(bundle("rewriter")))
    check(r[0] == "0" and "state: ACTIVE" in r, "rewriter installed and ACTIVE")
    for k in range(10):
        eng.send(udp(k))
    got = drain(eng)
    check(len(got) == 10 and all(p[1] == 0xB8 and ip_checksum_ok(p) for p in got),
          "rewriter: 10 packets leave with TOS 0xb8 and a valid checksum")
    check(all(p[2:] [:8] == udp(seq_of(p))[2:10] for p in got), "rest of the header untouched")
    m = ctl.module("NetServ.test.rewriter_1.0.0")
    check(m["seen"] == "10" and m["forwarded"] == "10" and m["errors"] == "0",
          "STATUS counts the rewriter's packets")

    # --- a module that drops (filter from its SETUP properties)
    r = ctl.install("NetServ.test.dropper_1.0.0", c.stage(bundle("dropper")), "dport=9")
    check(r[0] == "0", "dropper installed with properties dport=9")
    for k in range(5):
        eng.send(udp(k, dport=9))
        eng.send(udp(100 + k, dport=5000))
    got = drain(eng)
    check(sorted(seq_of(p) for p in got) == [100, 101, 102, 103, 104],
          "dropper: packets to port 9 dropped, others forwarded")
    m = ctl.module("NetServ.test.dropper_1.0.0")
    check(m["dropped"] == "5" and m["seen"] == "5", "STATUS counts the dropper's drops")

    # --- a module that injects
    r = ctl.install("NetServ.test.injector_1.0.0", c.stage(bundle("injector")))
    check(r[0] == "0", "injector installed")
    for k in range(3):
        eng.send(udp(200 + k, dport=7))
    got = drain(eng)
    ttls = sorted(p[8] for p in got)
    check(len(got) == 6 and ttls == [63, 63, 63, 64, 64, 64] and all(ip_checksum_ok(p) for p in got),
          "injector: each packet to port 7 leaves twice, the injected copy with TTL-1")
    st = ctl.status()
    check("packets-injected: 3" in st, "STATUS counts injected packets")

    # --- a module that throws on every packet is isolated
    r = ctl.install("NetServ.test.faulty_1.0.0", c.stage(bundle("faulty")))
    check(r[0] == "0", "faulty installed")
    for k in range(8):
        eng.send(udp(300 + k))
    got = drain(eng)
    check(len(got) == 8, "faulty module: all 8 packets still forwarded")
    m = ctl.module("NetServ.test.faulty_1.0.0")
    check(m["errors"] == "8" and m["seen"] == "8", "faulty module: 8 errors counted")
    check(ctl.request("REMOVE NetServ.test.faulty_1.0.0")[0] == "0", "faulty removed")

    # --- modules that cannot start leave the container healthy and say why
    r = ctl.install("NetServ.test.thrower_1.0.0", c.stage(bundle("thrower")))
    check(r[0] == "-1" and "thrower refuses to start" in r[1], "activator that throws: -1 with the reason")
    m = ctl.module("NetServ.test.thrower_1.0.0")
    check(m["state"] == "FAILED" and "thrower refuses to start" in m["error"], "STATUS shows it FAILED with the error")
    r = ctl.install("NetServ.test.unresolvable_1.0.0", c.stage(bundle("unresolvable")))
    check(r[0] == "-1" and "org.netserv.does.not.exist" in r[1], "unresolvable bundle: -1 naming the missing package")
    eng.send(udp(400))
    check(len(drain(eng)) == 1, "container still forwards after the failed installs")

    # --- bad INSTALL requests
    rw = c.stage(bundle("rewriter"))
    r = ctl.request("INSTALL NetServ.test.other_1.0.0", path=rw, digest="sha-256=" + "0" * 64)
    check(r[0] == "-1" and "digest mismatch" in r[1], "wrong digest refused")
    r = ctl.request("INSTALL NetServ.test.other_1.0.0", path=rw)
    check(r[0] == "-1" and "digest" in r[1], "missing digest refused")
    r = ctl.install("NetServ.test.other_1.0.0", rw)
    check(r[0] == "-1" and "not NetServ.test.other_1.0.0" in r[1], "bundle whose name is not the module id refused")
    r = ctl.request("INSTALL NetServ.test.x_1.0.0", path=os.path.join(c.sandbox, "nope.jar"), digest="sha-256=" + "0" * 64)
    check(r[0] == "-1" and "no regular file" in r[1], "missing file refused")
    r = ctl.request("INSTALL NetServ.test.x_1.0.0", path="relative.jar", digest="sha-256=" + "0" * 64)
    check(r[0] == "-1" and "absolute" in r[1], "relative path refused")
    r = ctl.install("NetServ.test.y_1.0.0", rw, "novalue")
    check(r[0] == "-1" and "properties" in r[1], "bad properties refused")

    # --- bad requests
    check(ctl.request("FROB")[0:1] == ["-1"], "unknown command refused")
    check(ctl.request("INSTALL")[0] == "-1", "INSTALL without module id refused")
    check(ctl.request("REMOVE not-a-module-id")[0] == "-1", "bad module id refused")
    check(ctl.request("REMOVE NetServ.none_1.0.0")[0] == "-1", "REMOVE of an unknown module refused")
    check(ctl.raw("LIST\nno colon here\n\n")[0] == "-1", "header without colon refused")
    check(ctl.request("LIST")[0] == "0", "connection still usable after bad requests")
    try:
        r = ctl.raw("STATUS " + "x" * 9000 + "\n\n")
        check(r[0] == "-1" and "longer" in r[1], "overlong line refused")
    except (EOFError, OSError):
        pass
    ctl.close()
    ctl = c.control()
    check(ctl.request("LIST")[0] == "0", "a new connection works after an overlong line")

    # --- install/remove while packets flow: no packet of the other modules is lost
    N = 3000
    received = []

    def receiver():
        received.extend(drain(eng, quiet=3.0, limit=N))

    t = threading.Thread(target=receiver)
    t.start()

    def sender():
        for k in range(N):
            eng.send(udp(10000 + k))
            if k % 100 == 0:
                time.sleep(0.01)

    s = threading.Thread(target=sender)
    s.start()
    changes = 0
    while s.is_alive() and changes < 6:
        r1 = ctl.install("NetServ.test.counter_1.0.0", c.stage(bundle("counter")))
        r2 = ctl.request("REMOVE NetServ.test.counter_1.0.0")
        changes += 1 if r1[0] == "0" and r2[0] == "0" else 0
    s.join()
    t.join()
    check(changes >= 1, "counter module installed and removed %d times while packets flowed" % changes)
    check(len(received) == N, "all %d packets arrived (got %d)" % (N, len(received)))
    check([seq_of(p) for p in received] == list(range(10000, 10000 + N)), "in order")
    check(all(p[1] == 0xB8 for p in received), "every one of them was rewritten by the rewriter")

    # --- a server module on the HTTP building block (Jetty), on the container's port
    import urllib.request
    r = ctl.install("NetServ.test.webapp_1.0.0", c.stage(bundle("webapp")), "port=18090")
    check(r[0] == "0", "web module installed on the http building block")
    body = urllib.request.urlopen("http://127.0.0.1:18090/hello", timeout=10).read().decode()
    check(body == "hello from NetServ\n", "it answers HTTP on port 18090")
    check(ctl.request("REMOVE NetServ.test.webapp_1.0.0")[0] == "0", "web module removed")
    r = ctl.install("NetServ.test.webapp_1.0.0", c.stage(bundle("webapp")), "port=18091")
    check(r[0] == "-1" and "not one of this container's ports" in r[1], "a port outside the list is refused: " + r[1])

    # --- a peer that is not the controller is refused
    pid = os.fork()
    if pid == 0:
        try:
            os.setgid(41999)
            os.setuid(41999)
            s2 = socket.socket(socket.AF_UNIX)
            s2.connect(c.control_path)
            data = s2.recv(200).decode()
            os._exit(0 if data.startswith("-1\n") and "controller" in data else 1)
        except OSError:
            os._exit(0)  # cannot even connect (socket is 0600): refused too
        except BaseException:
            os._exit(2)
    _, status = os.waitpid(pid, 0)
    check(os.WEXITSTATUS(status) == 0, "a peer with another uid is refused")

    # --- stop and start a module at run time
    r = ctl.request("STOP NetServ.test.rewriter_1.0.0")
    check(r == ["0", "state: RESOLVED"], "STOP: the rewriter is RESOLVED")
    eng.send(udp(6))
    check(drain(eng) == [udp(6)], "a stopped module sees no packets")
    r = ctl.request("START NetServ.test.rewriter_1.0.0")
    check(r == ["0", "state: ACTIVE"], "START: ACTIVE again")
    eng.send(udp(6))
    check(drain(eng)[0][1] == 0xB8, "a restarted module rewrites again")
    check(ctl.request("REFRESH") == ["0"], "REFRESH")
    check(ctl.request("STOP NetServ.none_1.0.0")[0] == "-1", "STOP of an unknown module refused")

    # --- remove, then packets are untouched again
    check(ctl.request("REMOVE NetServ.test.rewriter_1.0.0")[0] == "0", "rewriter removed")
    eng.send(udp(5))
    got = drain(eng)
    check(got == [udp(5)], "after REMOVE, packets leave unchanged")
    l = ctl.request("LIST")
    check(not any("rewriter" in x for x in l) and any("dropper" in x for x in l), "LIST shows what is installed")

    # --- engine restart: the container reconnects by path
    r = ctl.request("SHUTDOWN")
    check(r == ["0"], "SHUTDOWN acknowledged")
    c.proc.wait(30)
    check(c.proc.returncode == 0, "container exited 0 after SHUTDOWN")
finally:
    c.stop()

# an operator's building block that does not exist: the container refuses to start, saying which
bad = Container(wd, slot=18, user="badblock", uid=41018, channel=False,
                extra={"building_blocks": "packet-dispatcher,nosuchblock"})
try:
    try:
        bad.start()
        check(False, "a container with a missing building block must not start")
    except AssertionError as e:
        check(bad.proc.returncode == 1 and "building block 'nosuchblock' not found" in str(e),
              "a missing building block: exit 1 naming it")
finally:
    bad.stop()
import shutil  # noqa: E402
shutil.rmtree(wd, ignore_errors=True)  # kept when a check fails, for the logs
print("PASS")
