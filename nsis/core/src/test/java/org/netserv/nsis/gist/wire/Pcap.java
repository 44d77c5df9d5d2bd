package org.netserv.nsis.gist.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Minimal reader for the classic pcap captures in {@code shared/gist-vectors}:
 * Ethernet / IPv4 (options allowed) / UDP or TCP. Yields the GIST-bearing
 * payloads: each UDP datagram to or from port 270, and each C-mode message
 * cut from the reassembled TCP byte stream of every connection direction.
 */
public final class Pcap {
    /** One GIST message as found in a capture. */
    public static final class Msg {
        final int frame;          // 1-based frame number of the (last) packet
        final boolean udp;
        final byte[] bytes;       // UDP payload (magic included) or one C-mode message
        final String src, dst;
        final int ipTtl;
        public long micros;       // capture time stamp

        Msg(int frame, boolean udp, byte[] bytes, String src, String dst, int ipTtl) {
            this.frame = frame;
            this.udp = udp;
            this.bytes = bytes;
            this.src = src;
            this.dst = dst;
            this.ipTtl = ipTtl;
        }

        @Override public String toString() { return "#" + frame + (udp ? " UDP " : " TCP ") + src + " > " + dst; }
    }

    public static Path vectorsDir() {
        final String root = System.getProperty("netserv.root", ".");
        return Path.of(root).resolve("../shared/gist-vectors").normalize();
    }

    public static List<Msg> read(Path file) throws IOException {
        final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        final int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (magic == 0xA1B2C3D4 || magic == 0xA1B23C4D) b.order(ByteOrder.LITTLE_ENDIAN);
        else if (Integer.reverseBytes(magic) == 0xA1B2C3D4 || Integer.reverseBytes(magic) == 0xA1B23C4D) b.order(ByteOrder.BIG_ENDIAN);
        else throw new IOException(file + ": not a classic pcap file");
        b.position(20);
        final int linkType = b.getInt();
        if (linkType != 1) throw new IOException(file + ": link type " + linkType + ", expected Ethernet");
        final List<Msg> out = new ArrayList<>();
        final Map<String, java.io.ByteArrayOutputStream> streams = new LinkedHashMap<>();
        int frame = 0;
        while (b.remaining() >= 16) {
            frame++;
            final long micros = (b.getInt() & 0xFFFFFFFFL) * 1_000_000L + (b.getInt() & 0xFFFFFFFFL);
            final int incl = b.getInt();
            b.getInt();
            final byte[] pkt = new byte[incl];
            b.get(pkt);
            final ByteBuffer p = ByteBuffer.wrap(pkt);
            if (incl < 14 + 20 || (p.getShort(12) & 0xFFFF) != 0x0800) continue;
            final int ihl = (p.get(14) & 0x0F) * 4;
            final int totalLen = p.getShort(16) & 0xFFFF;
            final int ttl = p.get(22) & 0xFF;
            final int proto = p.get(23) & 0xFF;
            final String src = ip(pkt, 26), dst = ip(pkt, 30);
            final int l4 = 14 + ihl;
            final int ipEnd = 14 + totalLen;
            if (proto == 17) {
                final int sport = p.getShort(l4) & 0xFFFF, dport = p.getShort(l4 + 2) & 0xFFFF;
                if (sport != 270 && dport != 270) continue;
                final byte[] payload = java.util.Arrays.copyOfRange(pkt, l4 + 8, ipEnd);
                final Msg m = new Msg(frame, true, payload, src + ":" + sport, dst + ":" + dport, ttl);
                m.micros = micros;
                out.add(m);
            } else if (proto == 6) {
                final int sport = p.getShort(l4) & 0xFFFF, dport = p.getShort(l4 + 2) & 0xFFFF;
                final int doff = ((p.get(l4 + 12) & 0xF0) >>> 4) * 4;
                final int start = l4 + doff;
                if (start >= ipEnd) continue;
                final String key = src + ":" + sport + " > " + dst + ":" + dport;
                final java.io.ByteArrayOutputStream s = streams.computeIfAbsent(key, k -> new java.io.ByteArrayOutputStream());
                s.write(pkt, start, ipEnd - start);
                // cut every complete message now, so frame numbers stay meaningful
                byte[] all = s.toByteArray();
                int off = 0;
                while (all.length - off >= 8) {
                    final int len = 8 + 4 * (((all[off + 2] & 0xFF) << 8) | (all[off + 3] & 0xFF));
                    if (all.length - off < len) break;
                    out.add(new Msg(frame, false, java.util.Arrays.copyOfRange(all, off, off + len), src + ":" + sport, dst + ":" + dport, ttl));
                    off += len;
                }
                s.reset();
                s.write(all, off, all.length - off);
            }
        }
        return out;
    }

    private static String ip(byte[] b, int o) {
        return (b[o] & 0xFF) + "." + (b[o + 1] & 0xFF) + "." + (b[o + 2] & 0xFF) + "." + (b[o + 3] & 0xFF);
    }

    private Pcap() {}
}
