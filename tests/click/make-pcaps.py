#!/usr/bin/env python3
"""Builds the per-element test inputs (pcaps) and, from an independent Python
model of each element's documented Click semantics, the expected outputs.

usage: make-pcaps.py OUTDIR
  OUTDIR/in/*.pcap              inputs the cases read (FromDump)
  OUTDIR/expect/CASE/oN.pcap    expected packets per output file
  OUTDIR/expect/CASE/handlers   expected `-h` output (name:, value, blank)
Only the Python standard library is used.
"""
import os, struct, sys

# ---------------------------------------------------------------- packets
def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff

def mac(s): return bytes(int(x, 16) for x in s.split(':'))
def ip4(s): return bytes(int(x) for x in s.split('.'))

def ether(dst, src, etype, payload): return mac(dst) + mac(src) + struct.pack('!H', etype) + payload

def ipv4(src, dst, proto, payload, ttl=64, tos=0, ident=0, frag=0, options=b'', bad_sum=False, length=None):
    hl = (20 + len(options)) // 4
    tot = length if length is not None else 20 + len(options) + len(payload)
    h = struct.pack('!BBHHHBBH4s4s', 0x40 | hl, tos, tot, ident, frag, ttl, proto, 0, ip4(src), ip4(dst)) + options
    s = csum(h)
    if bad_sum: s ^= 0x5555
    return h[:10] + struct.pack('!H', s) + h[12:] + payload

def pseudo(src, dst, proto, seg): return ip4(src) + ip4(dst) + struct.pack('!BBH', 0, proto, len(seg))

def udp(src, dst, sport, dport, data, bad_sum=False):
    seg = struct.pack('!HHHH', sport, dport, 8 + len(data), 0) + data
    s = csum(pseudo(src, dst, 17, seg) + seg) or 0xffff
    if bad_sum: s ^= 0x0f0f
    return seg[:6] + struct.pack('!H', s) + seg[8:]

def tcp(src, dst, sport, dport, flags=0x02, data=b'', seq=1, ack=0, bad_sum=False):
    seg = struct.pack('!HHIIBBHHH', sport, dport, seq, ack, 5 << 4, flags, 8192, 0, 0) + data
    s = csum(pseudo(src, dst, 6, seg) + seg)
    if bad_sum: s ^= 0x0f0f
    return seg[:16] + struct.pack('!H', s) + seg[18:]

def icmp_echo(ident, seq, data=b'abcdefgh', typ=8):
    h = struct.pack('!BBHHH', typ, 0, 0, ident, seq) + data
    return h[:2] + struct.pack('!H', csum(h)) + h[4:]

def arp(op, sha, spa, tha, tpa):
    return struct.pack('!HHBBH', 1, 0x0800, 6, 4, op) + mac(sha) + ip4(spa) + mac(tha) + ip4(tpa)

ME = '00:11:22:33:44:55'
PEER = '00:aa:bb:cc:dd:ee'
BCAST = 'ff:ff:ff:ff:ff:ff'

