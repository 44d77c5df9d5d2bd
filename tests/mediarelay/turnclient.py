#!/usr/bin/env python3
"""A small TURN client written from RFC 8489/8656, independent of the relay's Java code,
that runs the negative cases against a relay and checks each answer:

  turnclient.py SERVER PORT PEER_IP PEER_PORT --user U --password P --quota-user Q:PW
                [--quota N] [--nonce-lifetime S] [--expect-relay-ip IP]
  turnclient.py ping SERVER PORT SECONDS       (exit 0 once a Binding is answered)
  turnclient.py latency SERVER PORT PEER PEER_PORT SECRET COUNT INTERVAL_MS [SIZE]   (RTT p50/p99)

PEER_IP:PEER_PORT is an echo peer (turnutils_peer). Prints one "ok: ..." line per case and
exits 1 at the first wrong answer.
"""
import argparse, hashlib, hmac, os, socket, struct, sys, time, zlib

MAGIC = 0x2112A442
ALLOCATE, REFRESH, SEND, DATA, CREATE_PERMISSION, CHANNEL_BIND, BINDING = 3, 4, 6, 7, 8, 9, 1
A = dict(USERNAME=0x0006, MI=0x0008, ERROR_CODE=0x0009, UNKNOWN=0x000A, CHANNEL_NUMBER=0x000C,
         LIFETIME=0x000D, XOR_PEER=0x0012, DATA=0x0013, REALM=0x0014, NONCE=0x0015,
         XOR_RELAYED=0x0016, REQ_TRANSPORT=0x0019, XOR_MAPPED=0x0020, FINGERPRINT=0x8028)


def msgtype(method, cls):  # cls: 0 request, 1 indication, 2 success, 3 error
    return (method & 0xF) | ((method & 0x70) << 1) | ((method & 0xF80) << 2) | ((cls & 1) << 4) | ((cls & 2) << 7)


def xaddr(ip, port):
    return struct.pack("!BBH4s", 0, 1, port ^ (MAGIC >> 16),
                       bytes(a ^ b for a, b in zip(socket.inet_aton(ip), struct.pack("!I", MAGIC))))


def unxaddr(v):
    port = struct.unpack("!H", v[2:4])[0] ^ (MAGIC >> 16)
    ip = socket.inet_ntoa(bytes(a ^ b for a, b in zip(v[4:8], struct.pack("!I", MAGIC))))
    return ip, port


def build(method, cls, attrs, key=None, fingerprint=True, txid=None):
    txid = txid or os.urandom(12)
    body = b""
    for t, v in attrs:
        body += struct.pack("!HH", t, len(v)) + v + b"\0" * (-len(v) % 4)
    t = msgtype(method, cls)
    if key is not None:
        head = struct.pack("!HHI", t, len(body) + 24, MAGIC) + txid
        body += struct.pack("!HH", A["MI"], 20) + hmac.new(key, head + body, hashlib.sha1).digest()
    if fingerprint:
        head = struct.pack("!HHI", t, len(body) + 8, MAGIC) + txid
        crc = (zlib.crc32(head + body) ^ 0x5354554e) & 0xffffffff
        body += struct.pack("!HHI", A["FINGERPRINT"], 4, crc)
    return struct.pack("!HHI", t, len(body), MAGIC) + txid + body


def parse(raw):
    t, n, magic = struct.unpack("!HHI", raw[:8])
    assert magic == MAGIC and n + 20 == len(raw), "bad answer framing"
    attrs, p = {}, 20
    while p < len(raw):
        at, l = struct.unpack("!HH", raw[p:p + 4])
        attrs.setdefault(at, (raw[p + 4:p + 4 + l], p))
        p += 4 + l + (-l % 4)
    cls = ((t >> 4) & 1) | ((t >> 7) & 2)
    return cls, attrs


def code(attrs):
    v = attrs.get(A["ERROR_CODE"])
    return None if v is None else (v[0][2] & 7) * 100 + v[0][3]


