#!/usr/bin/env python3
"""A container in its own network namespace with its own IP (netns = yes):
the launcher builds the veth pair, the module's server listens on the
container's address, the host reaches it by that address, and packets still
flow through the channel. The namespace and its veth go away with the container."""
import os
import subprocess
import time
import urllib.request

from nsctest import Container, bundle, check, drain, require_build, udp, workdir

require_build()
wd = workdir("netns")
IP = "10.177.0.2"
c = Container(wd, slot=15, user="nsuser", uid=41015, ports="18095",
              extra={"netns": "yes", "ip": IP, "building_blocks": "packet-dispatcher,http",
                     "require": "net-ns,mount-ns,uid,seccomp,port-filter"})
try:
    c.start()
    check("isolation: net-ns=on" in c.output(), "net-ns on: " + [l for l in c.output().splitlines() if "net-ns" in l][0])
    ctl = c.control()
    r = ctl.install("NetServ.test.webapp_1.0.0", c.stage(bundle("webapp")), "port=18095")
    check(r[0] == "0", "web module installed in the namespaced container")
    body = urllib.request.urlopen("http://%s:18095/hello" % IP, timeout=10).read().decode()
    check(body == "hello from NetServ\n", "the host reaches it at the container's own address %s" % IP)
    try:
        urllib.request.urlopen("http://127.0.0.1:18095/hello", timeout=3)
        check(False, "not on the host's loopback")
    except OSError:
        check(True, "the server is not on the host's stack (127.0.0.1:18095 refused)")
    c.engine.send(udp(1))
    check(len(drain(c.engine)) == 1, "the packet channel works across the namespace")
    check(ctl.request("SHUTDOWN")[0] == "0", "shutdown")
    c.proc.wait(30)
    # the kernel dismantles a namespace in a work queue after its last process left
    for _ in range(100):
        links = subprocess.run(["ip", "-o", "link", "show", "nsv15h"], capture_output=True, text=True)
        if links.returncode != 0:
            break
        time.sleep(0.1)
    check(links.returncode != 0, "the host end of the veth is gone with the container")
finally:
    c.stop()
    subprocess.run(["ip", "link", "del", "nsv15h"], capture_output=True)
import shutil  # noqa: E402
shutil.rmtree(wd, ignore_errors=True)  # kept when a check fails, for the logs
print("PASS")
