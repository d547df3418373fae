package io.billow.settlement;

import io.billow.server.TestServer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What goes in by binary COPY comes back out of PostgreSQL unchanged, to the last digit and microsecond. */
class BinaryCopyTest {

    private static final List<String> NUMBERS = List.of("0", "0.000000", "1", "-1", "12.5", "0.000001", "-0.000001", "10000", "999999999999999", "-0.999999999999999", "1234567890123456",
            "9999999999.99999", "0.1234567890123456",
            "100000000", "99999999999999.999999", "0.0001", "123456789.123456789123", "1E+3", "-31.40", "0.50",
            "98765432109876543210987654321.0123456789");

    @Test
    void everyKindOfValueRoundTrips() throws Exception {
        Jdbi jdbi = TestServer.get().jdbi();
        String table = "binary_copy_" + UUID.randomUUID().toString().replace("-", "");
        Instant at = Instant.parse("1999-12-31T23:59:59.123456Z");
        jdbi.useHandle(h -> h.execute("CREATE TABLE " + table + " (n numeric, id bigint, no smallint, t text, c char(3), "
                + "at timestamptz, ok boolean, note text)"));
        try {
            jdbi.useTransaction(h -> {
                BinaryCopy rows = BinaryCopy.into(table + " (n, id, no, t, c, at, ok, note)", 8);
                BinaryCopy.Fragment tail = BinaryCopy.fragment().bool(true).nul().toFragment();
                for (int i = 0; i < NUMBERS.size(); i++) {
                    rows.row().numeric(new BigDecimal(NUMBERS.get(i))).int8(Long.MIN_VALUE + i).int2(-i).text("ü\t\\\n" + i)
                            .text("USD").timestamptz(at.plusSeconds(86_400L * 365 * 30 * i)).fields(tail);
                }
                assertThat(rows.copyInto(h.getConnection())).isEqualTo(NUMBERS.size());
                List<Map<String, Object>> back = h.createQuery("SELECT * FROM " + table + " ORDER BY id").mapToMap().list();
                for (int i = 0; i < NUMBERS.size(); i++) {
                    Map<String, Object> r = back.get(i);
                    BigDecimal expected = new BigDecimal(NUMBERS.get(i));
                    assertThat((BigDecimal) r.get("n")).as(NUMBERS.get(i)).isEqualByComparingTo(expected);
                    assertThat(((BigDecimal) r.get("n")).scale()).as("scale of " + NUMBERS.get(i)).isEqualTo(Math.max(0, expected.scale()));
                    assertThat(r.get("id")).isEqualTo(Long.MIN_VALUE + i);
                    assertThat(((Number) r.get("no")).intValue()).isEqualTo(-i);
                    assertThat(r.get("t")).isEqualTo("ü\t\\\n" + i);
                    assertThat(r.get("c")).isEqualTo("USD");
                    assertThat(((Timestamp) r.get("at")).toInstant()).isEqualTo(at.plusSeconds(86_400L * 365 * 30 * i));
                    assertThat(r.get("ok")).isEqualTo(true);
                    assertThat(r.get("note")).isNull();
                }
            });
        } finally {
            jdbi.useHandle(h -> h.execute("DROP TABLE IF EXISTS " + table));
        }
    }

    @Test
    void rowsSpanningManyChunksArriveWhole() throws Exception {
        Jdbi jdbi = TestServer.get().jdbi();
        String table = "binary_copy_" + UUID.randomUUID().toString().replace("-", "");
        jdbi.useHandle(h -> h.execute("CREATE TABLE " + table + " (id bigint, t text, n numeric)"));
        try {
            jdbi.useTransaction(h -> {
                BinaryCopy rows = BinaryCopy.into(table + " (id, t, n)", 3);
                BinaryCopy.Fragment number = BinaryCopy.fragment().numeric(new BigDecimal("123.456")).toFragment();
                int count = 3_000;
                for (int i = 0; i < count; i++) {
                    // lengths that do not divide the chunk size, and some texts longer than a chunk
                    rows.row().int8(i).text(text(i)).fields(number);
                }
                assertThat(rows.copyInto(h.getConnection())).isEqualTo(count);
                List<Map<String, Object>> back = h.createQuery("SELECT * FROM " + table + " ORDER BY id").mapToMap().list();
                assertThat(back).hasSize(count);
                for (int i = 0; i < count; i++) {
                    assertThat(back.get(i).get("t")).as("row " + i).isEqualTo(text(i));
                    assertThat((BigDecimal) back.get(i).get("n")).isEqualByComparingTo("123.456");
                }
            });
        } finally {
            jdbi.useHandle(h -> h.execute("DROP TABLE IF EXISTS " + table));
        }
    }

    private static String text(int i) {
        int length = i % 500 == 499 ? 70_000 + i : (i * 37) % 301;
        return String.valueOf((char) ('a' + i % 26)).repeat(length) + i;
    }

    @Test
    void aRowOfTheWrongShapeIsRefusedBeforeAnythingIsSent() {
        BinaryCopy rows = BinaryCopy.into("t (a, b)", 2);
        rows.row().int8(1);

        assertThatThrownBy(rows::seal).hasMessageContaining("has 1 fields, not 2");
        assertThatThrownBy(() -> BinaryCopy.into("t (a)", 1).int2(40_000)).hasMessageContaining("not a smallint");
    }
}
