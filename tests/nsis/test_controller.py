#!/usr/bin/env python3
"""Stand-in NetServ controller for the nsis netns tests (interface 3).

Listens on a UNIX stream socket; reads NCMs in the text form of DESIGN.md 3.3
(request line, headers, blank line), several per connection; answers one block
each: "NETSERV/0.1 <code> <reason>" + headers + blank line, always with
node-id. Keeps an installed-module table: SETUP installs (needs ttl), REMOVE
removes, PROBE lists "module: <id> state=ACTIVE ttl=<n> packets=0" lines.
Appends every request line to LOG so tests can see who acted. An NCM with
the header "x-test-forged: yes" is refused 401, as the real controller
refuses one whose signature does not verify (it checks no signatures).

usage: test_controller.py SOCKET NODE_ID LOG
"""
import os
import socket
import sys
import threading

sock_path, node_id, log_path = sys.argv[1], sys.argv[2], sys.argv[3]
modules = {}
lock = threading.Lock()


def answer(text):
    lines = text.replace("\r\n", "\n").split("\n")
    parts = lines[0].split(" ")
    if len(parts) not in (2, 3) or parts[-1] != "NETSERV/0.1" or (len(parts) == 2 and parts[0] != "PROBE"):
        return "NETSERV/0.1 400 bad request line\nnode-id: %s\n\n" % node_id
    method, target = parts[0], (parts[1] if len(parts) == 3 else "*")
    headers = {}
    for l in lines[1:]:
        if not l:
            break
        k, _, v = l.partition(":")
        headers.setdefault(k.strip(), v.strip())
    with lock:
        with open(log_path, "a") as f:
            f.write("%s %s\n" % (method, target))
        if headers.get("x-test-forged") == "yes":
            return "NETSERV/0.1 401 signature does not verify\nnode-id: %s\n\n" % node_id
        if method == "SETUP":
            ttl = headers.get("ttl", "")
            if not ttl.isdigit():
                return "NETSERV/0.1 400 ttl required\nnode-id: %s\n\n" % node_id
            modules[target] = ttl
            return "NETSERV/0.1 200 OK\nnode-id: %s\nmodule: %s state=ACTIVE ttl=%s\n\n" % (node_id, target, ttl)
        if method == "REMOVE":
            if modules.pop(target, None) is None:
                return "NETSERV/0.1 404 not installed\nnode-id: %s\n\n" % node_id
            return "NETSERV/0.1 200 OK\nnode-id: %s\n\n" % node_id
        if method == "PROBE":
            out = "NETSERV/0.1 200 OK\nnode-id: %s\n" % node_id
            for m, ttl in sorted(modules.items()):
                out += "module: %s state=ACTIVE ttl=%s packets=0\n" % (m, ttl)
            return out + "capabilities: test-controller\n\n"
        return "NETSERV/0.1 501 %s not for the controller\nnode-id: %s\n\n" % (method, node_id)


def serve(conn):
    buf = b""
    with conn:
        while True:
            data = conn.recv(4096)
            if not data:
                return
            buf += data
            while b"\n\n" in buf.replace(b"\r\n", b"\n"):
                norm = buf.replace(b"\r\n", b"\n")
                end = norm.index(b"\n\n") + 2
                text, buf = norm[:end].decode("utf-8", "replace"), norm[end:]
                conn.sendall(answer(text).encode())


if os.path.exists(sock_path):
    os.unlink(sock_path)
srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
srv.bind(sock_path)
srv.listen(8)
while True:
    c, _ = srv.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
