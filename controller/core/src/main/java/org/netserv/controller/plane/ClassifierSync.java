package org.netserv.controller.plane;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Keeps the forwarding plane's NetServ IPClassifier equal to what the controller's state
 * asks for: writes it when the wanted configuration changed or the last write failed, and
 * every few ticks reads it back, so an engine that restarted (its classifier back to the
 * graph's initial rules) or was reconfigured by hand is taken back. Not thread-safe: every
 * caller holds the controller's lock.
 */
public final class ClassifierSync {
    private static final System.Logger LOG = System.getLogger(ClassifierSync.class.getName());
    private static final int VERIFY_EVERY_TICKS = 5;

    private final ForwardingPlane plane;
    private final int defaultOutputs;
    /** The wanted configuration for a classifier with that many container outputs. */
    private final IntFunction<String> wanted;
    private int classifierOutputs = -1;
    private long ticks;
    private String lastClassifier;
    private boolean planeDirty = true;
    private String planeError = "not yet written";

    public ClassifierSync(final ForwardingPlane plane, final int defaultOutputs, final IntFunction<String> wanted) {
        this.plane = plane;
        this.defaultOutputs = defaultOutputs;
        this.wanted = wanted;
    }

    /** Writes the classifier if it differs from what we last wrote; false when the plane failed. */
    public boolean sync() {
        try {
            if (classifierOutputs < 0) {
                int n = defaultOutputs;
                try {
                    n = ClassifierRules.containerOutputs(plane.readClassifier());
                } catch (IOException e) {
                    if (n <= 0) {
                        throw e;
                    }
                }
                classifierOutputs = n;
                LOG.log(System.Logger.Level.INFO, "classifier {0} has {1} container outputs", plane.describe(), n);
            }
            final String cfg = wanted.apply(classifierOutputs);
            if (!cfg.equals(lastClassifier) || planeDirty) {
                plane.writeClassifier(cfg);
                lastClassifier = cfg;
            }
            planeDirty = false;
            planeError = "";
            return true;
        } catch (IOException e) {
            planeDirty = true;
            planeError = e.getMessage();
            LOG.log(System.Logger.Level.WARNING, "forwarding plane: {0}", e.getMessage());
            return false;
        }
    }

    /** Periodic: every few ticks compare with the engine, and push a pending update. True when in sync. */
    public boolean tick() {
        if (++ticks % VERIFY_EVERY_TICKS == 0 && !planeDirty) {
            verify();
        }
        if (planeDirty) {
            sync();
        }
        return !planeDirty;
    }

    /**
     * The engine may have restarted (its classifier back to the graph's initial rules) or been
     * reconfigured by hand: compare with what we last wrote and take it back if it differs.
     */
    private void verify() {
        if (lastClassifier == null) {
            return;
        }
        try {
            final String current = plane.readClassifier().trim();
            if (!current.equals(lastClassifier)) {
                LOG.log(System.Logger.Level.WARNING, "classifier differs from what the controller wrote "
                        + "(engine restarted?); rewriting it: {0}", current);
                classifierOutputs = ClassifierRules.containerOutputs(current);
                planeDirty = true;
            }
        } catch (IOException e) {
            planeDirty = true;
            planeError = e.getMessage();
        }
    }

    /** Container outputs of the running graph, -1 before the first successful read. */
    public int outputs() {
        return classifierOutputs;
    }

    public String error() {
        return planeError;
    }

    public String lastWritten() {
        return lastClassifier;
    }

    /** For the status endpoint. */
    public Map<String, Object> describe() {
        final Map<String, Object> fp = new LinkedHashMap<>();
        fp.put("endpoint", plane.describe());
        fp.put("classifier", lastClassifier == null ? "" : lastClassifier);
        fp.put("in-sync", !planeDirty);
        fp.put("error", planeError);
        return fp;
    }
}
