package org.netserv.controller.policy;

import java.util.List;
import java.util.Optional;
import org.netserv.controller.ncm.Ipv4Prefix;
import org.netserv.controller.ncm.Ncm;
import org.netserv.ncm.Header;
import org.netserv.controller.ncm.NcmException;
import org.netserv.controller.plane.ClassifierRules;
import org.netserv.controller.state.ModuleRecord;
import org.netserv.controller.state.ModuleTable;

/**
 * What a slot's policy allows a module to ask for. One authorization serves both moments it is
 * needed: a SETUP ({@link #setup}) and every installed module when the policy is reloaded
 * ({@link #stillAuthorized}), so a module stays only while the rules that admitted it hold.
 */
public final class SlotAuthorizer {
    private SlotAuthorizer() {
    }

    /** Why the filter reaches beyond the slot's prefixes or ports; null when it does not. */
    public static String filterRefusal(final Slot slot, final List<Ipv4Prefix> dst, final List<Ipv4Prefix> src,
                                       final List<Integer> ports) {
        for (final Ipv4Prefix p : dst) {
            if (!slot.covers(p)) {
                return "filter-dst " + p + " not within slot prefixes";
            }
        }
        for (final Ipv4Prefix p : src) {
            if (!slot.covers(p)) {
                return "filter-src " + p + " not within slot prefixes";
            }
        }
        for (final int port : ports) {
            if (!slot.ports().contains(port)) {
                return "filter-port " + port + " not among slot ports " + slot.ports();
            }
        }
        return null;
    }

    /** Why the slot may not divert packets at all; null when it may. */
    public static String filterForbidden(final Slot slot) {
        return slot.prefixes().isEmpty() ? "slot " + slot.number() + " may not filter: no prefixes in policy" : null;
    }

    /**
     * Every policy check for a SETUP in {@code slot} (prefixes, ports, module limit, dependencies,
     * classifier output); returns the classifier pattern, null when the module asks for no filter.
     */
    public static String setup(final Slot slot, final Ncm ncm, final ModuleTable modules, final int classifierOutputs)
            throws NcmException {
        refuseIf(filterRefusal(slot, ncm.filterDst(), ncm.filterSrc(), ncm.filterPorts()));
        // an upgrade replaces the running version: it takes no further place
        final long inSlot = modules.occupancy(slot.number())
                - (modules.activeOf(slot.number(), ncm.symbolicName()).isPresent() ? 1 : 0);
        if (inSlot >= slot.limits().maxModules()) {
            throw new NcmException(403, "module limit reached: " + inSlot + " of " + slot.limits().maxModules() + " in slot " + slot.number());
        }
        for (final String dep : ncm.dependencies()) {
            if (!slot.buildingBlocks().contains(dep) && !modules.hasActive(slot.number(), dep)) {
                throw new NcmException(412, "dependency missing: " + dep);
            }
        }
        if (!ncm.hasFilter()) {
            return null;
        }
        refuseIf(filterForbidden(slot));
        if (classifierOutputs >= 0 && slot.number() >= classifierOutputs) {
            throw new NcmException(403, "slot " + slot.number() + " has no classifier output (router graph has " + classifierOutputs + ")");
        }
        return ClassifierRules.pattern(filter(slot, ncm.filterProto().orElse(null), ncm.filterPorts(), ncm.filterDst(),
                ncm.filterSrc(), ncm.header(Header.FILTER_REPLIES).map("yes"::equals).orElse(false)));
    }

    /** The destinations a filter really covers: its {@code filter-dst}, or without one all the slot's prefixes. */
    public static List<Ipv4Prefix> destinations(final Slot slot, final List<Ipv4Prefix> dst) {
        return dst.isEmpty() ? slot.prefixes() : dst;
    }

    /**
     * The filter as the policy authorizes it: what was asked, bounded by the slot. Without
     * {@code filter-dst} it covers the slot's prefixes; without {@code filter-port}, for a
     * protocol with ports (tcp, udp or none named), the slot's ports — never every port.
     */
    public static ClassifierRules.Filter filter(final Slot slot, final String proto, final List<Integer> ports,
                                                final List<Ipv4Prefix> dst, final List<Ipv4Prefix> src,
                                                final boolean replies) throws NcmException {
        List<Integer> p = ports;
        if (p.isEmpty() && (proto == null || proto.equals("tcp") || proto.equals("udp"))) {
            if (slot.ports().isEmpty()) {
                throw new NcmException(403, "filter-port missing and slot " + slot.number()
                        + " has no ports in policy: a " + (proto == null ? "tcp/udp" : proto) + " filter needs filter-port");
            }
            p = slot.ports();
        }
        return new ClassifierRules.Filter(proto, p, destinations(slot, dst), src, replies);
    }

    /**
     * The pattern an installed module's filter has under the slot's current policy (null for a
     * module without a filter): what start and policy reload write, so a prefix or port taken
     * from the slot stops reaching its modules at once.
     */
    public static String currentPattern(final Slot slot, final ModuleRecord r) throws NcmException {
        if (r.pattern() == null) {
            return null;
        }
        return ClassifierRules.pattern(filter(slot, r.filterProto(), r.filterPorts(), prefixes(r.filterDst()),
                prefixes(r.filterSrc()), ClassifierRules.coversReplies(r.pattern())));
    }

    private static List<Ipv4Prefix> prefixes(final List<String> l) {
        return l.stream().map(Ipv4Prefix::parse).toList();
    }

    private static void refuseIf(final String why) throws NcmException {
        if (why != null) {
            throw new NcmException(403, why);
        }
    }

    /** Why an installed module is no longer authorized by {@code p}; null when it still is. */
    public static String stillAuthorized(final Policy p, final ModuleRecord r) {
        final Optional<Slot> s = p.slot(r.slot());
        if (s.isEmpty()) {
            return "slot " + r.slot() + " gone";
        }
        final Slot slot = s.get();
        if (!slot.user().equals(r.user())) {
            return "user " + r.user() + " no longer owns slot " + r.slot();
        }
        if (r.pattern() != null && filterForbidden(slot) != null) {
            return filterForbidden(slot);
        }
        final String refusal = filterRefusal(slot, prefixes(r.filterDst()), prefixes(r.filterSrc()), r.filterPorts());
        if (refusal != null) {
            return refusal;
        }
        try {
            currentPattern(slot, r);
        } catch (NcmException e) {
            return e.reason();
        }
        if (r.bundleBytes() > slot.limits().maxModuleBytes()) {
            return "module larger than the new limit";
        }
        return null;
    }
}
