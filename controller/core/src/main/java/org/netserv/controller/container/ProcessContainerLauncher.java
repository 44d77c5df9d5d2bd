package org.netserv.controller.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.netserv.controller.module.BundleStager;
import org.netserv.controller.policy.Slot;
import org.netserv.controller.state.AtomicFiles;

/**
 * Launches {@code netserv-container --config FILE} (the jvm-bridge launcher) per slot.
 *
 * <p>The config file is written from the policy slot plus node settings, in the launcher's
 * {@code key = value} format. The container's pid goes to {@code containers/slot-K.pid} so a
 * controller restarted after a crash adopts the still-running container instead of starting
 * a second one that would fight over the control socket and the packet channel.
 */
public final class ProcessContainerLauncher implements ContainerLauncher {
    private static final System.Logger LOG = System.getLogger(ProcessContainerLauncher.class.getName());

    /**
     * Node-wide settings the launcher needs beyond the slot itself. {@code optional}: the
     * isolation features the operator explicitly let go (controller.conf
     * {@code isolation_optional}); every other feature is required, so a container whose
     * seccomp, namespaces, uid switch, cgroups or disk limit cannot be set up does not start.
     */
    public record Settings(Path executable, Path stateDir, Path runDir, Path devDir, int controllerUid,
                           String javaHome, String bundlesDir, List<String> hiddenPaths, boolean netns,
                           List<String> optional) {
        public Settings {
            optional = List.copyOf(optional);
        }

        /** Everything required, nothing opted out of. */
        public Settings(Path executable, Path stateDir, Path runDir, Path devDir, int controllerUid,
                        String javaHome, String bundlesDir, List<String> hiddenPaths, boolean netns) {
            this(executable, stateDir, runDir, devDir, controllerUid, javaHome, bundlesDir, hiddenPaths, netns, List.of());
        }
    }

    /** What the launcher is told it may leave off: the operator's list, and net-ns when netns = no. */
    List<String> optionalFeatures() {
        final List<String> l = new ArrayList<>(settings.optional());
        if (!settings.netns() && !l.contains("net-ns")) {
            l.add("net-ns");
        }
        return l;
    }

    private final Settings settings;

    public ProcessContainerLauncher(final Settings settings) {
        this.settings = settings;
    }

    private Path dir() {
        return settings.stateDir().resolve("containers");
    }

    @Override
    public Path controlSocket(final Slot slot) {
        return settings.runDir().resolve("container-" + slot.number() + ".sock");
    }

    String configText(final Slot slot, final List<String> othersPaths) {
        final List<String> hidden = new ArrayList<>(settings.hiddenPaths());
        hidden.addAll(othersPaths);
        final StringBuilder b = new StringBuilder("# written by netserv-controller from the node policy; do not edit\n");
        kv(b, "slot", Integer.toString(slot.number()));
        kv(b, "user", slot.user());
        kv(b, "uid", Integer.toString(slot.uid()));
        kv(b, "gid", Integer.toString(slot.gid()));
        kv(b, "sandbox", slot.sandbox().toString());
        kv(b, "ports", slot.ports().stream().map(String::valueOf).collect(Collectors.joining(",")));
        kv(b, "ip", slot.address());
        // an address-less slot still gets its own network namespace (loopback only)
        kv(b, "netns", settings.netns() ? "yes" : "no");
        kv(b, "cpu_shares", Integer.toString(slot.limits().cpuShares()));
        kv(b, "memory_mb", Integer.toString(slot.limits().memoryMb()));
        kv(b, "pids_max", Integer.toString(slot.limits().pidsMax()));
        kv(b, "disk_mb", Integer.toString(slot.limits().diskMb()));
        kv(b, "channel", Integer.toString(slot.number()));
        kv(b, "devdir", settings.devDir().toString());
        kv(b, "control_socket", controlSocket(slot).toString());
        kv(b, "controller_uid", Integer.toString(settings.controllerUid()));
        kv(b, "building_blocks", String.join(",", slot.buildingBlocks()));
        kv(b, "hidden_paths", String.join(",", hidden));
        kv(b, "require", "all");
        if (!optionalFeatures().isEmpty()) {
            kv(b, "optional", String.join(",", optionalFeatures()));
        }
        if (!settings.javaHome().isEmpty()) {
            kv(b, "java_home", settings.javaHome());
        }
        if (!settings.bundlesDir().isEmpty()) {
            kv(b, "bundles_dir", settings.bundlesDir());
        }
        return b.toString();
    }

    private static void kv(final StringBuilder b, final String k, final String v) {
        b.append(k).append(" = ").append(v).append('\n');
    }

    private List<Slot> allSlots = List.of();

    /** Every slot of the policy, so each container is told to hide the others' sandboxes and stage directories. */
    public void setAllSlots(final List<Slot> slots) {
        this.allSlots = List.copyOf(slots);
    }

