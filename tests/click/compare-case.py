#!/usr/bin/env python3
"""compare-case.py EXPECTDIR GOTDIR: packets (bytes, order, link type) of
every expected oN.pcap and the exact -h output. Exit 1 with reasons on mismatch."""
import os, struct, sys, glob

def read(path):
    d = open(path, 'rb').read()
    if len(d) < 24: return None, []
    magic = struct.unpack('<I', d[:4])[0]
    e = '<' if magic in (0xa1b2c3d4, 0xa1b23c4d) else '>'
    lt = struct.unpack(e + 'I', d[20:24])[0]
    off, out = 24, []
    while off + 16 <= len(d):
        _, _, incl, orig = struct.unpack(e + 'IIII', d[off:off + 16]); off += 16
        out.append(d[off:off + incl]); off += incl
    return lt, out

exp, got = sys.argv[1], sys.argv[2]
problems = []
for ef in sorted(glob.glob(os.path.join(exp, 'o*.pcap'))):
    name = os.path.basename(ef)
    gf = os.path.join(got, name)
    if not os.path.exists(gf): problems.append(name + ' missing'); continue
    elt, ep = read(ef); glt, gp = read(gf)
    if elt != glt: problems.append('%s: link type %s, expected %s' % (name, glt, elt))
    if len(ep) != len(gp): problems.append('%s: %d packets, expected %d' % (name, len(gp), len(ep))); continue
    for i, (a, b) in enumerate(zip(ep, gp)):
        if a != b:
            problems.append('%s: packet #%d differs:\n  got      %s\n  expected %s' % (name, i, b.hex(), a.hex()))
            break
eh = open(os.path.join(exp, 'handlers')).read()
gh = open(os.path.join(got, 'handlers.out')).read() if os.path.exists(os.path.join(got, 'handlers.out')) else ''
if eh != gh: problems.append('handler output %r, expected %r' % (gh, eh))
for p in problems: print('   ', p)
sys.exit(1 if problems else 0)
