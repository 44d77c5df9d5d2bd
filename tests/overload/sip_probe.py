#!/usr/bin/env python3
"""sip_probe.py — scripted SIP peers for the Overload Control edge cases, on real sockets
through a real NetServ node (tests/overload/test-overload.sh).

  sip_probe.py re ADDR:PORT    a Receiving Entity that answers every request with 200 and
                               puts into the top Via's "oc" the feedback the request asks
                               for in its X-Feedback header (the UA drives the sequence)
  sip_probe.py ua LOCAL:PORT SERVER:PORT EDGE
                               the UA: the checks below, one line each; exit 1 if any fails
"""
import re
import socket
import sys
import time

def addr(s):
    h, p = s.rsplit(":", 1)
    return h, int(p)

def headers(msg):
    head = msg.split("\r\n\r\n", 1)[0].split("\r\n")
    return head[0], head[1:]

def run_re(listen):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(addr(listen))
    while True:
        data, src = s.recvfrom(65535)
        msg = data.decode("ascii", "replace")
        if "\r\n\r\n" not in msg:
            print("re: truncated request ignored", flush=True)
            continue
        start, hs = headers(msg)
        method = start.split(" ", 1)[0]
        if method == "ACK" or start.startswith("SIP/2.0"):
            continue
        fb = next((h.split(":", 1)[1].strip() for h in hs if h.lower().startswith("x-feedback:")), None)
        out, first = ["SIP/2.0 200 OK"], True
        for h in hs:
            name = h.split(":", 1)[0].strip().lower()
            if name == "via":
                if first and fb:
                    h = re.sub(r';oc(;oc-algo="[^"]*")?(?=;|,|$)', ";" + fb, h, count=1)
                first = False
                out.append(h)
            elif name in ("from", "call-id", "cseq"):
                out.append(h)
            elif name == "to":
                out.append(h if ";tag=" in h else h + ";tag=re1")
        out += ["Content-Length: 0", "", ""]
        s.sendto("\r\n".join(out).encode(), src)
        print("re: %s -> 200 %s" % (method, fb or ""), flush=True)

class Ua:
    def __init__(self, local, server, edge):
        self.s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.s.bind(addr(local))
        self.s.settimeout(3)
        self.local, self.server, self.edge = addr(local), addr(server), edge
        self.n, self.failed = 0, 0

    def request(self, method, in_dialog=False, feedback=None, via_params="", raw=None):
        self.n += 1
        h, p = self.server
        lh, lp = self.local
        cid = "probe-%d@%s" % (self.n, lh)
        lines = ["%s sip:service@%s:%d SIP/2.0" % (method, h, p),
                 "Via: SIP/2.0/UDP %s:%d;branch=z9hG4bK-probe%d;rport%s" % (lh, lp, self.n, via_params),
                 "Max-Forwards: 70",
                 "From: <sip:probe@%s>;tag=ua%d" % (lh, self.n),
                 "To: <sip:service@%s>%s" % (h, ";tag=dialog1" if in_dialog else ""),
                 "Call-ID: " + cid,
                 "CSeq: 1 " + method]
        if feedback:
            lines.append("X-Feedback: " + feedback)
        msg = "\r\n".join(lines + ["Content-Length: 0", "", ""])
        self.s.sendto((raw(msg) if raw else msg).encode(), self.server)
        return cid

    def response(self, cid):
        end = time.time() + 3
        while time.time() < end:
            try:
                data, src = self.s.recvfrom(65535)
            except socket.timeout:
                return None, None, None
            msg = data.decode("ascii", "replace")
            if ("Call-ID: " + cid) in msg:
                return src[0], int(msg.split(" ", 2)[1]), msg
        return None, None, None

    def check(self, what, method, expect, expect_src, **kw):
        cid = self.request(method, **kw)
        src, code, msg = self.response(cid)
        # an edge 503 comes from the server's address (a container sends only from its slot's
        # prefixes) and names the node in its marker header
        ok = code == expect and (src == expect_src if expect != 503 else src == self.server[0])
        if ok and expect == 503:
            ok = "Server: NetServ-OverloadControl" in msg and "Retry-After:" in msg and ";tag=nsoc" in msg \
                and ("X-NetServ-Overload: rejected at edge " + self.edge) in msg
            # ACK the 503 (RFC 3261 §17.1.1.3): the edge absorbs it
            to = next(l for l in msg.split("\r\n") if l.startswith("To:"))
            via = next(l for l in msg.split("\r\n") if l.startswith("Via:"))
            ack = "\r\n".join(["ACK sip:service@%s:%d SIP/2.0" % self.server, via, "Max-Forwards: 70",
                               "From: <sip:probe@%s>;tag=ua%d" % (self.local[0], self.n), to, "Call-ID: " + cid,
                               "CSeq: 1 ACK", "Content-Length: 0", "", ""])
            self.s.sendto(ack.encode(), self.server)
        print("%s %s: %s -> %s from %s (expected %s from %s)" % ("ok  " if ok else "FAIL", what, method, code, src,
                                                                 expect, expect_src), flush=True)
        if not ok:
            self.failed += 1
            if msg:
                print("      " + msg.replace("\r\n", "\n      "), flush=True)

    def send_only(self, what, payload):
        self.s.sendto(payload.encode(), self.server)
        print("sent %s" % what, flush=True)

