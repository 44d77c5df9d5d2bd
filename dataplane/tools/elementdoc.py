#!/usr/bin/env python3
"""Builds the element reference (one Markdown page) from the Click-style doc
blocks at the top of click-elements/**/*.hh.

A doc block is a run of `//` comment lines (or a /* */ comment) that starts
with `=c` and uses Click's tags:
  =c  synopsis          =s GROUP  one-line summary     =d  description
  =n  notes             =e  example                    =a  see also
  =item NAME            (inside =h handlers / =k keywords sections)
  =h NAME TYPE          handler                        =k  (keyword list follows)
Usage: elementdoc.py SOURCE_DIR... OUTPUT.md
"""
import os, re, sys

def blocks(text):
    lines = text.splitlines()
    out, cur = [], None
    in_c = False
    for ln in lines:
        s = ln.strip()
        if in_c:
            if '*/' in s:
                in_c = False
                s = s.split('*/')[0]
            body = re.sub(r'^\*\s?', '', s)
            cur.append(body)
            if not in_c:
                out.append(cur); cur = None
            continue
        if s.startswith('/*'):
            in_c = '*/' not in s
            cur = [re.sub(r'^/\*+\s?', '', s).split('*/')[0]]
            if not in_c:
                out.append(cur); cur = None
            continue
        if s.startswith('//'):
            body = s[2:]
            if body.startswith(' '): body = body[1:]
            if cur is None: cur = []
            cur.append(body)
        else:
            if cur is not None: out.append(cur); cur = None
    if cur: out.append(cur)
    return [b for b in out if any(l.strip().startswith('=c') for l in b)]

def parse(block):
    sec, doc = None, {}
    for l in block:
        m = re.match(r'^=(\w+)\s*(.*)$', l.strip())
        if m and m.group(1) in ('c', 's', 'd', 'n', 'e', 'a', 'h', 'k', 'io', 'item'):
            tag, rest = m.group(1), m.group(2)
            if tag == 'item':
                doc.setdefault(sec, []).append('\n**%s**' % rest)
                continue
            if tag == 'h':
                doc.setdefault('h', []).append('\n**%s**' % rest)
                sec = 'h'; continue
            sec = tag
            doc.setdefault(sec, [])
            if rest: doc[sec].append(rest)
        elif sec:
            doc[sec].append(l)
    return {k: '\n'.join(v).strip() for k, v in doc.items()}

def main():
    srcs, dst = sys.argv[1:-1], sys.argv[-1]
    entries = []
    for root, _, files in (w for src in srcs for w in os.walk(src)):
        for f in sorted(files):
            if not f.endswith('.hh'): continue
            path = os.path.join(root, f)
            for b in blocks(open(path, encoding='utf-8', errors='replace').read()):
                d = parse(b)
                syn = [l.strip() for l in d.get('c', '').splitlines() if l.strip()]
                if not syn: continue
                # every synopsis line names a class (Click lists aliases like KernelTap/KernelTun)
                names = []
                for l in syn:
                    m = re.match(r'^([A-Z][A-Za-z0-9_]*)(\(|$)', l)
                    if m and m.group(1) not in names: names.append(m.group(1))
                rel = os.path.relpath(path, os.path.dirname(os.path.abspath(srcs[0])))
                for name in names or [re.split(r'[\s(]', syn[0])[0]]:
                    entries.append((name, rel, d))
    entries.sort(key=lambda e: e[0].lower())
    os.makedirs(os.path.dirname(dst) or '.', exist_ok=True)
    with open(dst, 'w') as out:
        out.write('# netserv-click element reference\n\n')
        out.write('Generated from the doc blocks in the element headers by `dataplane/tools/elementdoc.py`.\n\n')
        for name, rel, d in entries:
            out.write('- [%s](#%s) — %s\n' % (name, name.lower(), d.get('s', '').split('\n')[-1].strip()))
        out.write('\n')
        for name, rel, d in entries:
            out.write('## %s\n\n' % name)
            s = d.get('s', '')
            if s:
                parts = s.split('\n', 1)
                out.write('*%s* — %s\n\n' % (parts[0].strip(), parts[1].strip() if len(parts) > 1 else ''))
            out.write('```\n%s\n```\n\n' % d.get('c', ''))
            for key, title in (('d', 'Description'), ('k', 'Keywords'), ('h', 'Handlers'), ('n', 'Notes'), ('e', 'Example'), ('a', 'See also')):
                if d.get(key):
                    out.write('**%s**\n\n%s\n\n' % (title, d[key]))
            out.write('<sub>source: `%s`</sub>\n\n' % rel)
    print('%d elements documented in %s' % (len(entries), dst))

if __name__ == '__main__':
    main()
