#!/usr/bin/env python3
"""fakeclick — a stand-in for netserv-click's ToUserDevice/FromUserDevice ends
of one packet channel (interfaces.md 1, DESIGN.md §3.2), for tests run before
the engine has the elements.

Listens exactly like the engine: SOCK_SEQPACKET sockets DEVDIR/fromclickNAME
(we send packets to the connected peer) and DEVDIR/toclickNAME (we take the
packets the peer sends), one peer at a time, a new connection replacing the old.

Driven line by line on stdin, answers on stdout:
  send HEX                 send one packet
  udp COUNT LEN DPORT      send COUNT IPv4/UDP packets of LEN bytes to DPORT;
                           payload starts with a 4-byte sequence number
  recv N TIMEOUT_S         print up to N received packets ("pkt HEX"), then "got K"
  count TIMEOUT_S          count packets until TIMEOUT_S of silence: "count K"
  peers TIMEOUT_S          wait until both sockets are connected: "peers yes" or "peers no"
  drop                     close the current connections (engine restart)
  quit
Prints "ready" once listening and "peer" once both sockets are connected.
"""
import os
import select
import socket
import struct
import sys
import threading

_out = threading.Lock()


def say(*words):
    """One whole line at a time: the accept threads report too."""
    with _out:
        sys.stdout.write(" ".join(str(w) for w in words) + "\n")
        sys.stdout.flush()


def ipv4_udp(seq, length, dport, src="10.77.1.1", dst="10.77.2.1"):
    length = max(length, 32)
    payload = struct.pack("!I", seq) + bytes((seq + i) & 0xFF for i in range(length - 32))
    udp = struct.pack("!HHHH", 40000, dport, 8 + len(payload), 0) + payload
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), seq & 0xFFFF, 0, 64, 17, 0,
                      socket.inet_aton(src), socket.inet_aton(dst))
    s = 0
    for i in range(0, 20, 2):
        s += (hdr[i] << 8) | hdr[i + 1]
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    hdr = hdr[:10] + struct.pack("!H", ~s & 0xFFFF) + hdr[12:]
    return hdr + udp


class Channel:
    def __init__(self, devdir, name):
        self.paths = [os.path.join(devdir, "fromclick" + name), os.path.join(devdir, "toclick" + name)]
        self.listeners = []
        for p in self.paths:
            if os.path.exists(p):
                os.unlink(p)
            s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
            s.bind(p)
            s.listen(1)
            self.listeners.append(s)
        self.conns = [None, None]
        self.cv = threading.Condition()
        for i in range(2):
            threading.Thread(target=self._accept, args=(i,), daemon=True).start()

    def _accept(self, i):
        while True:
            try:
                c, _ = self.listeners[i].accept()
            except OSError:
                return
            with self.cv:
                old, self.conns[i] = self.conns[i], c
                if old:
                    old.close()
                self.cv.notify_all()
                if all(self.conns):
                    say("peer")

    def conn(self, i, timeout=10):
        with self.cv:
            self.cv.wait_for(lambda: self.conns[i] is not None, timeout)
            return self.conns[i]

    def send(self, pkt):
        c = self.conn(0)
        if c is None:
            raise RuntimeError("no peer on fromclick")
        c.send(pkt)

    def recv(self, timeout):
        c = self.conn(1, timeout)
        if c is None:
            return None
        r, _, _ = select.select([c], [], [], timeout)
        if not r:
            return None
        return c.recv(70000)

    def peers(self, timeout):
        with self.cv:
            return self.cv.wait_for(lambda: all(self.conns), timeout)

    def drop(self):
        with self.cv:
            for i in range(2):
                if self.conns[i]:
                    self.conns[i].close()
                    self.conns[i] = None

    def close(self):
        self.drop()
        for s in self.listeners:
            s.close()
        for p in self.paths:
            try:
                os.unlink(p)
            except FileNotFoundError:
                pass


def main():
    if len(sys.argv) != 3:
        print("usage: fakeclick.py DEVDIR NAME", file=sys.stderr)
        return 2
    ch = Channel(sys.argv[1], sys.argv[2])
    say("ready")
    try:
        for line in sys.stdin:
            w = line.split()
            if not w:
                continue
            try:
                if w[0] == "send":
                    ch.send(bytes.fromhex(w[1]))
                    say("ok")
                elif w[0] == "udp":
                    for k in range(int(w[1])):
                        ch.send(ipv4_udp(k, int(w[2]), int(w[3])))
                    say("ok")
                elif w[0] == "recv":
                    got = 0
                    for _ in range(int(w[1])):
                        p = ch.recv(float(w[2]))
                        if p is None:
                            break
                        got += 1
                        say("pkt", p.hex())
                    say("got", got)
                elif w[0] == "count":
                    got = 0
                    while ch.recv(float(w[1])) is not None:
                        got += 1
                    say("count", got)
                elif w[0] == "peers":
                    say("peers", "yes" if ch.peers(float(w[1])) else "no")
                elif w[0] == "drop":
                    ch.drop()
                    say("ok")
                elif w[0] == "quit":
                    break
                else:
                    say("error unknown command", w[0])
            except Exception as e:  # report, keep serving
                say("error", e)
    finally:
        ch.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
