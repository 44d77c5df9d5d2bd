#!/usr/bin/env python3
"""The engine goes away (netserv-click restarted): the container, which cannot
reconnect by itself once it has dropped its privileges (and no longer sees the
channel directory), reports the channel down in STATUS and exits with status 75
after channel_retry_ms, so that the controller restarts it; restarted, it works."""
import time

from nsctest import Container, check, drain, fakeclick, require_build, udp, workdir

require_build()
wd = workdir("channel-loss")
c = Container(wd, slot=17, user="lossuser", uid=41017, extra={"channel_retry_ms": 4000})
try:
    c.start()
    ctl = c.control()
    c.engine.send(udp(1))
    check(len(drain(c.engine)) == 1, "packets flow")
    c.engine.close()  # the engine is gone: sockets closed, files removed
    t0 = time.time()
    state = ""
    for _ in range(40):
        st = ctl.status()
        state = [l for l in st if l.startswith("channel: ")][0]
        if state != "channel: up":
            break
        time.sleep(0.1)
    check(state.startswith("channel: connecting") or state.startswith("channel: down"),
          "STATUS reports the lost channel (%s)" % state)
    c.proc.wait(60)
    check(c.proc.returncode == 75, "the container exits 75 for a restart (exit %s after %.0f s)"
          % (c.proc.returncode, time.time() - t0))
    check("giving up" in c.output(), "and says why in its log")
    c.engine = fakeclick.Channel(c.devdir, "17")
    c.proc = None
    c.start()
    c.engine.send(udp(2))
    check(len(drain(c.engine)) == 1, "restarted with the engine back, packets flow again")
finally:
    c.stop()
import shutil  # noqa: E402
shutil.rmtree(wd, ignore_errors=True)  # kept when a check fails, for the logs
print("PASS")
