package org.netserv.controller.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A plain-text table for people: a header row, columns padded to their widest cell, two spaces
 * between columns, no trailing blanks. Colour (when the caller allows it) is applied after the
 * padding so escape codes never shift a column.
 */
final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(final String... header) {
        this.header = List.of(header);
    }

    Table row(final String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table " + header.size());
        }
        rows.add(List.of(cells));
        return this;
    }

    int size() {
        return rows.size();
    }

    /** colour(column, padded cell) may wrap a data cell in escape codes; header is bold when bold is set. */
    String render(final UnaryOperator<String> bold, final CellColour colour) {
        final int[] w = new int[header.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = header.get(c).length();
            for (final List<String> r : rows) {
                w[c] = Math.max(w[c], r.get(c).length());
            }
        }
        final StringBuilder sb = new StringBuilder();
        line(sb, header, w, (c, s) -> bold.apply(s));
        for (final List<String> r : rows) {
            line(sb, r, w, colour);
        }
        return sb.toString();
    }

    String render() {
        return render(s -> s, (c, s) -> s);
    }

    private static void line(final StringBuilder sb, final List<String> cells, final int[] w, final CellColour colour) {
        final StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            final String cell = cells.get(c);
            final boolean last = c == cells.size() - 1;
            final String padded = last ? cell : cell + " ".repeat(w[c] - cell.length());
            l.append(colour.paint(c, padded));
            if (!last) {
                l.append("  ");
            }
        }
        int end = l.length();
        while (end > 0 && l.charAt(end - 1) == ' ') {
            end--;
        }
        sb.append(l, 0, end).append('\n');
    }

    @FunctionalInterface
    interface CellColour {
        String paint(int column, String cell);
    }
}
