/*
 * StagePath — which processors are on the packet path, in which order.
 *
 * One version per module: when two versions of a module (same Bundle-SymbolicName) have
 * processors registered — during an upgrade or a rollback, the new version is started
 * before the old one is stopped — only the one installed last (highest bundle id) is on
 * the path, and it takes the place of the first stage of that module. The dispatcher gets
 * the new list in one volatile write, so each packet meets exactly one version and never
 * none: the old version's stage leaves the path in the same write that puts the new one on.
 */
package org.netserv.container.dispatcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class StagePath {
    private StagePath() {}

    /** A registered processor: its module's symbolic name and bundle id. */
    record Candidate(String symbolicName, long bundleId, Stage stage) {}

    /** {@code inServiceOrder}: every tracked processor, highest ranking first, then oldest first. */
    static Stage[] of(List<Candidate> inServiceOrder) {
        Map<String, Long> newest = new HashMap<>();
        for (Candidate c : inServiceOrder) {
            newest.merge(c.symbolicName(), c.bundleId(), Math::max);
        }
        Map<String, List<Stage>> byModule = new LinkedHashMap<>(); // a module keeps its first place
        for (Candidate c : inServiceOrder) {
            List<Stage> l = byModule.computeIfAbsent(c.symbolicName(), k -> new ArrayList<>());
            if (newest.get(c.symbolicName()) == c.bundleId()) {
                l.add(c.stage());
            }
        }
        List<Stage> out = new ArrayList<>();
        byModule.values().forEach(out::addAll);
        return out.toArray(new Stage[0]);
    }
}
