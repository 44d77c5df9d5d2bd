package org.netserv.nsis.signal;

import java.util.List;
import org.netserv.nsis.nslp.ResponseStack;

/** What a signaling request came back with. */
public final class SignalingResult {
    /** The outcome, with the CLI exit code each maps to. */
    public enum Outcome {
        OK(0), REFUSED(1), NO_NETSERV_NODE(3), TIMEOUT(4);

        public final int exitCode;

        Outcome(int exitCode) { this.exitCode = exitCode; }
    }

    public final Outcome outcome;
    /** Response blocks, farthest node first, nearest to us last. */
    public final List<String> blocks;
    public final String detail;

    SignalingResult(Outcome outcome, List<String> blocks, String detail) {
        this.outcome = outcome;
        this.blocks = List.copyOf(blocks);
        this.detail = detail;
    }

    static SignalingResult of(List<String> blocks) {
        if (blocks.isEmpty()) return new SignalingResult(Outcome.NO_NETSERV_NODE, blocks, "no NetServ node on path");
        for (String b : blocks) {
            if (ResponseStack.status(b) >= 400 || ResponseStack.status(b) == 0) {
                return new SignalingResult(Outcome.REFUSED, blocks, "node " + ResponseStack.header(b, "node-id") + " answered " + b.split("\n", 2)[0]);
            }
        }
        return new SignalingResult(Outcome.OK, blocks, blocks.size() + " NetServ node(s) answered");
    }
}