    @Override
    public Running launch(final Slot slot) throws IOException {
        Files.createDirectories(dir());
        Files.createDirectories(settings.runDir());
        final Path conf = dir().resolve("slot-" + slot.number() + ".conf");
        final List<String> others = new ArrayList<>();
        for (final Slot o : allSlots) {
            if (o.number() != slot.number()) {
                others.add(o.sandbox().toString());
                others.add(BundleStager.stageDir(settings.stateDir(), o.number()).toString());
            }
        }
        AtomicFiles.write(conf, configText(slot, others).getBytes(StandardCharsets.UTF_8));
        prepareSandbox(slot);
        Files.deleteIfExists(controlSocket(slot));
        final Path log = dir().resolve("slot-" + slot.number() + ".log");
        final long logStart = Files.exists(log) ? Files.size(log) : 0;
        final ProcessBuilder pb = new ProcessBuilder(settings.executable().toString(), "--config", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        final Process p = pb.start();
        AtomicFiles.write(pidFile(slot), (p.pid() + "\n").getBytes(StandardCharsets.US_ASCII));
        LOG.log(System.Logger.Level.INFO, "slot {0}: started container pid {1} ({2}), log {3}",
                slot.number(), String.valueOf(p.pid()), settings.executable(), log);
        return new Handle(slot.number(), p.toHandle(), controlSocket(slot), log, logStart, p);
    }

    /**
     * The launcher made the sandbox a tmpfs of the slot's disk-mb (it outlives container
     * restarts); a slot stopped for good gives it back.
     */
    @Override
    public void release(final Slot slot) {
        final String sb = slot.sandbox().toAbsolutePath().normalize().toString();
        try {
            final boolean mounted = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .map(l -> l.split(" "))
                    .anyMatch(f -> f.length > 4 && f[4].replace("\\040", " ").equals(sb) && String.join(" ", f).contains(" - tmpfs "));
            if (mounted) {
                final Process p = new ProcessBuilder("umount", "-l", sb).redirectErrorStream(true).start();
                final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (p.waitFor() != 0) {
                    LOG.log(System.Logger.Level.WARNING, "slot {0}: umount {1}: {2}", slot.number(), sb, out);
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "slot {0}: releasing sandbox {1}: {2}", slot.number(), sb, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The sandbox must exist and belong to the slot's uid before the launcher drops to it. */
    static void prepareSandbox(final Slot slot) throws IOException {
        final Path sb = slot.sandbox();
        if (!Files.isDirectory(sb)) {
            Files.createDirectories(sb);
            Files.setPosixFilePermissions(sb, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
        final int owner = (Integer) Files.getAttribute(sb, "unix:uid");
        if (owner != slot.uid()) {
            try {
                Files.setAttribute(sb, "unix:uid", slot.uid());
                Files.setAttribute(sb, "unix:gid", slot.gid());
            } catch (IOException | SecurityException e) {
                throw new IOException("sandbox " + sb + " belongs to uid " + owner + ", not the slot's uid "
                        + slot.uid() + ", and cannot be given to it: " + e.getMessage(), e);
            }
        }
    }

    private Path pidFile(final Slot slot) {
        return dir().resolve("slot-" + slot.number() + ".pid");
    }

    @Override
    public Optional<Running> adopt(final Slot slot) {
        try {
            final Path pf = pidFile(slot);
            if (!Files.exists(pf)) {
                return Optional.empty();
            }
            final long pid = Long.parseLong(Files.readString(pf).trim());
            final Optional<ProcessHandle> h = ProcessHandle.of(pid);
            // the pid must still be OUR container, not a recycled pid
            if (h.isPresent() && h.get().isAlive() && h.get().info().commandLine()
                    .map(c -> c.contains("slot-" + slot.number() + ".conf")).orElse(false)) {
                return Optional.of(new Handle(slot.number(), h.get(), controlSocket(slot),
                        dir().resolve("slot-" + slot.number() + ".log"), -1, null));
            }
        } catch (IOException | NumberFormatException e) {
            LOG.log(System.Logger.Level.WARNING, "slot {0}: unreadable pid file: {1}", slot.number(), e.toString());
        }
        return Optional.empty();
    }

    private record Handle(int slot, ProcessHandle process, Path controlSocket, Path log, long logStart,
                          Process child) implements Running {
        /** The exit status and the launcher's own messages ("netserv-container: ...") of this run. */
        @Override
        public String exitReason() {
            final StringBuilder b = new StringBuilder("container exited");
            if (child != null && !child.isAlive()) {
                b.append(" (status ").append(child.exitValue()).append(')');
            }
            if (logStart >= 0) {
                try (var in = Files.newInputStream(log)) {
                    in.skipNBytes(logStart);
                    final String text = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
                    final List<String> said = text.lines().filter(l -> l.startsWith("netserv-container: ")
                            && !l.startsWith("netserv-container: ready")).map(l -> l.substring(19)).toList();
                    if (!said.isEmpty()) {
                        b.append(": ").append(String.join("; ", said));
                    }
                } catch (IOException e) {
                    b.append(" (log unreadable: ").append(e.getMessage()).append(')');
                }
            }
            return b.length() > 600 ? b.substring(0, 600) + "..." : b.toString();
        }

        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public CompletableFuture<Void> onExit() {
            return process.onExit().thenApply(x -> null);
        }

        @Override
        public void stop() {
            process.destroy();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        }
    }
}
