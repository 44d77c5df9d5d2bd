#!/usr/bin/env bash
# ControlSocket protocol 1.3 over TCP (-p, loopback) and UNIX (-u): greeting,
# READ/READDATA/WRITE/WRITEDATA/READUNTIL/WRITEUNTIL/CHECKREAD/CHECKWRITE/QUIT,
# reply codes and DATA framing, and each kind of bad request.
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
bin="${NETSERV_CLICK:-$repo/build/bin/netserv-click}"  # NETSERV_CLICK: e.g. a sanitizer build
[ -x "$bin" ] || { echo "test-controlsocket: $bin not built" >&2; exit 1; }
work=$(mktemp -d /tmp/netserv-cs.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
# SimpleQueue: no full notification, so the third packet is dropped (a Queue
# would put InfiniteSource to sleep after two, as in Click)
"$bin" -p "$port" -u "$work/ctl.sock" -e '
  src :: InfiniteSource(LIMIT 3) -> c :: Counter -> q :: SimpleQueue(2) -> d :: Discard(ACTIVE false);
  ro :: ControlSocket(UNIX, '"$work/ro.sock"', READONLY true);' > "$work/out" 2> "$work/err" &
pid=$!
python3 - "$port" "$work" <<'PY'
import os, socket, sys, time
port, work = int(sys.argv[1]), sys.argv[2]
def connect(kind, where):
    for _ in range(100):
        try:
            if kind == 'tcp': s = socket.create_connection(('127.0.0.1', where), timeout=5)
            else:
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); s.settimeout(5); s.connect(where)
            return s
        except OSError: time.sleep(0.05)
    raise SystemExit('cannot connect to %s' % where)
failures = []
class Conn:
    def __init__(self, s):
        self.s, self.f = s, s.makefile('rb')
        self.greeting = self.f.readline()
    def cmd(self, line, data=b''):
        self.s.sendall(line + data)
        lines = []
        while True:
            l = self.f.readline().decode()
            lines.append(l)
            if len(l) < 4 or l[3] != '-': break
        code = int(lines[-1][:3]) if lines[-1][:3].isdigit() else -1
        body = None
        if code == 200 and line.split()[0].upper() in (b'READ', b'READDATA', b'READUNTIL', b'GET'):
            n = self.f.readline().decode()
            assert n.startswith('DATA '), n
            body = self.f.read(int(n.split()[1]))
        return code, lines, body
def check(what, got, want):
    if got != want: failures.append('%s: got %r, want %r' % (what, got, want))
for kind, where in (('tcp', port), ('unix', os.path.join(work, 'ctl.sock'))):
    c = Conn(connect(kind, where))
    check(kind + ' greeting', c.greeting, b'Click::ControlSocket/1.3\r\n')
    check('READ count', c.cmd(b'READ c.count\r\n')[::2], (200, b'3'))
    check('READ param-less line ending \\n', c.cmd(b'read q.length\n')[::2], (200, b'2'))
    check('READ drops', c.cmd(b'READ q.drops\r\n')[::2], (200, b'1'))
    check('READ global', c.cmd(b'READ version\r\n')[::2], (200, b'2.1'))
    check('READ by element number', c.cmd(b'READ 2.class\r\n')[::2], (200, b'Counter'))
    check('CHECKREAD ok', c.cmd(b'CHECKREAD c.count\r\n')[0], 200)
    check('CHECKWRITE ok', c.cmd(b'CHECKWRITE q.capacity\r\n')[0], 200)
    check('CHECKWRITE read-only handler', c.cmd(b'CHECKWRITE c.count\r\n')[0], 511)
    check('WRITE', c.cmd(b'WRITE q.capacity 7\r\n')[0], 200)
    check('READ after WRITE', c.cmd(b'READ q.capacity\r\n')[::2], (200, b'7'))
    check('WRITEDATA', c.cmd(b'WRITEDATA q.capacity 2\r\n', b'12')[0], 200)
    check('READ after WRITEDATA', c.cmd(b'READ q.capacity\r\n')[::2], (200, b'12'))
    check('WRITEUNTIL', c.cmd(b'WRITEUNTIL q.capacity END\r\n', b'9\r\nEND\r\n')[0], 200)
    check('READ after WRITEUNTIL', c.cmd(b'READ q.capacity\r\n')[::2], (200, b'9'))
    # bad requests
    check('no element', c.cmd(b'READ nosuch.count\r\n')[0], 510)
    check('no handler', c.cmd(b'READ c.nosuch\r\n')[0], 511)
    check('write to read-only handler', c.cmd(b'WRITE c.count 1\r\n')[0], 530)
    check('read write-only handler', c.cmd(b'READ c.reset\r\n')[0], 530)
    check('handler error', c.cmd(b'WRITE q.capacity banana\r\n')[0], 520)
    check('missing arguments', c.cmd(b'READ\r\n')[0], 500)
    check('bad WRITEDATA length', c.cmd(b'WRITEDATA q.capacity x\r\n')[0], 500)
    check('unknown command', c.cmd(b'FROB c.count\r\n')[0], 501)
    check('still alive after errors', c.cmd(b'READ c.count\r\n')[::2], (200, b'3'))
    check('QUIT', c.cmd(b'QUIT\r\n')[0], 200)
    check('closed after QUIT', c.f.read(), b'')
ro = Conn(connect('unix', os.path.join(work, 'ro.sock')))
check('READONLY refuses writes', ro.cmd(b'WRITE q.capacity 5\r\n')[0], 530)
check('READONLY allows reads', ro.cmd(b'READ q.capacity\r\n')[::2], (200, b'9'))
# several commands in one segment, and a WRITEDATA whose data arrives later
c = Conn(connect('tcp', port))
c.s.sendall(b'READ c.count\r\nREAD q.length\r\n')
l1 = c.f.readline(); d1 = c.f.readline(); b1 = c.f.read(1)
l2 = c.f.readline(); d2 = c.f.readline(); b2 = c.f.read(1)
check('pipelined', (l1[:3], b1, l2[:3], b2), (b'200', b'3', b'200', b'2'))
c.s.sendall(b'WRITEDATA q.capacity 3\r\n1'); time.sleep(0.2); c.s.sendall(b'00')
check('split WRITEDATA', c.f.readline()[:3], b'200')
check('stop', c.cmd(b'WRITE stop\r\n')[0], 200)
for f in failures: print('FAIL', f)
print('controlsocket: %d failures' % len(failures))
sys.exit(1 if failures else 0)
PY
rc=$?
for _ in $(seq 50); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
if kill -0 $pid 2>/dev/null; then echo "FAIL: netserv-click did not stop after 'WRITE stop'"; exit 1; fi
wait $pid; prc=$?; pid=""
[ $prc -eq 0 ] || { echo "FAIL: netserv-click exit $prc"; cat "$work/err"; exit 1; }
[ -e "$work/ctl.sock" ] && { echo "FAIL: UNIX socket not removed at exit"; exit 1; }
exit $rc
