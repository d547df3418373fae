package io.billow.settlement;

import io.billow.catalog.Catalog;
import io.billow.catalog.CatalogLoader;
import io.billow.change.UsageIngest;
import io.billow.store.Database;
import io.billow.store.LocalPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V18 on a database that already holds bills: it rebuilds the bills' key as (period, instance)
 * and writes the carries the last settled hour would have written, so the next hour's bills
 * continue each cycle's rounding as if the database had always been on the new key.
 *
 * <p>The database is settled on today's schema, then put back the way V17 left it (the old key,
 * no carries table, V18 not applied) and opened again, which runs V18 on it.
 *
 * <pre>
 * account UTC, cursor from Jan 20 10:00                         cycle: January
 *   C  10:05  21,002,500 calls: 20 M free, 1,002,500 × 0.000002 = 2.005000 → payable 2.00
 *      11:00  no calls, no bill: carries 2.005000 / 2.00           (the last settled hour)
 *      12:15  2,500 calls = 0.005000: cycle 2.010000 → 2.01, payable 0.01
 *   D  11:30  1,002,500 calls (after C's 20 M): billed at 11:00, so no carry
 *   E  no calls: no bill in the cycle, no carry
 * account Asia/Shanghai (+08:00), cursor from Jan 31 15:00 UTC = 23:00 local
 *   F  15:10 UTC  21,000,000 calls: billed in January (local)
 *      16:00 UTC  no calls: February 1 local, a new cycle: no carry (the last settled hour)
 * </pre>
 */
class BillsByPeriodMigrationTest {

    private static final Catalog CATALOG = CatalogLoader.fromClasspath();
    private static final Instant UTC_FIRST = Instant.parse("2026-01-20T10:00:00Z");
    private static final Instant SHANGHAI_FIRST = Instant.parse("2026-01-31T15:00:00Z");

    @Test
    void theMigrationWritesTheLastSettledHoursCarriesAndTheNextHourContinuesTheCyclesRounding(@TempDir Path dir) {
        String c = "MQ_INST_0000000000000011_migrateC";
        String d = "MQ_INST_0000000000000011_migrateD";
        String e = "MQ_INST_0000000000000011_migrateE";
        String f = "MQ_INST_0000000000000012_migrateF";
        try (Database db = Database.startEmbedded(dir)) {
            Jdbi jdbi = db.jdbi();
            CallsFleet.createAccount(jdbi, "acc-utc", UTC_FIRST, c, d, e);
            CallsFleet.createAccount(jdbi, "acc-sha", "Asia/Shanghai", 8 * 3600, SHANGHAI_FIRST, f);
            UsageIngest usage = CallsFleet.ingest(jdbi, CATALOG, Instant.parse("2026-01-20T13:30:00Z"));
            CallsFleet.calls(usage, "acc-utc", c, "c1", "2026-01-20T10:05:00Z", 21_002_500);
            CallsFleet.calls(usage, "acc-utc", d, "d1", "2026-01-20T11:30:00Z", 1_002_500);
            CallsFleet.calls(usage, "acc-utc", c, "c2", "2026-01-20T12:15:00Z", 2_500);
            CallsFleet.calls(CallsFleet.ingest(jdbi, CATALOG, Instant.parse("2026-01-31T17:30:00Z")), "acc-sha", f, "f1", "2026-01-31T15:10:00Z", 21_000_000);
            Settler settler = new Settler(jdbi, CATALOG, 2);
            CallsFleet.settle(settler, "acc-utc", UTC_FIRST, 2);
            CallsFleet.settle(settler, "acc-sha", SHANGHAI_FIRST, 2);
            assertThat(carries(jdbi)).as("what settlement itself wrote").containsExactly(List.of(c, "2026-01-20T11:00:00Z", "2.005000", "2.00"));
            backToV17(jdbi);
        }
        try (Database db = Database.embedded(LocalPostgres.start(dir), 2)) {
            Jdbi jdbi = db.jdbi();
            assertThat(carries(jdbi)).as("what V18 wrote").containsExactly(List.of(c, "2026-01-20T11:00:00Z", "2.005000", "2.00"));
            String key = jdbi.withHandle(h -> h.createQuery("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'bills_pkey'")
                    .mapTo(String.class).one());
            assertThat(key).isEqualTo("PRIMARY KEY (period_start, instance_id)");

            Settler settler = new Settler(jdbi, CATALOG, 2);
            Instant noon = UTC_FIRST.plusSeconds(7200);
            settler.settleAccount("acc-utc", noon, (done, what) -> { });
            assertThat(CallsFleet.billed(jdbi, c, noon, "gross")).isEqualByComparingTo("0.005");
            assertThat(CallsFleet.billed(jdbi, c, noon, "cycle_payable")).isEqualByComparingTo("2.01");
            assertThat(CallsFleet.billed(jdbi, c, noon, "payable")).as("0.00 had the migration lost C's cycle").isEqualByComparingTo("0.01");
            assertThat(CallsFleet.carried(jdbi, d, noon)).as("D's bill at 11:00 is carried through noon")
                    .contains(List.of(new BigDecimal("2.005000"), new BigDecimal("2.00")));
            assertThat(CallsFleet.carried(jdbi, e, noon)).isEmpty();
        }
    }


    /** The schema as V17 left it, with the bills kept: their old key, no carries, V18 not applied. */
    private static void backToV17(Jdbi jdbi) {
        jdbi.useTransaction(h -> {
            h.execute("DROP TABLE cycle_carries");
            h.execute("ALTER TABLE bills DROP CONSTRAINT bills_pkey");
            h.execute("ALTER TABLE bills ADD CONSTRAINT bills_pkey PRIMARY KEY (instance_id, period_start)");
            h.execute("DELETE FROM flyway_schema_history WHERE version = '18'");
        });
    }

    private static List<List<String>> carries(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT instance_id, to_char(period_start AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
                        + "cycle_gross::text, cycle_payable::text FROM cycle_carries ORDER BY instance_id, period_start")
                .map((rs, ctx) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list());
    }
}
