"""nsctest — helpers for the service-container integration tests (tests/container/).

Starts real containers with build/bin/netserv-container, talks the control
protocol (container/CONTROL-PROTOCOL.md), and plays the engine's end of the
packet channels with jvm-bridge/tests/fakeclick.py's Channel (the real
netserv-click is used by test-click-e2e.sh).
"""
import glob
import hashlib
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.path.join(TOP, "build")
LAUNCHER = os.path.join(BUILD, "bin", "netserv-container")
sys.path.insert(0, os.path.join(TOP, "jvm-bridge", "tests"))
import fakeclick  # noqa: E402

SKIP = 77


def skip(reason):
    print(reason)
    sys.exit(SKIP)


def require_build():
    if os.geteuid() != 0:
        skip("needs root (cgroups, namespaces, uid switch)")
    if not os.access(LAUNCHER, os.X_OK):
        skip("build/bin/netserv-container missing: run make build")
    if not glob.glob(os.path.join(BUILD, "container", "lib", "*.jar")):
        skip("build/container/lib missing: run make build (Maven part)")


def bundle(name):
    """Path of test bundle NAME (container/test-bundles)."""
    p = glob.glob(os.path.join(TOP, "container", "test-bundles", "target",
                               "netserv-container-test-bundles-*-%s.jar" % name))
    if not p:
        skip("test bundle %s not built: run make build" % name)
    return p[0]


def check(cond, what):
    if not cond:
        raise AssertionError(what)
    print("ok -", what)


class Control:
    """A controller's connection to a container's control socket."""

    def __init__(self, path, timeout=30):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.settimeout(timeout)
        self.s.connect(path)
        self.f = self.s.makefile("rw", encoding="utf-8", newline="\n")
        self.greeting = self.block()

    def block(self):
        lines = []
        while True:
            line = self.f.readline()
            if line == "":
                raise EOFError("control connection closed")
            if line == "\n":
                return lines
            lines.append(line.rstrip("\n"))

    def request(self, line, **headers):
        text = line + "\n" + "".join("%s: %s\n" % (k, v) for k, v in headers.items()) + "\n"
        self.f.write(text)
        self.f.flush()
        return self.block()

    def raw(self, text):
        self.f.write(text)
        self.f.flush()
        return self.block()

    def install(self, module_id, path, properties=None):
        with open(path, "rb") as fh:
            digest = hashlib.sha256(fh.read()).hexdigest()
        h = {"path": path, "digest": "sha-256=" + digest}
        if properties:
            h["properties"] = properties
        return self.request("INSTALL " + module_id, **h)

    def status(self, module_id=None):
        r = self.request("STATUS" + (" " + module_id if module_id else ""))
        return r

    def module(self, module_id):
        """The STATUS fields of one module as a dict ('state', 'seen', ...)."""
        r = self.status(module_id)
        if r[0] != "0":
            return None
        for line in r[1:]:
            if line.startswith("module: " + module_id + " "):
                out = {}
                rest = line[len("module: " + module_id + " "):]
                if ' error="' in rest:
                    rest, err = rest.split(' error="', 1)
                    out["error"] = err.rstrip('"')
                for kv in rest.split():
                    k, v = kv.split("=", 1)
                    out[k] = v
                return out
        return None

    def close(self):
        try:
            self.s.close()
        except OSError:
            pass


class Container:
    """One container started with the real launcher, in its own slot."""

    def __init__(self, workdir, slot, user, uid, ports="", memory_mb=384, hidden=(),
                 channel=True, extra=None, devdir=None):
        self.slot = slot
        self.dir = workdir
        self.sandbox = os.path.join(workdir, "sandbox-%s" % user)
        self.devdir = devdir or os.path.join(workdir, "dev")
        os.makedirs(self.devdir, exist_ok=True)
        self.control_path = os.path.join(workdir, "control-%d.sock" % slot)
        self.conf = os.path.join(workdir, "container-%d.conf" % slot)
        lines = {
            "slot": slot, "user": user, "uid": uid, "gid": uid, "sandbox": self.sandbox,
            "ports": ports, "control_socket": self.control_path, "devdir": self.devdir,
            "building_blocks": "packet-dispatcher", "memory_mb": memory_mb, "cpu_shares": 512,
            "pids_max": 400, "hidden_paths": ",".join(hidden), "require": "cgroup-memory,mount-ns,uid,no-new-privs,seccomp,port-filter",
            "channel_retry_ms": 3000,
        }
        if channel:
            lines["channel"] = str(slot)
        lines.update(extra or {})
        with open(self.conf, "w") as fh:
            for k, v in lines.items():
                fh.write("%s = %s\n" % (k, v))
        self.engine = fakeclick.Channel(self.devdir, str(slot)) if channel else None
        self.proc = None
        self.log = os.path.join(workdir, "container-%d.log" % slot)

    def start(self, timeout=60):
        self.logf = open(self.log, "ab")
        start_at = self.logf.tell()
        self.proc = subprocess.Popen([LAUNCHER, "--config", self.conf], stdout=self.logf,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError("container %d exited %s at start:\n%s" %
                                     (self.slot, self.proc.returncode, self.output()))
            if "netserv-container: ready" in self.output()[start_at:]:
                return self
            time.sleep(0.1)
        raise AssertionError("container %d not ready:\n%s" % (self.slot, self.output()))

    def output(self):
        with open(self.log, "rb") as fh:
            return fh.read().decode("utf-8", "replace")

    def control(self):
        return Control(self.control_path)

    def stage(self, jar):
        """Copies a bundle into the sandbox (where the controller puts verified modules)."""
        dst = os.path.join(self.sandbox, os.path.basename(jar))
        shutil.copyfile(jar, dst)
        return dst

    def stop(self):
        if self.proc and self.proc.poll() is None:
            try:
                c = self.control()
                c.request("SHUTDOWN")
                c.close()
                self.proc.wait(20)
            except (OSError, EOFError, subprocess.TimeoutExpired, AssertionError):
                pass
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        if self.engine:
            self.engine.close()
        remove_cgroups(self.slot)


def remove_cgroups(slot):
    for d in glob.glob("/sys/fs/cgroup/*/netserv-slot%d-*" % slot) + \
            glob.glob("/sys/fs/cgroup/memory/**/netserv-slot%d-*" % slot, recursive=True):
        for _ in range(50):
            try:
                os.rmdir(d)
                break
            except FileNotFoundError:
                break
            except OSError:
                time.sleep(0.1)


def udp(seq, length=64, dport=5000, src="10.77.1.1", dst="10.77.2.1"):
    return fakeclick.ipv4_udp(seq, length, dport, src, dst)


def ip_checksum_ok(pkt):
    s = 0
    ihl = (pkt[0] & 0x0F) * 4
    for i in range(0, ihl, 2):
        s += (pkt[i] << 8) | pkt[i + 1]
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return s == 0xFFFF


def drain(engine, quiet=1.0, limit=100000):
    """Every packet the container sends until `quiet` seconds pass without one."""
    out = []
    while len(out) < limit:
        p = engine.recv(quiet)
        if p is None:
            break
        out.append(p)
    return out


def seq_of(pkt):
    return struct.unpack("!I", pkt[28:32])[0]


def workdir(name):
    # not under /tmp: the containers' mount namespaces make / read-only, and tests hide
    # each other's sandboxes explicitly
    base = os.path.join(BUILD, "test-container")
    os.makedirs(base, exist_ok=True)
    d = tempfile.mkdtemp(prefix=name + "-", dir=base)
    os.chmod(d, 0o755)
    return d
