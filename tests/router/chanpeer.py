#!/usr/bin/env python3
"""A packet-channel peer for the router tests (interfaces.md item 1): connects to
DEVDIR/fromclickNAME (packets from the engine) and DEVDIR/toclickNAME (packets
back into the engine), like a container or the signaling daemon.

  chanpeer.py DEVDIR NAME MODE LOG [SECONDS]
MODE: record  - log each packet, send nothing back
      echo    - log and send each packet back unchanged
      modify  - log, set TOS 0x2e and replace the payload prefix b'netserv' with
                b'MODIFIE', fix the IP checksum, zero the UDP checksum, send back
LOG gets one line per packet: "<slot> <proto> <dport> <seq>" where seq is the
integer after b'seq=' in the payload (or -1). Reconnects if the engine restarts.
Prints "connected" (stdout, flushed) once both sockets are connected."""
import os
import re
import signal
import socket
import struct
import sys
import time

devdir, name, mode, logpath = sys.argv[1:5]
seconds = float(sys.argv[5]) if len(sys.argv) > 5 else 60.0
stop = False


def on_term(*_):
    global stop
    stop = True


signal.signal(signal.SIGTERM, on_term)
signal.signal(signal.SIGINT, on_term)


def ip_checksum(hdr):
    s = sum(struct.unpack("!%dH" % (len(hdr) // 2), hdr))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def connect():
    while not stop:
        try:
            rx = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
            rx.connect(os.path.join(devdir, "fromclick" + name))
            tx = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
            tx.connect(os.path.join(devdir, "toclick" + name))
            rx.settimeout(0.2)
            return rx, tx
        except OSError:
            time.sleep(0.1)
    return None, None


log = open(logpath, "a", buffering=1)
deadline = time.time() + seconds
rx, tx = connect()
print("connected", flush=True)
while not stop and time.time() < deadline and rx:
    try:
        p = rx.recv(65536)
    except socket.timeout:
        continue
    except OSError:
        p = b""
    if not p:
        rx, tx = connect()
        continue
    hl = (p[0] & 15) * 4
    proto = p[9]
    dport = struct.unpack("!H", p[hl + 2:hl + 4])[0] if proto in (6, 17) else 0
    m = re.search(rb"seq=(\d+)", p)
    log.write("%s %d %d %d\n" % (name, proto, dport, int(m.group(1)) if m else -1))
    if mode == "record":
        continue
    if mode == "modify":
        b = bytearray(p)
        b[1] = 0x2E
        i = b.find(b"netserv")
        if i >= 0:
            b[i:i + 7] = b"MODIFIE"
        if proto == 17:
            b[hl + 6:hl + 8] = b"\0\0"
        b[10:12] = b"\0\0"
        b[10:12] = struct.pack("!H", ip_checksum(bytes(b[:hl])))
        p = bytes(b)
    try:
        tx.send(p)
    except OSError:
        rx, tx = connect()
log.close()
