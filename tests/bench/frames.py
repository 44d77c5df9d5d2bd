#!/usr/bin/env python3
"""Builds the benchmark's test frame as a trafgen packet configuration.

    frames.py --size 64|340 --src-mac .. --dst-mac .. --src-ip .. --dst-ip .. [--sip]

SIZE is the Ethernet frame size including the 4-byte FCS (RFC 2544 convention),
so the bytes handed to the NIC are SIZE-4. --sip fills the UDP payload with a SIP
NOTIFY keep-alive (Event: keep-alive) padded to the size, as the paper's
configuration 6 used; otherwise the payload is zeros.
"""
import argparse, struct, sys

def csum(b):
    if len(b) % 2: b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff

def mac(s): return bytes(int(x, 16) for x in s.split(":"))
def ip(s): return bytes(int(x) for x in s.split("."))

def sip_notify(src_ip, dst_ip, sport, dport, size):
    lines = [
        "NOTIFY sip:server@%s:%d SIP/2.0" % (dst_ip, dport),
        "Via: SIP/2.0/UDP %s:%d;branch=z9hG4bK-bench-1" % (src_ip, sport),
        "From: <sip:ua@%s>;tag=bench1" % src_ip,
        "To: <sip:server@%s>" % dst_ip,
        "Call-ID: bench-keepalive@%s" % src_ip,
        "CSeq: 1 NOTIFY",
        "Event: keep-alive",
        "Max-Forwards: 70",
        "Content-Length: 0",
    ]
    msg = ("\r\n".join(lines) + "\r\n").encode()
    pad = size - len(msg) - 2
    if pad < 0: sys.exit("frames.py: SIP NOTIFY does not fit in %d bytes" % size)
    # pad inside a header so the message stays valid SIP
    msg = msg.replace(b"Max-Forwards: 70\r\n", b"X-Pad: " + b"x" * max(0, pad - 9) + b"\r\nMax-Forwards: 70\r\n", 1)
    msg += b"\r\n"
    if len(msg) < size: msg += b" " * (size - len(msg))
    return msg[:size]

def main():
    a = argparse.ArgumentParser()
    a.add_argument("--size", type=int, required=True)
    a.add_argument("--src-mac", required=True); a.add_argument("--dst-mac", required=True)
    a.add_argument("--src-ip", required=True); a.add_argument("--dst-ip", required=True)
    a.add_argument("--sport", type=int, default=5062); a.add_argument("--dport", type=int, default=5060)
    a.add_argument("--sip", action="store_true")
    a.add_argument("--raw", help="also write the frame bytes to this file")
    o = a.parse_args()
    frame_len = o.size - 4
    payload_len = frame_len - 14 - 20 - 8
    if payload_len < 0: sys.exit("frames.py: size %d too small" % o.size)
    payload = sip_notify(o.src_ip, o.dst_ip, o.sport, o.dport, payload_len) if o.sip else bytes(payload_len)
    udp_len = 8 + len(payload)
    pseudo = ip(o.src_ip) + ip(o.dst_ip) + struct.pack("!BBH", 0, 17, udp_len)
    udp = struct.pack("!HHHH", o.sport, o.dport, udp_len, 0) + payload
    ucs = csum(pseudo + udp) or 0xffff
    udp = udp[:6] + struct.pack("!H", ucs) + udp[8:]
    iph = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + udp_len, 0, 0x4000, 64, 17, 0, ip(o.src_ip), ip(o.dst_ip))
    iph = iph[:10] + struct.pack("!H", csum(iph)) + iph[12:]
    frame = mac(o.dst_mac) + mac(o.src_mac) + b"\x08\x00" + iph + udp
    assert len(frame) == frame_len
    if o.raw: open(o.raw, "wb").write(frame)
    print("{ " + ", ".join("0x%02x" % b for b in frame) + " }")

main()