def run_ua(local, server, edge):
    ua = Ua(local, server, edge)
    srv = ua.server[0]
    FB = 'oc=%d;oc-algo="loss";oc-validity=%d;oc-seq=%s'
    ua.check("no feedback yet: a new INVITE reaches the server", "INVITE", 200, srv)
    ua.check("feedback oc=100 arrives on an in-dialog request's 200", "OPTIONS", 200, srv, in_dialog=True,
             feedback=FB % (100, 20000, "10.0"))
    ua.check("oc=100: a new INVITE is rejected at the edge", "INVITE", 503, edge)
    ua.check("in-dialog requests are exempt", "BYE", 200, srv, in_dialog=True)
    ua.check("CANCEL is exempt", "CANCEL", 200, srv)
    ua.check("emergency (urn:service:sos) is exempt", "INVITE", 200, srv,
             raw=lambda m: m.replace("INVITE sip:service@", "INVITE sip:sos@", 1))
    ua.check("a new non-INVITE request is throttled too", "OPTIONS", 503, edge)
    ua.check("stale oc-seq (9.0 < 10.0) carrying oc=0", "OPTIONS", 200, srv, in_dialog=True,
             feedback=FB % (0, 20000, "9.0"))
    ua.check("stale feedback ignored: still rejected", "INVITE", 503, edge)
    ua.check("malformed feedback (oc=abc, oc-validity=soon)", "OPTIONS", 200, srv, in_dialog=True,
             feedback='oc=abc;oc-validity=soon;oc-seq=11.0')
    ua.check("malformed feedback changed nothing", "INVITE", 503, edge)
    ua.send_only("a truncated INVITE (no end of headers)", "INVITE sip:service@%s SIP/2.0\r\nVia: SIP/2.0/UDP x;branch=z9hG4bKt\r\nCall-ID: t" % srv)
    ua.send_only("garbage", "\x00\x01 not SIP at all \r\n\r\n")
    ua.check("malformed Via parameters (empty params, bad quoting): still throttled", "INVITE", 503, edge,
             via_params=';;=x;oc-algo="lo')
    ua.check("a Via already marked 'oc' (an SE nearer the UA) passes untouched", "INVITE", 200, srv,
             via_params=';oc=;oc-algo="loss"')
    ua.check("newer oc-seq 12.0: oc=100 valid for 800 ms", "OPTIONS", 200, srv, in_dialog=True,
             feedback=FB % (100, 800, "12.0"))
    ua.check("still within oc-validity", "INVITE", 503, edge)
    time.sleep(1.2)
    ua.check("oc-validity expired: throttling stopped", "INVITE", 200, srv)
    ua.check("oc=100 again (seq 13.0)", "OPTIONS", 200, srv, in_dialog=True, feedback=FB % (100, 20000, "13.0"))
    ua.check("oc=100: rejected", "INVITE", 503, edge)
    ua.check("oc-validity=0 (seq 14.0): overload control off", "OPTIONS", 200, srv, in_dialog=True,
             feedback=FB % (100, 0, "14.0"))
    ua.check("after oc-validity=0 a new INVITE reaches the server", "INVITE", 200, srv)
    print("probe: %d checks failed" % ua.failed, flush=True)
    return 1 if ua.failed else 0

if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "re":
        run_re(sys.argv[2])
    elif len(sys.argv) == 5 and sys.argv[1] == "ua":
        sys.exit(run_ua(sys.argv[2], sys.argv[3], sys.argv[4]))
    else:
        sys.exit(__doc__)
