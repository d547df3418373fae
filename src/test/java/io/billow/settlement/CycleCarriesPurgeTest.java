package io.billow.settlement;

import io.billow.catalog.Catalog;
import io.billow.catalog.CatalogLoader;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Carries are read only within their month, so the ones before every account's current month go.
 * A carry does not name its account: the earliest month start over all accounts is the bound.
 *
 * <pre>
 * A  UTC            cursor Jan 31 22:00 UTC; 22:05 21,002,500 calls; 23:00 idle: carry at 23:00 UTC
 * S  Asia/Shanghai  cursor Jan 31 14:00 UTC = 22:00 local; 14:10 UTC 21,000,000 calls; 15:00 idle: carry at 15:00 UTC
 * after A 22–23, S 14–15   months of the last settled hours: A January UTC, S January local (Dec 31 16:00 UTC) → none goes
 * after A 00:00 February   S still in January → none goes
 * after S 16:00 UTC        S in February local, from Jan 31 16:00 UTC → S's carry goes, A's (23:00 UTC) stays
 * </pre>
 */
class CycleCarriesPurgeTest {

    private static final Catalog CATALOG = CatalogLoader.fromClasspath();
    private static final Instant A_FIRST = Instant.parse("2026-01-31T22:00:00Z");
    private static final Instant S_FIRST = Instant.parse("2026-01-31T14:00:00Z");
    @RegisterExtension
    static final OwnDatabase DB = new OwnDatabase("billow-carries-");

    @Test
    void carriesGoOnceEveryAccountHasLeftTheirMonthInItsOwnZone() {
        Jdbi jdbi = DB.jdbi();
        String a = "MQ_INST_0000000000000021_purgeAAA";
        String s = "MQ_INST_0000000000000022_purgeSSS";
        CallsFleet.createAccount(jdbi, "acc-purge-utc", A_FIRST, a);
        CallsFleet.createAccount(jdbi, "acc-purge-sha", "Asia/Shanghai", 8 * 3600, S_FIRST, s);
        CallsFleet.calls(CallsFleet.ingest(jdbi, CATALOG, Instant.parse("2026-01-31T22:30:00Z")), "acc-purge-utc", a, "a1",
                "2026-01-31T22:05:00Z", 21_002_500);
        CallsFleet.calls(CallsFleet.ingest(jdbi, CATALOG, Instant.parse("2026-01-31T14:30:00Z")), "acc-purge-sha", s, "s1",
                "2026-01-31T14:10:00Z", 21_000_000);
        Settler settler = new Settler(jdbi, CATALOG, 10);

        CallsFleet.settle(settler, "acc-purge-utc", A_FIRST, 2);
        CallsFleet.settle(settler, "acc-purge-sha", S_FIRST, 2);
        assertThat(settler.purgeSpentCarries()).isZero();
        List<BigDecimal> aCarry = List.of(new BigDecimal("2.005000"), new BigDecimal("2.00"));
        assertThat(CallsFleet.carried(jdbi, a, A_FIRST.plusSeconds(3600))).contains(aCarry);
        assertThat(CallsFleet.carried(jdbi, s, S_FIRST.plusSeconds(3600))).contains(List.of(new BigDecimal("2.000000"), new BigDecimal("2.00")));

        CallsFleet.settle(settler, "acc-purge-utc", A_FIRST.plusSeconds(7200), 1);
        assertThat(settler.purgeSpentCarries()).as("S has not left its January").isZero();

        CallsFleet.settle(settler, "acc-purge-sha", S_FIRST.plusSeconds(7200), 1);
        assertThat(settler.purgeSpentCarries()).isEqualTo(1);
        assertThat(CallsFleet.carried(jdbi, s, S_FIRST.plusSeconds(3600))).isEmpty();
        assertThat(CallsFleet.carried(jdbi, a, A_FIRST.plusSeconds(3600))).as("after S's month start").contains(aCarry);
    }

}
