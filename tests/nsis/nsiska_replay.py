#!/usr/bin/env python3
"""Plays NSIS-ka's side of the captured handshakes against our GIST node.

Runs in namespace "a" (10.88.1.1, the querier of the captures); our
netserv-nsisd runs at 10.88.2.1 (the captures' responder). Sends the captured
NSIS-ka messages byte for byte, splicing in only what must come from our node
(its responder cookie), and checks our answers field by field.

usage: nsiska_replay.py VECTOR_DIR
"""
import socket
import struct
import sys

vec = sys.argv[1]
A, B = "10.88.1.1", "10.88.2.1"
MAGIC = b"\x4e\x04\xbd\xa5"


def pcap_msgs(path):
    """UDP-270 payloads and C-mode messages (per TCP direction) in capture order."""
    data = open(path, "rb").read()
    off, out, streams = 24, [], {}
    while off + 16 <= len(data):
        incl = struct.unpack_from("<I", data, off + 8)[0]
        p = data[off + 16: off + 16 + incl]
        off += 16 + incl
        if len(p) < 34 or p[12:14] != b"\x08\x00":
            continue
        ihl = (p[14] & 15) * 4
        tot = struct.unpack_from(">H", p, 16)[0]
        proto = p[23]
        l4 = 14 + ihl
        if proto == 17:
            out.append(("udp", p[l4 + 8: 14 + tot]))
        elif proto == 6:
            key = p[26:30] + p[l4:l4 + 2] + p[30:34] + p[l4 + 2:l4 + 4]
            doff = (p[l4 + 12] >> 4) * 4
            buf = streams.get(key, b"") + p[l4 + doff: 14 + tot]
            while len(buf) >= 8:
                n = 8 + 4 * struct.unpack_from(">H", buf, 2)[0]
                if len(buf) < n:
                    break
                out.append(("tcp", buf[:n]))
                buf = buf[n:]
            streams[key] = buf
    return out


def objects(msg):
    """{type: (offset of value, value)} of a GIST message (no magic)."""
    objs, o = {}, 8
    while o + 4 <= len(msg):
        t = struct.unpack_from(">H", msg, o)[0] & 0xFFF
        n = (struct.unpack_from(">H", msg, o + 2)[0] & 0xFFF) * 4
        objs[t] = (o + 4, msg[o + 4: o + 4 + n])
        o += 4 + n
    return objs


def check(cond, what):
    if not cond:
        print("FAIL: " + what)
        sys.exit(1)
    print("ok - " + what)


def with_cookie(msg, cookie):
    """The captured Confirm with its Responder-Cookie value replaced by ours (same length)."""
    at, old = objects(msg)[6]
    check(len(old) == len(cookie), "our responder cookie has NSIS-ka's length (%d bytes)" % len(old))
    return msg[:at] + cookie + msg[at + len(cookie):]


u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
u.bind((A, 270))
u.settimeout(5)


def query_response(query):
    u.sendto(query, (B, 270))
    r, src = u.recvfrom(65536)
    check(src == (B, 270), "answer from %s:270 to port 270" % B)
    check(r[:4] == MAGIC, "D-mode answer starts with the magic number")
    return r[4:]


# ---- 01: D-mode handshake, then Data
m01 = [x for k, x in pcap_msgs(vec + "/01-dmode-handshake.pcap")]
q = m01[0][4:]
r = query_response(m01[0])
check(r[0] == 1 and r[1] == 1 and (r[6] & 0x7F) == 1 and r[7] == 0xC0, "Response: version 1, hops 1, type 1, S=1 R=1")
check(struct.unpack_from(">H", r, 4)[0] == 32767, "Response NSLPID 32767")
qo, ro = objects(q), objects(r)
check(ro[1][1] == qo[1][1], "Response echoes NSIS-ka's SID")
check(ro[5][1] == qo[5][1], "Response echoes the Query-Cookie")
check(ro[0][1] == qo[0][1][:2] + bytes([qo[0][1][2], qo[0][1][3] | 0x20]) + qo[0][1][4:], "Response MRI = Query MRI with D=1")
check(ro[2][1][1] == 0 and ro[2][1][0] == 16 and ro[2][1][-4:] == socket.inet_aton(B), "Response NLI: PI 16 bytes, IP-TTL 0, our address")
check(6 in ro, "Response carries a Responder-Cookie")
conf = with_cookie(m01[2][4:], ro[6][1])
u.sendto(MAGIC + conf, (B, 270))
u.sendto(m01[3], (B, 270))       # captured D-mode Data, "Hello World!"

# ---- 02: C-mode: Query with SP/SCD, then Confirm, Data and MA-Hello over TCP
m02 = pcap_msgs(vec + "/02-cmode-handshake.pcap")
udp02 = [x for k, x in m02 if k == "udp"]
tcp02 = [x for k, x in m02 if k == "tcp"]
r = query_response(udp02[0])
ro = objects(r)
check(3 in ro and 4 in ro, "Response to a Query with a Stack-Proposal carries Stack-Proposal and SCD")
sp, scd = ro[3][1], ro[4][1]
check(sp[0] >= 1 and sp[4] == 1 and sp[5] == 1, "our Stack-Proposal offers forwards-TCP as profile 1")
check(scd[0] == 1 and scd[8] == 1 and scd[9] == 1 and scd[10] == 2, "SCD option: forwards-TCP, profile 1, 2 bytes (length in bytes)")
port = struct.unpack_from(">H", scd, 12)[0]
t = socket.create_connection((B, port), timeout=5, source_address=(A, 0))
t.sendall(with_cookie(tcp02[0], ro[6][1]))    # C-mode Confirm with SP and SCD, no magic
t.sendall(tcp02[1])                           # C-mode Data
hello = bytearray(tcp02[2])                   # MA-Hello; ask for a reply
hello[7] |= 0x40
t.sendall(bytes(hello))
t.settimeout(5)
rep = t.recv(16)
check(len(rep) == 16 and (rep[6] & 0x7F) == 5 and rep[4:6] == b"\0\0" and rep[12:16] == hello[12:16],
      "MA-Hello with R=1 answered over the MA with the same Hello-ID")
t.close()

# ---- 03: NSLP data carried in the Query itself
m03 = [x for k, x in pcap_msgs(vec + "/03-data-in-query.pcap")]
r = query_response(m03[0])
check((r[6] & 0x7F) == 1 and objects(r)[1][1] == objects(m03[0][4:])[1][1], "Query carrying NSLP-Data answered")

# ---- 05: a Query for an NSLPID the node does not serve, addressed to it: Endpoint Found
m05 = [x for k, x in pcap_msgs(vec + "/05-unknown-nslpid.pcap")]
r = query_response(m05[0])
exp = m05[1][4:]
# everything but the 16-byte peer identity (random per node) must equal NSIS-ka's Error
ours = r[:20] + r[36:]
theirs = exp[:20] + exp[36:]
check(ours == theirs, "Error for NSLPID 32766 equals NSIS-ka's byte for byte (peer identity aside)")
print("all NSIS-ka replay checks passed")
