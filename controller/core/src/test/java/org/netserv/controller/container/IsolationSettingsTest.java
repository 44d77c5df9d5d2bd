package org.netserv.controller.container;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netserv.controller.Fakes;
import org.netserv.controller.Fixtures;
import org.netserv.controller.module.BundleStager;
import org.netserv.controller.plane.SourceFilterSync;
import org.netserv.controller.policy.Policy;
import org.netserv.controller.policy.PolicyLoader;
import org.netserv.controller.policy.Slot;

/** What the controller tells the launcher and the graph about a slot's isolation (issue #14 items 2-4). */
class IsolationSettingsTest {
    @TempDir
    Path dir;

    Policy policy(final String prefixes) throws Exception {
        return PolicyLoader.load(Fixtures.policy(dir, Fixtures.pem(Fixtures.ed25519().getPublic()),
                Fixtures.pem(Fixtures.ed25519().getPublic()), prefixes,
                "<limits disk-mb=\"64\"/>"));
    }

    ProcessContainerLauncher launcher(final boolean netns, final List<String> optional) {
        return new ProcessContainerLauncher(new ProcessContainerLauncher.Settings(Path.of("/bin/false"), dir.resolve("state"),
                dir.resolve("run"), dir.resolve("dev"), 0, "", "", List.of(), netns, optional));
    }

    @Test
    void everyFeatureRequiredAndTheDiskLimitPassedOn() throws Exception {
        final Slot s = policy("<prefix>10.61.0.0/16</prefix>").slot(0).orElseThrow();
        final String text = launcher(true, List.of()).configText(s, List.of());
        assertTrue(text.contains("\nrequire = all\n"), text);
        assertFalse(text.contains("optional"), text);
        assertTrue(text.contains("\ndisk_mb = 64\n"), text);
        assertTrue(text.contains("\nnetns = yes\n"), text);
    }

    @Test
    void onlyTheOperatorsOptOutIsOptional() throws Exception {
        final Slot s = policy("").slot(0).orElseThrow();
        assertTrue(launcher(false, List.of()).configText(s, List.of()).contains("\noptional = net-ns\n"),
                "netns = no is the operator's explicit opt-out of net-ns");
        assertTrue(launcher(true, List.of("cgroup-cpu")).configText(s, List.of()).contains("\noptional = cgroup-cpu\n"));
    }

    @Test
    void bundlesAreStagedOutsideTheSandboxEvenWhenTheTenantPlantedLinks() throws Exception {
        final Path sandbox = dir.resolve("sandbox");
        final Path victim = Files.createDirectories(dir.resolve("etc"));
        Files.createDirectories(sandbox);
        Files.createSymbolicLink(sandbox.resolve(".netserv-modules"), victim);
        final Path bundle = Files.writeString(dir.resolve("b.jar"), "jar bytes");
        final Slot s = policy("").slot(0).orElseThrow();
        final Slot inHere = new Slot(s.number(), s.user(), s.keys(), s.keyTexts(), s.uid(), s.gid(), s.address(), s.ports(),
                s.prefixes(), sandbox, s.limits(), s.buildingBlocks(), false);
        final Path staged = BundleStager.rootOwned(dir.resolve("state")).stage(inHere, bundle, "ab12");
        assertEquals(BundleStager.stageDir(dir.resolve("state"), 0).resolve("ab12.jar"), staged);
        assertFalse(staged.startsWith(sandbox));
        try (var l = Files.list(victim)) {
            assertEquals(0, l.count(), "nothing written through the tenant's link");
        }
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(staged, LinkOption.NOFOLLOW_LINKS)));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(staged.getParent())));
    }

    @Test
    void otherSlotsSandboxesAndStageDirectoriesAreHidden() throws Exception {
        final Policy p = policy("");
        final ProcessContainerLauncher l = launcher(true, List.of());
        l.setAllSlots(p.slots());
        final Slot s0 = p.slot(0).orElseThrow();
        final String text = l.configText(s0, List.of("/var/lib/netserv/sandbox/1",
                BundleStager.stageDir(dir.resolve("state"), 1).toString()));
        assertTrue(text.contains(BundleStager.stageDir(dir.resolve("state"), 1).toString()), text);
    }

    @Test
    void sourceFiltersFollowThePolicy() throws Exception {
        final Policy p = policy("<prefix>10.61.0.0/16</prefix>");
        final Slot s = p.slot(0).orElseThrow();
        final Slot withServer = new Slot(s.number(), s.user(), s.keys(), s.keyTexts(), s.uid(), s.gid(), "10.61.9.1", s.ports(),
                s.prefixes(), s.sandbox(), s.limits(), s.buildingBlocks(), false);
        assertEquals("src net 10.61.0.0/16 or src host 10.61.9.1, dst net 10.61.0.0/16, -", SourceFilterSync.config(withServer));
        assertEquals("src net 10.61.0.0/16, dst net 10.61.0.0/16, -", SourceFilterSync.config(s));
        assertEquals("src net 10.62.0.0/16, dst net 10.62.0.0/16, -", SourceFilterSync.config(p.slot(1).orElseThrow()));
        final Fakes.Plane plane = new Fakes.Plane(2);
        final SourceFilterSync sync = new SourceFilterSync(plane);
        sync.sync(p);
        assertEquals("src net 10.62.0.0/16, dst net 10.62.0.0/16, -", plane.elements.get("src1"));
        // the engine restarted: its filter is back to the graph's default; the sync takes it back
        plane.elements.put("src1", "false, false, -");
        for (int i = 0; i < 5; i++) {
            sync.tick();
        }
        assertEquals("src net 10.62.0.0/16, dst net 10.62.0.0/16, -", plane.elements.get("src1"));
    }
}
