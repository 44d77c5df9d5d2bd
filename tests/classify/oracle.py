#!/usr/bin/env python3
"""Independent oracle for tests/classify: which IP packets of a pcap each
pattern matches, computed field by field in Python from the IPClassifier
documentation (not from the compiler), after CheckIPHeader.

usage: oracle.py IN.PCAP  -> prints "cK.count:\\nN" lines in -h order."""
import struct, sys

def packets(path):
    data = open(path, "rb").read()
    e = "<" if struct.unpack("<I", data[:4])[0] in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    off = 24
    while off + 16 <= len(data):
        incl = struct.unpack(e + "I", data[off + 8:off + 12])[0]
        off += 16
        yield data[off:off + incl]
        off += incl

def check_ip_header(ip):
    """CheckIPHeader: version, lengths, checksum, source; trims to ip_len."""
    if len(ip) < 20 or ip[0] >> 4 != 4:
        return None
    hl = (ip[0] & 15) * 4
    if hl < 20 or hl > len(ip):
        return None
    s = sum(struct.unpack(">%dH" % (hl // 2), ip[:hl]))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    if s != 0xFFFF:
        return None
    n = struct.unpack(">H", ip[2:4])[0]
    if n < hl or n > len(ip) or ip[12:16] in (b"\0\0\0\0", b"\xff\xff\xff\xff"):
        return None
    return ip[:n]

def fields(ip, frame=b""):
    hl = (ip[0] & 15) * 4
    t = ip[hl:]
    frag_off = struct.unpack(">H", ip[6:8])[0] & 0x1FFF
    first = frag_off == 0
    p = dict(proto=ip[9], ttl=ip[8], tos=ip[1], src=ip[12:16], dst=ip[16:20], hl=hl,
             frag=(struct.unpack(">H", ip[6:8])[0] & 0x3FFF) != 0, first=first)
    p["sport"] = struct.unpack(">H", t[0:2])[0] if len(t) >= 2 and first else None
    p["dport"] = struct.unpack(">H", t[2:4])[0] if len(t) >= 4 and first else None
    p["icmp_type"] = t[0] if len(t) >= 1 and first and ip[9] == 1 else None
    p["flags"] = t[13] if len(t) >= 14 and first and ip[9] == 6 else None
    p["udplen"] = struct.unpack(">H", t[4:6])[0] if len(t) >= 6 and first and ip[9] == 17 else None
    p["ether_src"], p["ether_dst"] = frame[6:12], frame[0:6]
    return p

def net(a, prefix, bits):
    m = (0xFFFFFFFF << (32 - bits)) & 0xFFFFFFFF
    return struct.unpack(">I", a)[0] & m == struct.unpack(">I", bytes(prefix))[0] & m

def tu(p):
    return p["proto"] in (6, 17)

# (pattern, predicate) in output order; the config in test-classify-elements.sh
# lists the same patterns.
PATTERNS = [
    ("ip frag", lambda p: p["frag"]),
    ("udp && dst port 5060 && ip ttl < 3", lambda p: p["proto"] == 17 and p["dport"] == 5060 and p["ttl"] < 3),
    ("tcp dst port www or 8080", lambda p: p["proto"] == 6 and p["dport"] in (80, 8080)),
    ("src net 192.168.0.0/16 or dst host 8.8.8.8", lambda p: net(p["src"], (192, 168, 0, 0), 16) or p["dst"] == bytes((8, 8, 8, 8))),
    ("icmp type echo", lambda p: p["icmp_type"] == 8),
    ("icmp type != echo", lambda p: p["icmp_type"] is not None and p["icmp_type"] != 8),
    ("ip dscp 46", lambda p: p["tos"] >> 2 == 46),
    ("ip ect", lambda p: p["tos"] & 3 != 0),
    ("ip hl > 5", lambda p: p["hl"] > 20),
    ("udp src port < 1024 and not dst port 53", lambda p: p["proto"] == 17 and p["sport"] is not None and p["sport"] < 1024 and not (tu(p) and p["dport"] == 53)),
    ("src port >= 33000", lambda p: tu(p) and p["sport"] is not None and p["sport"] >= 33000),
    ("ip proto 0", lambda p: p["proto"] == 0),
    ("syn and not ack", lambda p: p["flags"] is not None and p["flags"] & 0x12 == 0x02),
    ("tcp opt fin || rst", lambda p: p["flags"] is not None and p["flags"] & 0x05 != 0),
    ("icmp type timeexceeded or unreachable", lambda p: p["icmp_type"] in (11, 3)),
    ("ip ttl >= 64 ? tcp[13] & 0x10 != 0 : src or dst port 22", lambda p: (p["flags"] is not None and p["flags"] & 0x10 != 0) if p["ttl"] >= 64 else (tu(p) and 22 in (p["sport"], p["dport"]))),
    ("ip tos 0x10 and (udp or dst host 10.1.2.9)", lambda p: p["tos"] == 0x10 and (p["proto"] == 17 or p["dst"] == bytes((10, 1, 2, 9)))),
    ("dst net 10.1.0.0 mask 255.255.0.0 and udp[4:2] > 40", lambda p: net(p["dst"], (10, 1, 0, 0), 16) and p["udplen"] is not None and p["udplen"] > 40),
    ("not (ip ttl < 2) and src port != 1024", lambda p: p["ttl"] >= 2 and tu(p) and p["sport"] is not None and p["sport"] != 1024),
    ("ether src host 00:00:00:00:0b:01 and udp", lambda p: p["ether_src"] == bytes.fromhex("00000000" "0b01") and p["proto"] == 17),
    ("ether dst host 00:00:00:00:01:01 && ip ttl 2", lambda p: p["ether_dst"] == bytes.fromhex("00000000" "0101") and p["ttl"] == 2),
    ("-", lambda p: True),
]

def main():
    counts = [0] * len(PATTERNS)
    for frame in packets(sys.argv[1]):
        if frame[12:14] != b"\x08\x00":
            continue
        ip = check_ip_header(frame[14:])
        if ip is None:
            continue
        p = fields(ip, frame)
        for i, (_, pred) in enumerate(PATTERNS):
            if pred(p):
                counts[i] += 1
                break
    for i, n in enumerate(counts):
        print("c%d.count:\n%d\n" % (i, n))

if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "--patterns":
    print(",\n".join("  " + p for p, _ in PATTERNS))
elif __name__ == "__main__":
    main()
