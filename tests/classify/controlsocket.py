#!/usr/bin/env python3
"""Minimal Click ControlSocket 1.3 client for the classify tests.

usage: controlsocket.py SOCKET_PATH < script
Script lines: "READ h", "WRITE h value", "WRITEDATA h value" (value may
contain \\n for newlines; sent as a WRITEDATA block), "EXPECT-OK", "EXPECT-FAIL text",
"EXPECT-DATA text" (the last READ's data contains text). Exits 1 on the
first unmet expectation."""
import socket, sys, time

def connect(path, tries=50):
    for _ in range(tries):
        try:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(path)
            return s
        except OSError:
            time.sleep(0.1)
    sys.exit("cannot connect to " + path)

def reply(f):
    lines = []
    while True:
        line = f.readline().decode()
        if not line:
            sys.exit("connection closed")
        lines.append(line.rstrip("\r\n"))
        if len(line) >= 4 and line[3] == " ":
            return int(line[:3]), lines

def main():
    f = connect(sys.argv[1]).makefile("rwb")
    f.readline()  # greeting
    code, lines, data = 0, [], ""
    for raw in sys.stdin:
        cmd = raw.rstrip("\n")
        if not cmd or cmd.startswith("#"):
            continue
        if cmd.startswith("EXPECT-OK"):
            if code // 100 != 2:   # 200 OK, 220 OK with warnings
                sys.exit("expected success, got %s" % lines)
        elif cmd.startswith("EXPECT-FAIL "):
            want = cmd[len("EXPECT-FAIL "):]
            if code // 100 == 2 or want not in "\n".join(lines):
                sys.exit("expected failure mentioning %r, got %s" % (want, lines))
        elif cmd.startswith("EXPECT-DATA "):
            want = cmd[len("EXPECT-DATA "):]
            if want not in data:
                sys.exit("expected data containing %r, got %r" % (want, data))
        elif cmd.startswith("WRITEDATA "):
            _, handler, value = cmd.split(" ", 2)
            body = value.replace("\\n", "\n").encode()
            f.write(("WRITEDATA %s %d\r\n" % (handler, len(body))).encode() + body); f.flush()
            code, lines = reply(f)
            data = ""
            print(cmd, "->", lines[-1])
        else:
            f.write((cmd + "\r\n").encode()); f.flush()
            code, lines = reply(f)
            data = ""
            if cmd.startswith("READ") and code == 200:
                size_line = f.readline().decode().strip()
                data = f.read(int(size_line.split()[1])).decode()
            print(cmd, "->", lines[-1])
    print("controlsocket: all expectations met")

main()
