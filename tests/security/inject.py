#!/usr/bin/env python3
"""What a module can put on its packet channel, and what a host receives.

  inject.py send DEVDIR NAME SRC:DST:DPORT:TAG ...
      connects to DEVDIR/toclickNAME (SOCK_SEQPACKET, as the container launcher
      does) and sends one IPv4/UDP packet per argument, payload b"tag=TAG"
  inject.py recv BIND PORT SECONDS LOG
      logs the tag of every datagram received ("SRC TAG" per line); prints "ready"
"""
import socket
import struct
import sys
import time


def checksum(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def packet(src, dst, dport, tag):
    payload = b"tag=" + tag.encode()
    udp = struct.pack("!HHHH", 40000, dport, 8 + len(payload), 0) + payload   # checksum 0: none
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0,
                      socket.inet_aton(src), socket.inet_aton(dst))
    hdr = hdr[:10] + struct.pack("!H", checksum(hdr)) + hdr[12:]
    return hdr + udp


if sys.argv[1] == "send":
    devdir, name = sys.argv[2], sys.argv[3]
    s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    s.connect("%s/toclick%s" % (devdir, name))
    time.sleep(0.2)   # the engine has accepted before the first packet
    for spec in sys.argv[4:]:
        src, dst, dport, tag = spec.split(":")
        s.send(packet(src, dst, int(dport), tag))
        time.sleep(0.02)
    time.sleep(0.3)
    s.close()
else:
    bind, port, seconds, logpath = sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((bind, port))
    s.settimeout(0.2)
    print("ready", flush=True)
    end = time.time() + seconds
    with open(logpath, "w", buffering=1) as log:
        while time.time() < end:
            try:
                data, addr = s.recvfrom(65536)
            except socket.timeout:
                continue
            log.write("%s %s\n" % (addr[0], data.decode("ascii", "replace").replace("tag=", "")))