def write_pcap(path, pkts, nano=False, linktype=1, snaplen=65535, times=None):
    with open(path, 'wb') as f:
        f.write(struct.pack('<IHHiIII', 0xa1b23c4d if nano else 0xa1b2c3d4, 2, 4, 0, 0, snaplen, linktype))
        for i, p in enumerate(pkts):
            sec, sub = times[i] if times else (1000 + i // 100, (i % 100) * (10000000 if nano else 10000))
            cap = p[:snaplen]
            f.write(struct.pack('<IIII', sec, sub, len(cap), len(p)) + cap)

def read_pcap(path):
    d = open(path, 'rb').read()
    magic, _, _, _, _, snap, lt = struct.unpack('<IHHiIII', d[:24])
    off, out = 24, []
    while off + 16 <= len(d):
        s, u, incl, orig = struct.unpack('<IIII', d[off:off + 16]); off += 16
        out.append((s, u, d[off:off + incl], orig)); off += incl
    return magic, snap, lt, out

# ---------------------------------------------------------------- inputs
def mixed():
    """A varied Ethernet trace: UDP/TCP/ICMP, bad checksum, short IP length,
    padding, TTL 1, options, ARP request/reply, IPv6, a fragment."""
    P = []
    P.append(ether(ME, PEER, 0x0800, ipv4('10.1.0.1', '10.2.0.2', 17, udp('10.1.0.1', '10.2.0.2', 1000, 53, b'query'))))
    P.append(ether(ME, PEER, 0x0800, ipv4('10.1.0.1', '192.168.1.9', 6, tcp('10.1.0.1', '192.168.1.9', 4000, 80, data=b'GET /'), ttl=1)))
    P.append(ether(ME, PEER, 0x0800, ipv4('10.1.0.3', '10.1.0.1', 1, icmp_echo(7, 1), ttl=9)))
    P.append(ether(ME, PEER, 0x0800, ipv4('10.1.0.4', '10.2.0.9', 17, udp('10.1.0.4', '10.2.0.9', 5, 6, b'x' * 10), bad_sum=True)))
    P.append(ether(ME, PEER, 0x0800, ipv4('10.1.0.5', '8.8.8.8', 17, udp('10.1.0.5', '8.8.8.8', 7, 8, b'yy')) + b'\0' * 12))  # padded
    P.append(ether(ME, PEER, 0x0800, ipv4('10.1.0.6', '8.8.4.4', 17, udp('10.1.0.6', '8.8.4.4', 9, 10, b'zz'))[:30]))  # truncated
    P.append(ether(BCAST, PEER, 0x0806, arp(1, PEER, '10.1.0.9', '00:00:00:00:00:00', '10.1.0.1')))
    P.append(ether(BCAST, PEER, 0x0806, arp(1, PEER, '10.1.0.9', '00:00:00:00:00:00', '10.1.0.77')))
    P.append(ether(ME, PEER, 0x0806, arp(2, PEER, '10.2.0.1', ME, '10.1.0.1')))
    P.append(ether(ME, PEER, 0x86dd, b'\x60' + b'\0' * 39))
    P.append(ether('00:99:99:99:99:99', PEER, 0x0800, ipv4('172.16.0.1', '10.2.3.4', 6, tcp('172.16.0.1', '10.2.3.4', 1, 2), tos=0xb9)))
    P.append(ether('01:00:5e:00:00:01', PEER, 0x0800, ipv4('10.1.0.7', '224.0.0.1', 17, udp('10.1.0.7', '224.0.0.1', 11, 12, b'm'))))
    P.append(ether(ME, PEER, 0x0800, ipv4('10.1.0.8', '10.2.0.8', 17, udp('10.1.0.8', '10.2.0.8', 13, 14, b'opt'), options=b'\x01\x01\x01\x00')))
    P.append(ether(ME, PEER, 0x0800, ipv4('10.1.0.9', '10.2.0.9', 17, b'\x00\x0d\x00\x0e\x00\x40\x00\x00fragment', frag=0x2000)))
    P.append(ether(ME, PEER, 0x0800, ipv4('10.1.0.10', '10.2.0.10', 6, tcp('10.1.0.10', '10.2.0.10', 15, 16, bad_sum=True))))
    P.append(ether(ME, PEER, 0x0800, ipv4('0.0.0.0', '10.2.0.11', 17, udp('0.0.0.0', '10.2.0.11', 68, 67, b'dhcp'))))
    return P

# ---------------------------------------------------------------- models
def is_ip(f): return len(f) >= 14 and f[12:14] == b'\x08\x00'

def check_ip(pkt, bad_src=(b'\0\0\0\0', b'\xff\xff\xff\xff')):
    """CheckIPHeader: returns the (possibly trimmed) packet or None."""
    if len(pkt) < 20 or pkt[0] >> 4 != 4: return None
    hl = (pkt[0] & 15) * 4
    if hl < 20: return None
    ln = struct.unpack('!H', pkt[2:4])[0]
    if ln > len(pkt) or ln < hl: return None
    if csum(pkt[:hl]) != 0: return None
    if pkt[12:16] in bad_src: return None
    return pkt[:ln]

def dec_ttl(pkt):
    hl = (pkt[0] & 15) * 4
    h = bytearray(pkt[:hl]); h[8] -= 1; h[10:12] = b'\0\0'
    h[10:12] = struct.pack('!H', csum(bytes(h)))
    return bytes(h) + pkt[hl:]

def handlers(pairs):
    """click -h output: a newline is added to values lacking one; names and a
    blank line only when several handlers are printed."""
    def val(v):
        v = str(v)
        return v if v.endswith('\n') or v == '' else v + '\n'
    if len(pairs) > 1:
        return ''.join('%s:\n%s\n' % (k, val(v)) for k, v in pairs)
    return ''.join(val(v) for _, v in pairs)

def expect(outdir, case, pcaps, hs, linktype=1, stdout_before=''):
    d = os.path.join(outdir, 'expect', case)
    os.makedirs(d, exist_ok=True)
    for name, pkts in pcaps.items():
        write_pcap(os.path.join(d, name), pkts, nano=True, linktype=linktype, snaplen=2000)
    open(os.path.join(d, 'handlers'), 'w').write(stdout_before + handlers(hs))

def main():
    out = sys.argv[1]
    os.makedirs(os.path.join(out, 'in'), exist_ok=True)
    M = mixed()
    write_pcap(os.path.join(out, 'in', 'mixed.pcap'), M)
    ips = [f for f in M if is_ip(f)]

    # counter-strip: Counter counts, Strip(14) removes the Ethernet header
    expect(out, 'counter-strip', {'o0.pcap': [f[14:] for f in M]},
           [('c.count', len(M)), ('c.byte_count', sum(len(f) for f in M))])
    # checkipheader: good packets trimmed to IP length, bad ones to output 1
    good = [check_ip(f[14:]) for f in ips]
    expect(out, 'checkipheader', {'o0.pcap': [g for g in good if g], 'o1.pcap': [f[14:] for f, g in zip(ips, good) if not g]},
           [('chk.count', sum(1 for g in good if g)), ('chk.drops', sum(1 for g in good if not g))], linktype=101)
    # decipttl: TTL<=1 to output 1, else TTL-1 with a correct checksum
    ok = [g for g in good if g]
    expect(out, 'decipttl', {'o0.pcap': [dec_ttl(g) for g in ok if g[8] > 1], 'o1.pcap': [g for g in ok if g[8] <= 1]},
           [('t.count', sum(1 for g in ok if g[8] > 1)), ('t.drops', sum(1 for g in ok if g[8] <= 1))], linktype=101)
    # setipdscp: DSCP 46 (TOS 0xb8 | ECN bits), checksum valid
    def dscp(g):
        h = bytearray(g[:(g[0] & 15) * 4]); h[1] = 0xb8 | (h[1] & 3); h[10:12] = b'\0\0'
        h[10:12] = struct.pack('!H', csum(bytes(h))); return bytes(h) + g[len(h):]
    expect(out, 'setipdscp', {'o0.pcap': [dscp(g) for g in ok]}, [('d.dscp', 46)], linktype=101)
    # etherencap after strip; etherrewrite
    expect(out, 'etherencap', {'o0.pcap': [mac('02:00:00:00:00:02') + mac('02:00:00:00:00:01') + b'\x08\x00' + f[14:] for f in M]},
           [('e.ethertype', '2048')])
    expect(out, 'etherrewrite', {'o0.pcap': [mac('02:00:00:00:00:04') + mac('02:00:00:00:00:03') + f[12:] for f in M]}, [])
    # paint + paintswitch: paint by arrival modulo via RoundRobinSwitch
    rr = [[], [], []]
    for i, f in enumerate(M): rr[i % 3].append(f)
    expect(out, 'roundrobin-paint', {'o0.pcap': rr[0], 'o1.pcap': rr[1], 'o2.pcap': rr[2]},
           [('c0.count', len(rr[0])), ('c1.count', len(rr[1])), ('c2.count', len(rr[2]))])
    # tee: both outputs get every packet
    expect(out, 'tee', {'o0.pcap': M, 'o1.pcap': M}, [('t0.count', len(M)), ('t1.count', len(M))])
    # queue: capacity 5 in front of an inactive-then-drained pull path
    n = len(M)
    expect(out, 'queue', {'o0.pcap': M[:5]}, [('q.drops', n - 5), ('q.highwater_length', 5), ('q.length', 0), ('q.capacity', 5)])
    # switch 2 outputs: switch 1
    expect(out, 'switch', {'o0.pcap': [], 'o1.pcap': M}, [('s.switch', 1)])
    # hostetherfilter: HOST, BROADCAST, MULTICAST pass; OTHERHOST to output 1
    other = [f for f in M if not (f[0:6] == mac(ME) or f[0] & 1)]
    expect(out, 'hostetherfilter', {'o0.pcap': [f for f in M if f not in other], 'o1.pcap': other}, [])
    # arpresponder: answers who-has 10.1.0.1 only
    reqs = [f for f in M if f[12:14] == b'\x08\x06' and f[20:22] == b'\x00\x01']
    replies = []
    for f in reqs:
        tpa = f[38:42]
        if tpa == ip4('10.1.0.1'):
            replies.append(f[22:28] + mac(ME) + b'\x08\x06' + struct.pack('!HHBBH', 1, 0x0800, 6, 4, 2) + mac(ME) + tpa + f[22:28] + f[28:32])
    expect(out, 'arpresponder', {'o0.pcap': replies, 'o1.pcap': [f for f in M if f not in reqs or f[38:42] != ip4('10.1.0.1')]}, [])
    # the same through AddressInfo names
    expect(out, 'addressinfo', {'o0.pcap': replies, 'o1.pcap': [f for f in M if f not in reqs or f[38:42] != ip4('10.1.0.1')]},
           [('a.table', '10.1.0.1/32 00-11-22-33-44-55\n')])
    # icmppingresponder: echo reply with swapped addresses, TTL 255
    def pong(g):
        hl = (g[0] & 15) * 4
        h = bytearray(g[:hl]); h[12:16], h[16:20] = g[16:20], g[12:16]; h[8] = 255; h[10:12] = b'\0\0'
        h[10:12] = struct.pack('!H', csum(bytes(h)))
        ic = bytearray(g[hl:]); ic[0] = 0; ic[2:4] = b'\0\0'; ic[2:4] = struct.pack('!H', csum(bytes(ic)))
        return bytes(h) + bytes(ic)
    pings = [g for g in ok if g[9] == 1 and g[(g[0] & 15) * 4] == 8]
    expect(out, 'icmppingresponder', {'o0.pcap': [pong(g) for g in pings], 'o1.pcap': [g for g in ok if g not in pings]}, [], linktype=101)
    # lookup: LinearIPLookup on dst annotation (CheckIPHeader sets it)
    def route(dst):
        if dst[:2] == ip4('10.2.0.0')[:2]: return 0
        if dst[0] == 10: return 1
        return 2
    outs = [[], [], []]
    for g in ok: outs[route(g[16:20])].append(g)
    for case in ('iplookup', 'iplookup-radix', 'iplookup-static'):
        expect(out, case, {'o%d.pcap' % i: outs[i] for i in range(3)}, [], linktype=101)
    # checkudpheader / checktcpheader on valid IP packets
    def l4ok(g, proto):
        hl = (g[0] & 15) * 4; ln = struct.unpack('!H', g[2:4])[0]; seg = g[hl:ln]
        if g[9] != proto: return False
        if proto == 17:
            if len(seg) < 8: return False
            ul = struct.unpack('!H', seg[4:6])[0]
            if ul < 8 or ul > len(seg): return False
            if seg[6:8] == b'\0\0': return True
            return csum(pseudo('.'.join(map(str, g[12:16])), '.'.join(map(str, g[16:20])), 17, seg[:ul]) + seg[:ul]) == 0
        if len(seg) < 20 or (seg[12] >> 4) * 4 < 20 or (seg[12] >> 4) * 4 > len(seg): return False
        return csum(pseudo('.'.join(map(str, g[12:16])), '.'.join(map(str, g[16:20])), 6, seg) + seg) == 0
    udps = [g for g in ok if g[9] == 17]
    expect(out, 'checkudpheader', {'o0.pcap': [g for g in udps if l4ok(g, 17)], 'o1.pcap': [g for g in udps if not l4ok(g, 17)]},
           [('u.count', sum(1 for g in udps if l4ok(g, 17))), ('u.drops', sum(1 for g in udps if not l4ok(g, 17)))], linktype=101)
    tcps = [g for g in ok if g[9] == 6]
    expect(out, 'checktcpheader', {'o0.pcap': [g for g in tcps if l4ok(g, 6)], 'o1.pcap': [g for g in tcps if not l4ok(g, 6)]},
           [('t.count', sum(1 for g in tcps if l4ok(g, 6))), ('t.drops', sum(1 for g in tcps if not l4ok(g, 6)))], linktype=101)
    # icmperror: time exceeded for TTL<=1 packets; header fields per ICMPError docs
    ie, ident = [], 1
    for g in ok:
        if g[8] > 1: continue
        src, dst = g[12:16], g[16:20]
        if dst[0] >= 224 or src[0] in (0, 127) or src[0] >= 224: continue
        body = g[:576 - 28]
        ic = struct.pack('!BBHI', 11, 0, 0, 0) + body
        ic = ic[:2] + struct.pack('!H', csum(ic)) + ic[4:]
        h = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(ic), ident, 0, 200, 1, 0, ip4('10.1.0.1'), src)
        ident += 1
        ie.append(h[:10] + struct.pack('!H', csum(h)) + h[12:] + ic)
    expect(out, 'icmperror', {'o0.pcap': ie}, [], linktype=101)
    # infinitesource: LIMIT 4, LENGTH 20 of DATA "ab" repeated
    expect(out, 'infinitesource', {'o0.pcap': [b'ab' * 10] * 4}, [('s.count', 4), ('c.count', 4)])
    # drivermanager: print writes handler values / text to stdout before -h output
    expect(out, 'drivermanager', {'o0.pcap': M}, [('c.count', 0)], stdout_before='%d\ndone\n' % len(M))
    # compound element with keyword formal, nested compound, pass-through output
    expect(out, 'compound', {'o0.pcap': [f[14:] for f in M], 'o1.pcap': M}, [('w/c.count', len(M)), ('w/in/s.length', 14)])
    # fromdump START_AFTER (inclusive) / END_AFTER (exclusive): packet i is at first + i*10ms
    expect(out, 'fromdump-window', {'o0.pcap': M[2:6]}, [('f.count', 4)])
    # arpquerier: multicast goes out directly (01:00:5e + low 23 bits); the first
    # packet to each unknown destination triggers one 42-byte broadcast query
    # (sender ME/10.1.0.1, target hw 0); the packets wait for a reply.
    seen, aq = set(), []
    for g in ok:
        dst = g[16:20]
        if dst[0] >= 224:
            aq.append(bytes([1, 0, 0x5e, dst[1] & 0x7f, dst[2], dst[3]]) + mac(ME) + b'\x08\x00' + g)
        elif dst not in seen:
            seen.add(dst)
            aq.append(mac(BCAST) + mac(ME) + b'\x08\x06' + struct.pack('!HHBBH', 1, 0x0800, 6, 4, 1) + mac(ME) + ip4('10.1.0.1') + b'\0' * 6 + dst)
    expect(out, 'arpquerier', {'o0.pcap': aq}, [('q.queries', len(seen)), ('q.length', sum(1 for g in ok if g[16] < 224)), ('q.count', len(seen) + 1)])
    # todump snaplen 20: records truncated to 20 bytes (orig length kept)
    expect(out, 'todump-snaplen', {'o0.pcap': [f[:20] for f in M]}, [])

if __name__ == '__main__':
    main()
