#!/usr/bin/env python3
"""UDP sender/receiver for the router tests.
  udptool.py send DST PORT COUNT PPS [SIZE [FIRST]]  payloads b'netserv seq=N ...'
  udptool.py recv BIND PORT SECONDS LOG        one line per datagram: "<seq> <tos> <payload-prefix>"
Prints "ready" (flushed) when the receiver is bound."""
import re
import socket
import sys
import time

if sys.argv[1] == "send":
    dst, port, count, pps = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
    size = int(sys.argv[6]) if len(sys.argv) > 6 else 100
    first = int(sys.argv[7]) if len(sys.argv) > 7 else 0
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    t0 = time.time()
    for i in range(count):
        body = b"netserv seq=%d " % (first + i)
        s.sendto(body + b"x" * max(0, size - len(body)), (dst, port))
        delay = t0 + (i + 1) / pps - time.time()
        if delay > 0:
            time.sleep(delay)
else:
    bind, port, seconds, logpath = sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_RECVTOS, 1)
    s.bind((bind, port))
    s.settimeout(0.2)
    print("ready", flush=True)
    end = time.time() + seconds
    with open(logpath, "w", buffering=1) as log:
        while time.time() < end:
            try:
                data, anc, _, _ = s.recvmsg(65536, 64)
            except socket.timeout:
                continue
            tos = anc[0][2][0] if anc else -1
            m = re.search(rb"seq=(\d+)", data)
            log.write("%d %d %s\n" % (int(m.group(1)) if m else -1, tos, data[:7].decode("ascii", "replace")))
