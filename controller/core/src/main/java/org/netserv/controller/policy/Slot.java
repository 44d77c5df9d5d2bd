package org.netserv.controller.policy;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import org.netserv.controller.ncm.Ipv4Prefix;

/**
 * One container slot of the node policy: who owns it and what that owner may do on this node.
 * {@code address} is empty when the container shares the node's addresses.
 */
public record Slot(int number, String user, List<PublicKey> keys, List<String> keyTexts, int uid, int gid,
                   String address, List<Integer> ports, List<Ipv4Prefix> prefixes, Path sandbox,
                   Limits limits, List<String> buildingBlocks, boolean verifyPrefixOwnership) {

    public record Limits(int cpuShares, int memoryMb, int pidsMax, int diskMb, int maxModules, long maxModuleBytes) {
    }

    /** True when every address of {@code p} lies in one of this slot's prefixes. */
    public boolean covers(final Ipv4Prefix p) {
        return prefixes.stream().anyMatch(s -> s.contains(p));
    }

    /**
     * True when this slot would run its container the same way as {@code o}: a change here
     * needs a container restart to take effect, a change elsewhere (keys, prefixes) does not.
     */
    public boolean sameContainer(final Slot o) {
        return number == o.number && user.equals(o.user) && uid == o.uid && gid == o.gid
                && address.equals(o.address) && ports.equals(o.ports) && sandbox.equals(o.sandbox)
                && limits.equals(o.limits) && buildingBlocks.equals(o.buildingBlocks);
    }
}
