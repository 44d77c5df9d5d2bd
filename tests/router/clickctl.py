#!/usr/bin/env python3
"""Minimal Click ControlSocket 1.3 client for the router tests.

  clickctl.py SOCKET read ELEM.HANDLER          prints the value
  clickctl.py SOCKET write ELEM.HANDLER VALUE   (sent with WRITEDATA)
Exits 1 with the server's reply line when the handler call fails."""
import socket
import sys


def call(path, op, handler, value=None):
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(10)
    s.connect(path)
    f = s.makefile("rwb")
    greeting = f.readline()
    if not greeting.startswith(b"Click::ControlSocket/1."):
        raise SystemExit("bad greeting %r" % greeting)
    if op == "read":
        f.write(b"READ %s\r\n" % handler.encode())
    else:
        data = value.encode()
        f.write(b"WRITEDATA %s %d\r\n" % (handler.encode(), len(data)) + data)
    f.flush()
    lines = []
    while True:
        line = f.readline()
        if not line:
            raise SystemExit("connection closed")
        lines.append(line.decode().rstrip("\r\n"))
        if len(line) > 3 and line[3:4] == b" ":
            break
    code = int(lines[-1][:3])
    if code >= 300:
        sys.stderr.write("\n".join(lines) + "\n")
        sys.exit(1)
    if op == "read":
        head = f.readline().decode()
        n = int(head.split()[1])
        sys.stdout.write(f.read(n).decode())
    try:
        f.write(b"QUIT\r\n")
        f.flush()
    except OSError:
        pass   # after a hotconfig the old router's ControlSocket has already closed
    s.close()


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[2] not in ("read", "write") or (sys.argv[2] == "write" and len(sys.argv) != 5):
        sys.exit(__doc__)
    call(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None)
