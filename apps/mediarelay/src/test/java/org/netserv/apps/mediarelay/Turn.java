package org.netserv.apps.mediarelay;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Test side: builds client requests, drives a TurnServer, reads its answers. */
final class Turn {
    static final Random RND = new Random(7);

    /** A client link that keeps what the server sends it. */
    static final class Link extends ClientLink {
        final List<byte[]> sent = new ArrayList<>();
        final boolean tcp;
        long count;
        boolean keep = true;

        Link(String remote, int port, boolean tcp) {
            super(new InetSocketAddress(remote, port), new InetSocketAddress("127.0.0.1", 3478));
            this.tcp = tcp;
        }

        @Override void send(ByteBuffer b) {
            count++;
            if (!keep) return;
            byte[] x = new byte[b.remaining()];
            b.get(b.position(), x);
            sent.add(x);
        }

        @Override boolean stream() { return tcp; }

        byte[] last() { return sent.get(sent.size() - 1); }

        Answer answer() { return new Answer(last()); }
    }

    /** A parsed answer. */
    static final class Answer {
        final byte[] raw;
        final StunMessage m = new StunMessage();
        final int parse;

        Answer(byte[] raw) {
            this.raw = raw;
            parse = m.parse(ByteBuffer.wrap(raw), 0, raw.length);
        }

        int type() { return m.type; }

        int code() {
            if (!m.has(Stun.ERROR_CODE)) return 0;
            int v = m.at(Stun.ERROR_CODE);
            return (raw[v + 2] & 7) * 100 + (raw[v + 3] & 0xff);
        }

        String string(int attr) { return m.has(attr) ? m.string(attr) : null; }

        int xorPort(int attr) { return m.xorPort(attr); }

        /** MESSAGE-INTEGRITY computed here, independently of StunWriter. */
        boolean integrityOk(byte[] key, boolean sha) throws Exception {
            int at = sha ? m.integritySha256At : m.integrityAt;
            if (at < 0) return false;
            byte[] copy = raw.clone();
            int vlen = ((raw[at + 2] & 0xff) << 8) | (raw[at + 3] & 0xff);
            int len = at + 4 + vlen - 20;
            copy[2] = (byte) (len >> 8);
            copy[3] = (byte) len;
            String alg = sha ? "HmacSHA256" : "HmacSHA1";
            Mac mac = Mac.getInstance(alg);
            mac.init(new SecretKeySpec(key, alg));
            mac.update(copy, 0, at);
            byte[] want = mac.doFinal();
            for (int i = 0; i < vlen; i++) if (raw[at + 4 + i] != want[i]) return false;
            return true;
        }
    }

    static byte[] md5Key(String user, String realm, String pw) throws Exception {
        return MessageDigest.getInstance("MD5").digest((user + ":" + realm + ":" + pw).getBytes(StandardCharsets.UTF_8));
    }

    static byte[] txid() {
        byte[] t = new byte[12];
        RND.nextBytes(t);
        return t;
    }

    /** Builds a message: attributes added by {@code body}, then optional integrity and fingerprint. */
    static ByteBuffer message(int method, int klass, byte[] txid, Consumer<StunWriter> body) {
        ByteBuffer b = ByteBuffer.allocate(4096);
        StunWriter w = new StunWriter().begin(b, Stun.type(method, klass), txid);
        body.accept(w);
        w.finish();
        return b;
    }

    static StunWriter requestedTransport(StunWriter w, int proto) {
        return w.bytes(Stun.REQUESTED_TRANSPORT, new byte[] {(byte) proto, 0, 0, 0});
    }

    static StunWriter auth(StunWriter w, String user, String realm, String nonce) {
        return w.string(Stun.USERNAME, user).string(Stun.REALM, realm).string(Stun.NONCE, nonce);
    }

    static void deliver(TurnServer s, ClientLink l, ByteBuffer m) {
        s.onClient(l, m, m.position(), m.remaining());
    }
}
