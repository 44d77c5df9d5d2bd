package org.netserv.apps.activecdn.publisher;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.netserv.nsis.gist.node.GistConfig;
import org.netserv.nsis.nslp.ResponseStack;
import org.netserv.nsis.nslp.Ncm;
import org.netserv.nsis.nslp.NcmSigner;
import org.netserv.nsis.nslp.NslpMessage;
import org.netserv.nsis.signal.SignalingClient;
import org.netserv.nsis.signal.SignalingResult;

/**
 * Signals the edge module toward a user (paper §4.1): SETUP, then PROBE to learn which
 * nodes on the path run it; REMOVE. Each request opens its own GIST node on UDP 270 and
 * closes it (so the port is free between requests for the publisher's other tools);
 * requests are serialized.
 */
final class Deployer {
    /** A node on the path that reported the module's state. */
    record Installed(String nodeId, String address, String state, long ttlSeconds) { }

    private final String module, user, moduleUrl, moduleDigest, properties;
    private final long ttlSeconds;
    private final PrivateKey key;
    private final long timeoutMs, retryLimitMs;
    private final SecureRandom random = new SecureRandom();

    Deployer(String module, String user, Path keyFile, String moduleUrl, String moduleDigest, String properties,
             long ttlSeconds, long timeoutMs, long retryLimitMs) throws Exception {
        this.module = module;
        this.user = user;
        this.key = NcmSigner.readPrivateKey(keyFile);
        this.moduleUrl = moduleUrl;
        this.moduleDigest = moduleDigest;
        this.properties = properties;
        this.ttlSeconds = ttlSeconds;
        this.timeoutMs = timeoutMs;
        this.retryLimitMs = retryLimitMs;
    }

    long ttlSeconds() { return ttlSeconds; }

    synchronized SignalingResult setup(InetAddress toward) throws Exception {
        List<Ncm.Header> h = base();
        h.add(new Ncm.Header("ttl", Long.toString(ttlSeconds)));
        h.add(new Ncm.Header("url", moduleUrl));
        h.add(new Ncm.Header("module-digest", moduleDigest));
        if (!properties.isEmpty()) h.add(new Ncm.Header("properties", properties));
        String deps = dependencies(properties);
        if (!deps.isEmpty()) h.add(new Ncm.Header("dependencies", deps));
        return send(new Ncm("SETUP", module, h), toward);
    }

    /**
     * The building blocks the module needs beyond the defaults: a watermarking edge
     * (wm_text / wm_info_url) needs the slot's video block; a node without it refuses the
     * SETUP saying so (412 dependency missing) instead of failing at the module's start.
     */
    static String dependencies(String properties) {
        for (String kv : properties.split(",")) {
            String k = kv.split("=", 2)[0].strip();
            if (k.equals("wm_text") || k.equals("wm_info_url")) return "http,video";
        }
        return "";
    }

    synchronized SignalingResult remove(InetAddress toward) throws Exception {
        return send(new Ncm("REMOVE", module, base()), toward);
    }

    /** PROBE status,capabilities toward {@code toward}: the nodes that report our module. */
    synchronized List<Installed> probe(InetAddress toward) throws Exception {
        List<Ncm.Header> h = base();
        h.add(new Ncm.Header("probe", "status,capabilities"));
        SignalingResult r = send(new Ncm("PROBE", module, h), toward);
        if (r.outcome == SignalingResult.Outcome.TIMEOUT) throw new java.io.IOException("PROBE toward " + toward.getHostAddress() + ": " + r.detail);
        return installed(r.blocks, module);
    }

    /** Reads the PROBE response stack: one entry per node whose status names the module. */
    static List<Installed> installed(List<String> blocks, String module) {
        List<Installed> out = new ArrayList<>();
        for (String b : blocks) {
            if (ResponseStack.status(b) != 200) continue;
            String nodeId = ResponseStack.header(b, "node-id"), address = null, state = null;
            long ttl = 0;
            for (Map.Entry<String, String> f : ResponseStack.headers(b)) {
                String v = f.getValue();
                if (f.getKey().equals("capabilities")) {
                    for (String w : v.split(" ")) {
                        if (w.startsWith("addresses=")) address = w.substring(10).split(",")[0];
                    }
                } else if (f.getKey().equals("module") && v.startsWith(module + " ")) {
                    for (String w : v.split(" ")) {
                        if (w.startsWith("state=")) state = w.substring(6);
                        if (w.startsWith("ttl=")) ttl = Long.parseLong(w.substring(4));
                    }
                }
            }
            if (nodeId != null && address != null && state != null) out.add(new Installed(nodeId, address, state, ttl));
        }
        return out;
    }

    private List<Ncm.Header> base() {
        List<Ncm.Header> h = new ArrayList<>();
        h.add(new Ncm.Header("user", user));
        return h;
    }

    private SignalingResult send(Ncm ncm, InetAddress toward) throws Exception {
        GistConfig cfg = new GistConfig();
        cfg.nslpIds = new int[] {32767};
        cfg.retryLimitMs = retryLimitMs;
        NslpMessage msg = NslpMessage.request(random.nextInt(), NcmSigner.sign(ncm, key, random, System.currentTimeMillis() / 1000));
        try (SignalingClient c = new SignalingClient(cfg)) {
            return c.request(msg, toward, timeoutMs);
        }
    }
}
