package org.netserv.controller.policy;

import java.util.List;
import java.util.Optional;
import org.netserv.controller.ncm.Ipv4Prefix;
import org.netserv.controller.ncm.Ncm;
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
        final long inSlot = modules.occupancy(slot.number());
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
        return ClassifierRules.pattern(new ClassifierRules.Filter(ncm.filterProto().orElse(null), ncm.filterPorts(),
                ncm.filterDst().isEmpty() ? slot.prefixes() : ncm.filterDst(), ncm.filterSrc()));
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
        final String refusal = filterRefusal(slot, r.filterDst().stream().map(Ipv4Prefix::parse).toList(),
                r.filterSrc().stream().map(Ipv4Prefix::parse).toList(), r.filterPorts());
        if (refusal != null) {
            return refusal;
        }
        if (r.pattern() != null && r.filterDst().isEmpty()) {
            // the pattern was bounded by the slot prefixes at install time; they must not have narrowed
            return null;
        }
        if (r.bundleBytes() > slot.limits().maxModuleBytes()) {
            return "module larger than the new limit";
        }
        return null;
    }
}
