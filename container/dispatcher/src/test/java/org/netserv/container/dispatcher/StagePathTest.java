package org.netserv.container.dispatcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netserv.container.api.PacketFilter;
import org.netserv.container.api.Verdict;

class StagePathTest {
    static Stage stage(String id) {
        return new Stage((b, c) -> Verdict.FORWARD, PacketFilter.parse(""), new ModuleCounters(id));
    }

    static StagePath.Candidate c(String name, long bundle, Stage s) {
        return new StagePath.Candidate(name, bundle, s);
    }

    @Test
    void distinctModulesAllStayInServiceOrder() {
        Stage a = stage("A_1"), b = stage("B_1");
        assertArrayEquals(new Stage[] {a, b}, StagePath.of(List.of(c("A", 5, a), c("B", 6, b))));
    }

    @Test
    void theVersionInstalledLastReplacesTheOtherInItsPlace() {
        Stage a = stage("A_1"), m1 = stage("M_1"), b = stage("B_1"), m2 = stage("M_2");
        // service order: M_1 registered before B, M_2 (the upgrade) after
        Stage[] path = StagePath.of(List.of(c("A", 5, a), c("M", 6, m1), c("B", 7, b), c("M", 9, m2)));
        assertArrayEquals(new Stage[] {a, m2, b}, path);
    }

    @Test
    void rollbackInstallsTheOldVersionAgainUnderANewBundleIdAndItWins() {
        Stage m2 = stage("M_2"), m1again = stage("M_1");
        assertArrayEquals(new Stage[] {m1again}, StagePath.of(List.of(c("M", 9, m2), c("M", 12, m1again))));
    }

    @Test
    void oneModuleMayRegisterSeveralProcessors() {
        Stage p1 = stage("M_2"), p2 = stage("M_2"), old = stage("M_1");
        assertArrayEquals(new Stage[] {old}, StagePath.of(List.of(c("M", 3, old))));
        assertArrayEquals(new Stage[] {p1, p2}, StagePath.of(List.of(c("M", 3, old), c("M", 4, p1), c("M", 4, p2))));
    }

    @Test
    void aPacketMeetsExactlyOneVersionAcrossTheSwitch() {
        int[] seen = new int[3];
        Stage v1 = new Stage((b, x) -> { seen[1]++; return Verdict.FORWARD; }, PacketFilter.parse(""), new ModuleCounters("M_1"));
        Stage v2 = new Stage((b, x) -> { seen[2]++; return Verdict.FORWARD; }, PacketFilter.parse(""), new ModuleCounters("M_2"));
        Dispatcher d = new Dispatcher(m -> { });
        ByteBuffer p = DispatcherTest.udp(5060);
        d.setStages(StagePath.of(List.of(c("M", 1, v1))));
        d.dispatch(p, d.stages(), q -> false);
        d.setStages(StagePath.of(List.of(c("M", 1, v1), c("M", 2, v2)))); // v2 started, v1 not yet stopped
        d.dispatch(p, d.stages(), q -> false);
        d.setStages(StagePath.of(List.of(c("M", 2, v2))));                 // v1 stopped
        d.dispatch(p, d.stages(), q -> false);
        assertEquals(1, seen[1]);
        assertEquals(2, seen[2]);
    }
}
