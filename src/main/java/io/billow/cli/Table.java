package io.billow.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with columns as wide as their widest cell. */
final class Table {

    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        rows.add(header);
    }

    Table row(String... cells) {
        rows.add(cells);
        return this;
    }

    @Override
    public String toString() {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i] == null ? 4 : r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                String cell = r[i] == null ? "null" : r[i];
                sb.append(cell);
                if (i < r.length - 1) {
                    sb.append(" ".repeat(width[i] - cell.length() + 2));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
