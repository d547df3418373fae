package io.billow.settlement;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Rows for PostgreSQL's COPY in text format: the fast path for bulk writes (bills and their
 * lines). Values are escaped so that text such as explanations cannot break the row format.
 */
public final class CopyWriter {

    private final StringBuilder rows = new StringBuilder(1 << 16);
    private final String table;
    private int count;
    private boolean rowOpen;
    private byte[] encoded;

    public CopyWriter(String tableWithColumns) {
        this.table = tableWithColumns;
    }

    public CopyWriter value(Object value) {
        if (rowOpen) {
            rows.append('\t');
        }
        rowOpen = true;
        if (value == null) {
            rows.append("\\N");
            return this;
        }
        String text = value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString();
        if (!needsEscape(text)) {
            rows.append(text);
            return this;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> rows.append("\\\\");
                case '\t' -> rows.append("\\t");
                case '\n' -> rows.append("\\n");
                case '\r' -> rows.append("\\r");
                default -> rows.append(c);
            }
        }
        return this;
    }

    private static boolean needsEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    public void endRow() {
        rows.append('\n');
        rowOpen = false;
        count++;
    }

    public int count() {
        return count;
    }

    /**
     * Encodes the rows now, so that a writer thread only has to stream bytes (settlement builds
     * the next batch's rows while the current one is being written).
     */
    public CopyWriter seal() {
        encoded = rows.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        rows.setLength(0);
        return this;
    }

    /** Sends the rows in one COPY on the caller's connection (and so inside its transaction). */
    public long copyInto(Connection connection) throws SQLException {
        if (count == 0) {
            return 0;
        }
        try {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            if (encoded != null) {
                return copy.copyIn("COPY " + table + " FROM STDIN", new java.io.ByteArrayInputStream(encoded));
            }
            return copy.copyIn("COPY " + table + " FROM STDIN", new StringReader(rows.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + table + " failed", e);
        }
    }
}
