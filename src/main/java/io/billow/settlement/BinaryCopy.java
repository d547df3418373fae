package io.billow.settlement;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows for PostgreSQL's COPY in binary format: how settlement writes bills and lines. The
 * server takes each value as it is stored (numbers in base 10,000, instants as microseconds),
 * with none of the parsing of the text format, which is most of what a text COPY costs it.
 *
 * <p>Each row declares its number of fields up front, and the count is checked when the row
 * ends: a row of the wrong shape is a bug here, never a confused table.
 */
public final class BinaryCopy {

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01T00:00:00Z. */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000};

    /**
     * Rows are kept in chunks of this size and streamed chunk by chunk: a batch's rows never
     * need one large array (which the collector treats as a humongous object) nor its copies
     * while it grows.
     */
    private static final int CHUNK = 1 << 16;

    private final String table;
    private final int columns;
    /** Chunks already filled, with how much of each is used. */
    private final List<byte[]> filled = new ArrayList<>();
    private final List<Integer> filledLengths = new ArrayList<>();
    private byte[] buf;
    private int length;
    private int rows;
    private int fieldsInRow;
    private boolean sealed;

    private BinaryCopy(String table, int columns, boolean header, int capacity) {
        this.table = table;
        this.columns = columns;
        this.buf = new byte[capacity];
        if (header) {
            put(HEADER);
        }
    }

    /** Rows for {@code table (col, ...)} with {@code columns} columns. */
    public static BinaryCopy into(String tableWithColumns, int columns) {
        return new BinaryCopy(tableWithColumns, columns, true, CHUNK);
    }

    /** A run of fields built once and put into many rows with {@link #fields(Fragment)}. */
    public static BinaryCopy fragment() {
        // A fragment is a line's worth of fields in one array: a small start, as many are built in a batch.
        return new BinaryCopy(null, -1, false, 256);
    }

    /** Some fields of a row, encoded. */
    public record Fragment(byte[] bytes, int fields) {
    }

    public Fragment toFragment() {
        if (table != null) {
            throw new IllegalStateException("only a fragment() becomes a fragment");
        }
        return new Fragment(Arrays.copyOf(buf, length), fieldsInRow);
    }

    public BinaryCopy row() {
        endRow();
        if (sealed) {
            throw new IllegalStateException("rows added after seal()");
        }
        int16(columns);
        rows++;
        fieldsInRow = 0;
        return this;
    }

    public BinaryCopy int8(long v) {
        field(8);
        int64(v);
        return this;
    }

    public BinaryCopy int2(int v) {
        if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
            throw new IllegalArgumentException("not a smallint: " + v);
        }
        field(2);
        int16(v);
        return this;
    }

    public BinaryCopy bool(boolean v) {
        field(1);
        ensure(1);
        buf[length++] = (byte) (v ? 1 : 0);
        return this;
    }

    public BinaryCopy text(String v) {
        if (v == null) {
            return nul();
        }
        byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
        field(bytes.length);
        put(bytes);
        return this;
    }

    public BinaryCopy timestamptz(Instant v) {
        field(8);
        int64(Math.addExact(Math.multiplyExact(v.getEpochSecond(), 1_000_000L), v.getNano() / 1_000) - PG_EPOCH_MICROS);
        return this;
    }

    /** PostgreSQL's numeric: base-10,000 digits around the decimal point, with the value's scale as display scale. */
    public BinaryCopy numeric(BigDecimal v) {
        if (v.scale() < 0) {
            v = v.setScale(0);
        }
        int scale = v.scale();
        // Whole groups of four fractional digits: scale the unscaled value up to a multiple of four.
        int fractionGroups = (scale + 3) / 4;
        int pad = fractionGroups * 4 - scale;
        short[] groups = new short[8];
        int n = 0;
        // The unscaled value as a whole number; for a value of few digits it stays a long inside BigDecimal.
        BigDecimal whole = v.scaleByPowerOfTen(scale);
        if (whole.precision() <= 15) {
            // The common case, an amount of a few digits: long arithmetic (10^15 × 10^3 < 2^63).
            long m = Math.abs(whole.longValueExact()) * POWERS_OF_TEN[pad];
            while (m > 0) {
                groups[n++] = (short) (m % 10_000);
                m /= 10_000;
            }
        } else {
            BigInteger magnitude = v.unscaledValue().abs().multiply(BigInteger.valueOf(POWERS_OF_TEN[pad]));
            while (magnitude.signum() > 0) {
                BigInteger[] qr = magnitude.divideAndRemainder(TEN_THOUSAND);
                if (n == groups.length) {
                    groups = Arrays.copyOf(groups, n * 2);
                }
                groups[n++] = qr[1].shortValue();
                magnitude = qr[0];
            }
        }
        // groups[0] is the least significant; drop zero groups at the end of the fraction.
        int low = 0;
        while (low < n && groups[low] == 0) {
            low++;
        }
        int ndigits = n - low;
        int weight = ndigits == 0 ? 0 : n - 1 - fractionGroups;
        field(8 + 2 * ndigits);
        int16(ndigits);
        int16(weight);
        int16(v.signum() < 0 ? 0x4000 : 0);
        int16(scale);
        for (int i = n - 1; i >= low; i--) {
            int16(groups[i]);
        }
        return this;
    }

    public BinaryCopy nul() {
        fieldsInRow++;
        int32(-1);
        return this;
    }

    /** Puts a fragment's fields into the current row. */
    public BinaryCopy fields(Fragment f) {
        fieldsInRow += f.fields();
        put(f.bytes());
        return this;
    }

    public int count() {
        return rows;
    }

    /** Ends the last row and the stream; no rows can follow. */
    public BinaryCopy seal() {
        if (!sealed) {
            endRow();
            int16(-1);
            sealed = true;
        }
        return this;
    }

    /** Sends the rows in one COPY on the caller's connection (and so inside its transaction). */
    public long copyInto(Connection connection) throws SQLException {
        if (rows == 0) {
            return 0;
        }
        seal();
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN (FORMAT binary)");
        try {
            for (int i = 0; i < filled.size(); i++) {
                copy.writeToCopy(filled.get(i), 0, filledLengths.get(i));
            }
            copy.writeToCopy(buf, 0, length);
            return copy.endCopy();
        } catch (SQLException | RuntimeException e) {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException cancel) {
                    e.addSuppressed(cancel);
                }
            }
            throw e;
        }
    }

    private void endRow() {
        if (rows > 0 && fieldsInRow != columns) {
            throw new IllegalStateException("a row of " + table + " has " + fieldsInRow + " fields, not " + columns);
        }
    }

    private void field(int bytes) {
        fieldsInRow++;
        int32(bytes);
    }

    private void int16(int v) {
        ensure(2);
        buf[length++] = (byte) (v >>> 8);
        buf[length++] = (byte) v;
    }

    private void int32(int v) {
        ensure(4);
        buf[length++] = (byte) (v >>> 24);
        buf[length++] = (byte) (v >>> 16);
        buf[length++] = (byte) (v >>> 8);
        buf[length++] = (byte) v;
    }

    private void int64(long v) {
        int32((int) (v >>> 32));
        int32((int) v);
    }

    private void put(byte[] bytes) {
        int done = 0;
        while (done < bytes.length) {
            if (length == buf.length) {
                ensure(1);
            }
            int n = Math.min(bytes.length - done, buf.length - length);
            System.arraycopy(bytes, done, buf, length, n);
            length += n;
            done += n;
        }
    }

    /** Room for {@code more} bytes in the current array: a fragment grows, rows move on to a new chunk. */
    private void ensure(int more) {
        if (length + more <= buf.length) {
            return;
        }
        if (table == null) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + more));
            return;
        }
        filled.add(buf);
        filledLengths.add(length);
        buf = new byte[Math.max(CHUNK, more)];
        length = 0;
    }
}
