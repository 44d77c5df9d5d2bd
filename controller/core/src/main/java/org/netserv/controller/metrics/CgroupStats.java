package org.netserv.controller.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * CPU, memory and pids of a process's cgroup, cgroup v2 or v1 (the launcher uses v1 where the
 * v2 hierarchy lacks the controller). The cgroup path comes from {@code /proc/PID/cgroup},
 * the mount from {@code /proc/self/mountinfo}; when this mount namespace has no cgroup
 * mounted (e.g. {@code ip netns exec} gives a fresh /sys), the container's own view
 * {@code /proc/PID/root/...} is tried (its launcher mounts them). Nothing readable: a
 * {@link Reading} with only {@code why} set.
 *
 * <p>A controller's group counts only when it is the container's own: a v1 hierarchy the
 * launcher did not place it in (here often {@code cpuacct:/}) holds the whole machine or the
 * controller itself, and would report their CPU as the tenant's. For those the process's own
 * figures stand in ({@code /proc/PID/stat} CPU, its task count, {@code VmRSS}), and
 * {@code version} says which came from where.
 */
public final class CgroupStats {
    /** NaN = not available; why says why when nothing was. */
    public record Reading(double cpuSeconds, double memoryBytes, double pids, String version, String why) {
        public boolean readable() {
            return why.isEmpty();
        }
    }

    private final Path proc;

    public CgroupStats(final Path proc) {
        this.proc = proc;
    }

    public CgroupStats() {
        this(Path.of("/proc"));
    }

    public Reading read(final long pid) {
        final List<String> groups;
        try {
            groups = Files.readAllLines(proc.resolve(pid + "/cgroup"));
        } catch (IOException e) {
            return none("cannot read " + proc.resolve(pid + "/cgroup") + ": " + e.getMessage());
        }
        final List<String> own = ownGroups();
        String v2 = null;
        String mem = null;
        String cpu = null;
        String pids = null;
        for (final String l : groups) {
            if (own.contains(l)) {
                continue; // the controller's group (or the root): not the container's alone
            }
            final String[] f = l.split(":", 3);
            if (f.length < 3) {
                continue;
            }
            if (f[0].equals("0") && f[1].isEmpty()) {
                v2 = f[2];
            }
            for (final String c : f[1].split(",")) {
                switch (c) {
                    case "memory" -> mem = f[2];
                    case "cpuacct" -> cpu = f[2];
                    case "pids" -> pids = f[2];
                    default -> { }
                }
            }
        }
        String why = "";
        for (final Path root : List.of(proc.resolve("self"), proc.resolve(pid + ""))) {
            final List<String> mounts;
            try {
                mounts = Files.readAllLines(root.resolve("mountinfo"));
            } catch (IOException e) {
                continue;
            }
            final Path fsRoot = root.getFileName().toString().equals("self") ? Path.of("/") : root.resolve("root");
            final Optional<Path> dMem = dir(mounts, fsRoot, "memory", mem);
            final Optional<Path> dCpu = dir(mounts, fsRoot, "cpuacct", cpu);
            final Optional<Path> dPids = dir(mounts, fsRoot, "pids", pids);
            final Optional<Path> d2 = dir(mounts, fsRoot, null, v2);
            final double m1 = number(dMem, "memory.usage_in_bytes", 1);
            final double c1 = number(dCpu, "cpuacct.usage", 1e-9);
            final double p1 = number(dPids, "pids.current", 1);
            final double m2 = number(d2, "memory.current", 1);
            final double c2 = d2.map(d -> statField(d.resolve("cpu.stat"), "usage_usec")).orElse(Double.NaN) * 1e-6;
            final double p2 = number(d2, "pids.current", 1);
            final double m = Double.isNaN(m1) ? m2 : m1;
            final double c = Double.isNaN(c1) ? c2 : c1;
            final double p = Double.isNaN(p1) ? p2 : p1;
            if (!Double.isNaN(m) || !Double.isNaN(c) || !Double.isNaN(p)) {
                final String version = !Double.isNaN(m1) || !Double.isNaN(c1) || !Double.isNaN(p1) ? "v1" : "v2";
                final String from = (Double.isNaN(c) ? " cpu" : "") + (Double.isNaN(m) ? " memory" : "") + (Double.isNaN(p) ? " pids" : "");
                return new Reading(Double.isNaN(c) ? processCpu(pid) : c, Double.isNaN(m) ? processRss(pid) : m,
                        Double.isNaN(p) ? processTasks(pid) : p, from.isEmpty() ? version : version + ";" + from.trim() + " from /proc", "");
            }
            why = "no cgroup memory/cpuacct/pids files readable for pid " + pid + " (cgroups " + String.join(" ", groups)
                    + "; not mounted in this mount namespace nor in the container's)";
        }
        return none(why.isEmpty() ? "no mountinfo readable" : why);
    }

    private List<String> ownGroups() {
        final List<String> own = new java.util.ArrayList<>();
        try {
            for (final String l : Files.readAllLines(proc.resolve("self/cgroup"))) {
                own.add(l);
            }
        } catch (IOException e) {
            // without our own view every group counts as the container's
        }
        return own;
    }

    /** utime + stime of the process (all its threads), in seconds; USER_HZ is 100 on Linux x86. */
    private double processCpu(final long pid) {
        try {
            final String st = Files.readString(proc.resolve(pid + "/stat"));
            final String[] f = st.substring(st.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // fields 14 and 15 of stat(5)
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private double processRss(final long pid) {
        try {
            for (final String l : Files.readAllLines(proc.resolve(pid + "/status"))) {
                if (l.startsWith("VmRSS:")) { // "VmRSS:	  123456 kB"
                    return Double.parseDouble(l.substring(6).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    private double processTasks(final long pid) {
        final String[] t = proc.resolve(pid + "/task").toFile().list();
        return t == null ? Double.NaN : t.length;
    }

    private static Reading none(final String why) {
        return new Reading(Double.NaN, Double.NaN, Double.NaN, "", why);
    }

    /** The directory of cgroup {@code path} in the hierarchy of {@code controller} (null: cgroup2). */
    private static Optional<Path> dir(final List<String> mountinfo, final Path fsRoot, final String controller, final String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (final String l : mountinfo) {
            // ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTS
            final int dash = l.indexOf(" - ");
            if (dash < 0) {
                continue;
            }
            final String[] a = l.substring(0, dash).split(" ");
            final String[] b = l.substring(dash + 3).split(" ");
            if (a.length < 5 || b.length < 3) {
                continue;
            }
            final boolean match = controller == null ? b[0].equals("cgroup2")
                    : b[0].equals("cgroup") && List.of(b[2].split(",")).contains(controller);
            if (!match) {
                continue;
            }
            final String mountRoot = a[3];
            String rel = path;
            if (!mountRoot.equals("/")) {
                if (!path.startsWith(mountRoot)) {
                    continue;
                }
                rel = path.substring(mountRoot.length());
            }
            final Path d = fsRoot.resolve(a[4].substring(1)).resolve(rel.startsWith("/") ? rel.substring(1) : rel);
            if (Files.isDirectory(d)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private static double number(final Optional<Path> dir, final String file, final double scale) {
        if (dir.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(Files.readString(dir.get().resolve(file)).trim()) * scale;
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static double statField(final Path file, final String key) {
        try {
            for (final String l : Files.readAllLines(file)) {
                if (l.startsWith(key + " ")) {
                    return Double.parseDouble(l.substring(key.length() + 1).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
