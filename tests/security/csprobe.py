#!/usr/bin/env python3
"""What an attacker gets from a Click ControlSocket, one word per outcome.

  csprobe.py tcp HOST PORT [COMMAND ...]
  csprobe.py unix PATH [COMMAND ...]

Connects, reads the greeting, sends each COMMAND line (e.g. "CHECKWRITE hotconfig",
"WRITEDATA ns.config 5" followed by the data after a '|': "WRITEDATA ns.config|true,-")
and prints one word:
  refused     the connection was refused or timed out (nothing listens there for us)
  eacces      connect(2) said EACCES/EPERM (the socket's mode keeps us out)
  denied      the server answered 530 (greeting replaced or every command refused)
  allowed     every command was answered 2xx
  mixed:<codes>  anything else (the codes, comma-separated)
"""
import errno
import socket
import sys


def connect(argv):
    if argv[0] == "tcp":
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        target, rest = (argv[1], int(argv[2])), argv[3:]
    else:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        target, rest = argv[1], argv[2:]
    s.settimeout(3)
    s.connect(target)
    return s, rest


def reply(f):
    """One reply: lines "CODE-text" continue, "CODE text" ends. Returns the code."""
    while True:
        line = f.readline()
        if not line:
            return None
        if len(line) > 3 and line[3:4] == b" ":
            return int(line[:3])


def main():
    try:
        s, commands = connect(sys.argv[1:])
    except (ConnectionRefusedError, socket.timeout, FileNotFoundError):
        print("refused")
        return
    except OSError as e:
        if e.errno in (errno.EACCES, errno.EPERM):
            print("eacces")
            return
        if e.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH, errno.ECONNREFUSED):
            print("refused")
            return
        raise
    f = s.makefile("rwb")
    greeting = f.readline()
    if greeting.startswith(b"530"):
        print("denied")
        return
    if not greeting.startswith(b"Click::ControlSocket/"):
        print("mixed:greeting=%r" % greeting)
        return
    codes = []
    for cmd in commands:
        line, _, data = cmd.partition("|")
        if data:
            line = "%s %d" % (line, len(data.encode()))
        f.write(line.encode() + b"\r\n" + data.encode())
        f.flush()
        code = reply(f)
        codes.append(code)
        if code == 200 and line.upper().startswith("READ"):
            head = f.readline()
            f.read(int(head.split()[1]))
    if codes and all(c == 530 for c in codes):
        print("denied")
    elif all(c is not None and 200 <= c < 300 for c in codes):
        print("allowed")
    else:
        print("mixed:" + ",".join(str(c) for c in codes))


if __name__ == "__main__":
    main()