class Client:
    def __init__(self, server, tcp=False, timeout=2.0):
        self.server, self.tcp = server, tcp
        self.s = socket.socket(socket.AF_INET, socket.SOCK_STREAM if tcp else socket.SOCK_DGRAM)
        self.s.settimeout(timeout)
        self.s.connect(server)
        self.buf = b""
        self.key = self.user = self.realm = self.nonce = None

    def send(self, raw):
        self.s.send(raw)

    def recv(self, timeout=2.0):
        """One STUN or ChannelData message, or None on timeout."""
        self.s.settimeout(timeout)
        try:
            if not self.tcp:
                return self.s.recv(65535)
            while True:
                if len(self.buf) >= 4:
                    first, l = struct.unpack("!HH", self.buf[:4])
                    total = 20 + l if first >> 14 == 0 else 4 + l + (-l % 4)
                    if len(self.buf) >= total:
                        m, self.buf = self.buf[:total], self.buf[total:]
                        return m
                d = self.s.recv(65535)
                if not d:
                    return None
                self.buf += d
        except socket.timeout:
            return None

    def ask(self, method, attrs, auth=True, txid=None, retry_stale=True):
        cls, at = self._ask(method, attrs, auth, txid)
        if retry_stale and auth and self.key and cls == 3 and code(at) == 438:
            self.nonce = at[A["NONCE"]][0]        # as a client does: retry once with the fresh nonce
            self.stale_retries = getattr(self, "stale_retries", 0) + 1
            cls, at = self._ask(method, attrs, auth, None)
        return cls, at

    def _ask(self, method, attrs, auth, txid):
        a = list(attrs)
        if auth and self.key:
            a += [(A["USERNAME"], self.user.encode()), (A["REALM"], self.realm), (A["NONCE"], self.nonce)]
        raw = build(method, 0, a, self.key if auth else None, txid=txid)
        self.send(raw)
        while True:
            ans = self.recv()
            if ans is None:
                raise AssertionError("no answer to method %d" % method)
            if ans[:1] >= b"\x40":
                continue                        # ChannelData still in flight
            cls, at = parse(ans)
            if cls == 1:
                continue                        # a Data indication
            if ans[8:20] == raw[8:20]:
                self.last = ans
                return cls, at

    def login(self, user, password, method=ALLOCATE, attrs=()):
        cls, at = self.ask(method, attrs, auth=False)
        assert cls == 3 and code(at) == 401, "expected 401, got %s" % code(at)
        self.user, self.realm, self.nonce = user, at[A["REALM"]][0], at[A["NONCE"]][0]
        self.key = hashlib.md5(b"%s:%s:%s" % (user.encode(), self.realm, password.encode())).digest()
        return self.ask(method, attrs)

    def integrity_ok(self):
        raw = self.last
        v, p = parse(raw)[1][A["MI"]]
        head = struct.pack("!HH", struct.unpack("!H", raw[:2])[0], p + 24 - 20) + raw[4:20]   # p: MI's header
        return hmac.compare_digest(v, hmac.new(self.key, head + raw[20:p], hashlib.sha1).digest())

    def allocate(self, user, password, lifetime=None):
        attrs = [(A["REQ_TRANSPORT"], b"\x11\0\0\0")]
        if lifetime is not None:
            attrs.append((A["LIFETIME"], struct.pack("!I", lifetime)))
        return self.login(user, password, ALLOCATE, attrs)


def ok(s):
    print("ok:", s, flush=True)


def check(cond, what):
    if not cond:
        print("FAILED:", what, flush=True)
        sys.exit(1)


def ping(server, port, seconds):
    """Binding requests until one is answered: the relay is up."""
    end = time.time() + seconds
    while time.time() < end:
        c = Client((server, port), timeout=0.5)
        try:
            c.send(build(BINDING, 0, []))
            if c.recv(0.5):
                return 0
        except OSError:
            time.sleep(0.3)
    return 1


