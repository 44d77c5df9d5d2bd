package org.netserv.nsis.nslp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PROBE response stack (paper §2.1, Figure 5): one block per node on the path
 * ({@code NETSERV/0.1 <code> <reason>} + headers), nearest to the requester last. Reads a block
 * and adds this node's headers to one.
 */
public final class ResponseStack {
    private ResponseStack() {}

    /** Status code of a block, or 0 if its first line is not a status line. */
    public static int status(String block) {
        final String first = block.split("\n", 2)[0];
        final String[] p = first.split(" ", 3);
        if (p.length < 2 || !p[0].equals(Ncm.VERSION)) return 0;
        try {
            return Integer.parseInt(p[1]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public static String reason(String block) {
        final String[] p = block.split("\n", 2)[0].split(" ", 3);
        return p.length == 3 ? p[2] : "";
    }

    /** Headers in order; repeated names keep every value. */
    public static List<Map.Entry<String, String>> headers(String block) {
        final List<Map.Entry<String, String>> out = new ArrayList<>();
        final String[] lines = block.split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) break;
            final int c = lines[i].indexOf(':');
            if (c > 0) out.add(Map.entry(lines[i].substring(0, c).trim(), lines[i].substring(c + 1).trim()));
        }
        return out;
    }

    public static String header(String block, String name) {
        for (Map.Entry<String, String> e : headers(block)) if (e.getKey().equals(name)) return e.getValue();
        return null;
    }

    /** Adds a header after the status line unless the block already has it. */
    public static String withHeader(String block, String name, String value) {
        if (header(block, name) != null) return block;
        final int nl = block.indexOf('\n');
        if (nl < 0) return block + "\n" + name + ": " + value + "\n\n";
        return block.substring(0, nl + 1) + name + ": " + value + "\n" + block.substring(nl + 1);
    }

    static Map<String, String> first(String block) {
        final Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : headers(block)) m.putIfAbsent(e.getKey(), e.getValue());
        return m;
    }
}
