#!/usr/bin/env python3
"""A steady UDP flow with sequence numbers, for tests/controller/test-versions.sh.

  seqflow.py send DST PORT RATE STOPFILE MAXSECONDS   one packet each 1/RATE s until STOPFILE exists
  seqflow.py recv BIND PORT OUTFILE STOPFILE MAXSECONDS  one line per packet: "<seq> <stamps>"

Payload (64 bytes): b"SEQ:" + 10-digit sequence number + 2 spaces + 48 dots; the stamp module
(container/test-bundles, NetServ.test.stamp) writes its major version into the first dot of
payload bytes 16..47, so "<stamps>" says which version of each node on the path handled the
packet, nearest the sender first. Both loops are bounded by MAXSECONDS.
"""
import os
import socket
import sys
import time


def send(dst, port, rate, stopfile, maxs):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    gap = 1.0 / float(rate)
    end = time.monotonic() + float(maxs)
    seq = 0
    nxt = time.monotonic()
    while time.monotonic() < end and not os.path.exists(stopfile):
        s.sendto(b"SEQ:%010d  " % seq + b"." * 48, (dst, int(port)))
        seq += 1
        nxt += gap
        delay = nxt - time.monotonic()
        if delay > 0:
            time.sleep(delay)
    print("sent %d" % seq, flush=True)


def recv(bind, port, outfile, stopfile, maxs):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    s.bind((bind, int(port)))
    s.settimeout(0.2)
    end = time.monotonic() + float(maxs)
    with open(outfile, "w", buffering=1) as out:
        while time.monotonic() < end and not os.path.exists(stopfile):
            try:
                data = s.recv(2048)
            except socket.timeout:
                continue
            if len(data) < 64 or not data.startswith(b"SEQ:"):
                continue
            out.write("%d %s\n" % (int(data[4:14]), data[16:64].decode("ascii", "replace").strip(".") or "-"))


if __name__ == "__main__":
    {"send": send, "recv": recv}[sys.argv[1]](*sys.argv[2:])