def latency(argv):
    """turnclient.py latency SERVER PORT PEER PEER_PORT SECRET COUNT INTERVAL_MS [SIZE]
    One allocation (REST credentials), a channel to the echo peer, COUNT ChannelData packets
    INTERVAL_MS apart; prints the round-trip percentiles, jitter and loss."""
    import base64, select
    server, port, peer, pport, secret, count, interval = argv[0], int(argv[1]), argv[2], int(argv[3]), argv[4], int(argv[5]), float(argv[6])
    size = int(argv[7]) if len(argv) > 7 else 172
    user = "%d:latency-probe" % (time.time() + 3600)
    pw = base64.b64encode(hmac.new(secret.encode(), user.encode(), hashlib.sha1).digest()).decode()
    c = Client((server, port))
    check(c.allocate(user, pw)[0] == 2, "latency probe: Allocate")
    check(c.ask(CHANNEL_BIND, [(A["CHANNEL_NUMBER"], b"\x40\x01\0\0"), (A["XOR_PEER"], xaddr(peer, pport))])[0] == 2, "ChannelBind")
    c.s.setblocking(False)
    sent, rtts, nxt = {}, [], time.perf_counter()
    end = nxt + count * interval / 1000.0 + 2.0
    i = 0
    while time.perf_counter() < end:
        now = time.perf_counter()
        if i < count and now >= nxt:
            sent[i] = now
            c.s.send(struct.pack("!HHI", 0x4001, size, i) + b"\0" * (size - 4))
            i += 1
            nxt += interval / 1000.0
        r, _, _ = select.select([c.s], [], [], max(0.0, min(nxt - time.perf_counter(), 0.05)) if i < count else 0.05)
        if r:
            try:
                m = c.s.recv(65535)
            except BlockingIOError:
                continue
            if m[:2] == b"\x40\x01" and len(m) >= 8:
                seq = struct.unpack("!I", m[4:8])[0]
                if seq in sent:
                    rtts.append((time.perf_counter() - sent.pop(seq)) * 1000.0)
        elif i >= count and not sent:
            break
    if not rtts:
        print("p50_ms=nan p99_ms=nan jitter_ms=nan lost=%d" % count)
        return 1
    s = sorted(rtts)
    jit = sum(abs(a - b) for a, b in zip(rtts, rtts[1:])) / max(1, len(rtts) - 1)
    print("p50_ms=%.3f p99_ms=%.3f jitter_ms=%.3f lost=%d" % (s[len(s) // 2], s[min(len(s) - 1, int(len(s) * 0.99))], jit, len(sent)))
    return 0


def main():
    if len(sys.argv) >= 9 and sys.argv[1] == "latency":
        sys.exit(latency(sys.argv[2:]))
    if len(sys.argv) == 5 and sys.argv[1] == "ping":       # turnclient.py ping SERVER PORT SECONDS
        sys.exit(ping(sys.argv[2], int(sys.argv[3]), float(sys.argv[4])))
    ap = argparse.ArgumentParser()
    ap.add_argument("server"); ap.add_argument("port", type=int)
    ap.add_argument("peer"); ap.add_argument("peer_port", type=int)
    ap.add_argument("--user", required=True); ap.add_argument("--password", required=True)
    ap.add_argument("--quota-user", required=True, help="NAME:PASSWORD of a user with no allocation yet")
    ap.add_argument("--quota", type=int, default=3, help="the relay's user_quota")
    ap.add_argument("--nonce-lifetime", type=int, default=3)
    ap.add_argument("--expect-relay-ip")
    o = ap.parse_args()
    srv, peer = (o.server, o.port), (o.peer, o.peer_port)

    # A: the allocation every other case must leave untouched
    a = Client(srv)
    cls, at = a.allocate(o.user, o.password)
    check(cls == 2, "Allocate: %s" % code(at))
    check(a.integrity_ok(), "Allocate success carries a valid MESSAGE-INTEGRITY")
    rip, rport = unxaddr(at[A["XOR_RELAYED"]][0])
    check(o.expect_relay_ip is None or rip == o.expect_relay_ip, "relayed address %s" % rip)
    cls, at = a.ask(CHANNEL_BIND, [(A["CHANNEL_NUMBER"], b"\x40\x01\0\0"), (A["XOR_PEER"], xaddr(*peer))])
    check(cls == 2, "ChannelBind: %s" % code(at))

    def a_relays(tag):
        payload = b"still-here-" + tag.encode()
        a.send(struct.pack("!HH", 0x4001, len(payload)) + payload + b"\0" * (-len(payload) % 4))
        for _ in range(5):
            m = a.recv(2.0)
            if m and m[:2] == b"\x40\x01" and m[4:4 + len(payload)] == payload:
                return True
        return False
    check(a_relays("start"), "A's ChannelData echoed by the peer through the relay")
    ok("allocation A at %s:%d relays ChannelData to %s:%d and back" % (rip, rport, *peer))

    b = Client(srv)
    cls, at = b.allocate(o.user, "wrong-" + o.password)
    check(cls == 3 and code(at) == 401, "wrong password: %s" % code(at))
    ok("wrong password -> 401")

    c = Client(srv)
    cls, at = c.ask(ALLOCATE, [(A["REQ_TRANSPORT"], b"\x11\0\0\0")], auth=False)
    old = at[A["NONCE"]][0]
    time.sleep(o.nonce_lifetime + 1.5)
    c.user, c.realm, c.nonce = o.user, at[A["REALM"]][0], old
    c.key = hashlib.md5(b"%s:%s:%s" % (o.user.encode(), c.realm, o.password.encode())).digest()
    cls, at = c.ask(ALLOCATE, [(A["REQ_TRANSPORT"], b"\x11\0\0\0")], retry_stale=False)
    check(cls == 3 and code(at) == 438 and A["NONCE"] in at and at[A["NONCE"]][0] != old, "stale nonce: %s" % code(at))
    ok("stale nonce -> 438 with a fresh NONCE")
    c.nonce = at[A["NONCE"]][0]
    cls, at = c.ask(ALLOCATE, [(A["REQ_TRANSPORT"], b"\x11\0\0\0")])
    check(cls == 2, "438 retry: %s" % code(at))
    ok("438 retry with the new nonce -> Allocate success")

    cls, at = c.ask(REFRESH, [(A["LIFETIME"], struct.pack("!I", 1))])
    check(cls == 2 and struct.unpack("!I", at[A["LIFETIME"]][0])[0] == 1, "Refresh to 1 s")
    time.sleep(3)
    cls, at = c.ask(REFRESH, [])
    check(cls == 3 and code(at) == 437, "expired allocation: %s" % code(at))
    ok("expired allocation -> 437 Allocation Mismatch")

    d = Client(srv)
    cls, at = d.allocate(o.user, o.password)
    check(cls == 2, "Allocate D")
    d.send(build(SEND, 1, [(A["XOR_PEER"], xaddr(*peer)), (A["DATA"], b"no-permission")]))
    check(d.recv(1.0) is None, "no Data indication without a permission")
    ok("Send indication without a permission -> dropped (no echo)")
    cls, at = d.ask(CREATE_PERMISSION, [(A["XOR_PEER"], xaddr(*peer))])
    check(cls == 2, "CreatePermission")
    d.send(build(SEND, 1, [(A["XOR_PEER"], xaddr(*peer)), (A["DATA"], b"with-permission")]))
    m = d.recv(2.0)
    check(m is not None and parse(m)[0] == 1 and parse(m)[1][A["DATA"]][0] == b"with-permission", "Data indication after CreatePermission")
    ok("after CreatePermission: Send -> peer -> Data indication")

    qname, qpw = o.quota_user.split(":", 1)
    qs = [Client(srv) for _ in range(o.quota + 1)]
    for i, q in enumerate(qs[:o.quota]):
        check(q.allocate(qname, qpw)[0] == 2, "quota user allocation %d" % i)
    cls, at = qs[o.quota].allocate(qname, qpw)
    check(cls == 3 and code(at) == 486, "allocation %d of a user with quota %d: %s" % (o.quota + 1, o.quota, code(at)))
    ok("quota: allocation %d -> 486; the user's other %d stay" % (o.quota + 1, o.quota))

    e = Client(srv)
    good = build(BINDING, 0, [(0x8022, b"abcdefgh")])
    e.send(good[:len(good) - 6])
    check(e.recv(0.7) is None, "no answer to a truncated message")
    e.send(good + b"\0" * 8)
    check(e.recv(0.7) is None, "no answer to an oversized (trailing bytes) message")
    e.send(good[:12])
    check(e.recv(0.7) is None, "no answer to a runt")
    e.send(good)
    m = e.recv(2.0)
    check(m is not None and parse(m)[0] == 2 and A["XOR_MAPPED"] in parse(m)[1], "Binding after the bad ones")
    ok("truncated, oversized and runt messages dropped silently; the next Binding answered")

    cls, at = e.ask(BINDING, [(0x0031, b"\0\0\0\0")], auth=False)
    check(cls == 3 and code(at) == 420 and at[A["UNKNOWN"]][0][:2] == b"\x00\x31", "unknown attribute: %s" % code(at))
    ok("unknown comprehension-required attribute -> 420 + UNKNOWN-ATTRIBUTES")

    for ch in (0x4FFE, 0x6000):
        a.send(struct.pack("!HH", ch, 4) + b"bad!")
    m = a.recv(1.0)
    check(m is None, "nothing comes back for ChannelData on unbound/reserved channels")
    cls, at = a.ask(CHANNEL_BIND, [(A["CHANNEL_NUMBER"], b"\x50\x00\0\0"), (A["XOR_PEER"], xaddr(*peer))])
    check(cls == 3 and code(at) == 400, "ChannelBind 0x5000: %s" % code(at))
    ok("ChannelData with bad channel numbers dropped; ChannelBind 0x5000 -> 400")

    t = Client(srv, tcp=True)
    cls, at = t.allocate(o.user, o.password)
    check(cls == 2, "TCP Allocate")
    cls, at = t.ask(CHANNEL_BIND, [(A["CHANNEL_NUMBER"], b"\x40\x02\0\0"), (A["XOR_PEER"], xaddr(*peer))])
    check(cls == 2, "TCP ChannelBind")
    t.send(struct.pack("!HH", 0x4002, 5) + b"tcp-5" + b"\0\0\0")
    m = t.recv(2.0)
    check(m is not None and m[:2] == b"\x40\x02" and m[4:9] == b"tcp-5" and len(m) == 12, "padded ChannelData over TCP")
    ok("TCP: Allocate, ChannelBind, ChannelData padded to 12 bytes both ways")

    check(a_relays("end"), "A still relays after every negative case")
    ok("allocation A untouched: still relays")


if __name__ == "__main__":
    main()
