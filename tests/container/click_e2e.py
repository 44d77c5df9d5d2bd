#!/usr/bin/env python3
"""End to end with the real forwarding plane: netserv-click's ToUserDevice(N) /
FromUserDevice(N) (interfaces.md 1) feed a real container. Java PktProcessors
that rewrite, drop and inject see packets from netserv-click, and what comes
back out of FromUserDevice is checked in a pcap written by ToDump.
Skips (77) while netserv-click lacks the channel elements."""
import os
import socket
import struct
import subprocess
import time

from nsctest import BUILD, Container, bundle, check, ip_checksum_ok, require_build, skip, udp, workdir

require_build()
CLICK = os.path.join(BUILD, "bin", "netserv-click")
if not os.access(CLICK, os.X_OK):
    skip("build/bin/netserv-click missing: the router part is not built")
wd = workdir("click-e2e")
dev = os.path.join(wd, "dev")
os.makedirs(dev)
probe = subprocess.run([CLICK, "-q", "-e", "ToUserDevice(9, DEVDIR %s); FromUserDevice(9, DEVDIR %s) -> Discard;"
                        % (dev, dev)], capture_output=True, text=True, timeout=30)
if probe.returncode != 0:
    skip("netserv-click has no ToUserDevice/FromUserDevice yet: "
         + (probe.stderr.strip().splitlines() or ["?"])[-1])


def hexdata(pkt):
    # Click expands \<hex> only inside double quotes
    return '"\\<' + pkt.hex() + '>"'


N = 10
out_pcap = os.path.join(wd, "out.pcap")
ctl_path = os.path.join(wd, "click.sock")
config = """
to :: ToUserDevice(14, DEVDIR {dev});
s1 :: InfiniteSource(DATA {p1}, LIMIT {n}, BURST 1, ACTIVE false) -> to;
s2 :: InfiniteSource(DATA {p2}, LIMIT {n}, BURST 1, ACTIVE false) -> to;
s3 :: InfiniteSource(DATA {p3}, LIMIT {n}, BURST 1, ACTIVE false) -> to;
FromUserDevice(14, DEVDIR {dev}) -> back :: Counter
  -> EtherEncap(0x0800, 02:00:00:00:00:01, 02:00:00:00:00:02) -> ToDump({out});
""".format(dev=dev, n=N, out=out_pcap, p1=hexdata(udp(1, 64, 5000)), p2=hexdata(udp(2, 64, 9)),
           p3=hexdata(udp(3, 340, 7)))
conf = os.path.join(wd, "e2e.click")
with open(conf, "w") as f:
    f.write(config)
click_log = open(os.path.join(wd, "click.log"), "wb")
click = subprocess.Popen([CLICK, "-u", ctl_path, "-f", conf], stdout=click_log, stderr=subprocess.STDOUT)
c = Container(wd, slot=14, user="e2e", uid=41014, channel=False, devdir=dev,
              extra={"channel": "14"})
try:
    for _ in range(100):
        if os.path.exists(os.path.join(dev, "fromclick14")) and os.path.exists(ctl_path):
            break
        time.sleep(0.1)
    check(click.poll() is None, "netserv-click runs the channel configuration")
    c.start()
    ctl = c.control()
    for name, props in (("rewriter", None), ("dropper", "dport=9"), ("injector", None)):
        r = ctl.install("NetServ.test.%s_1.0.0" % name, c.stage(bundle(name)), props)
        check(r[0] == "0", "%s installed" % name)

    cs = socket.socket(socket.AF_UNIX)
    cs.connect(ctl_path)
    cf = cs.makefile("rw", newline="")
    check(cf.readline().startswith("Click::ControlSocket/1."), "ControlSocket greeting")
    for src in ("s1", "s2", "s3"):
        cf.write("WRITE %s.active true\r\n" % src)
        cf.flush()
        check(cf.readline().startswith("200"), "%s activated" % src)
    expected = 3 * N
    got = 0
    for _ in range(100):
        cf.write("READ back.count\r\n")
        cf.flush()
        head = cf.readline()
        data = cf.readline()
        n = int(cf.read(int(data.split()[1]))) if data.startswith("DATA") else 0
        got = n
        if got >= expected:
            break
        time.sleep(0.2)
    check(got == expected, "FromUserDevice got %d packets back (10 rewritten, 10 dropped, 10+10 injected)" % got)
    st = ctl.module("NetServ.test.dropper_1.0.0")
    check(st["dropped"] == str(N), "dropper dropped %d" % N)
    cs.close()
finally:
    c.stop()
    click.terminate()
    click.wait(10)

# the pcap ToDump wrote
with open(out_pcap, "rb") as f:
    data = f.read()
pkts, off = [], 24
while off + 16 <= len(data):
    incl = struct.unpack("<I", data[off + 8:off + 12])[0]
    pkts.append(data[off + 16 + 14:off + 16 + incl])
    off += 16 + incl
dports = sorted(struct.unpack("!H", p[22:24])[0] for p in pkts)
check(dports == [7] * (2 * N) + [5000] * N, "what left: 10 to port 5000, 20 to port 7, none to port 9")
check(all(p[1] == 0xB8 and ip_checksum_ok(p) for p in pkts), "every packet left rewritten (TOS 0xb8), checksum valid")
check(sorted(p[8] for p in pkts if struct.unpack("!H", p[22:24])[0] == 7) == [63] * N + [64] * N,
      "the injected copies carry TTL 63")
check(all(len(p) == 340 for p in pkts if struct.unpack("!H", p[22:24])[0] == 7), "340-byte packets kept their size")
import shutil  # noqa: E402
shutil.rmtree(wd, ignore_errors=True)  # kept when a check fails, for the logs
print("PASS")
