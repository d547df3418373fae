package io.billow.settlement;

import io.billow.catalog.Catalog;
import io.billow.catalog.CatalogLoader;
import io.billow.change.UsageIngest;
import io.billow.change.UsageSample;
import io.billow.problem.ProblemException;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The RocketMQ 4.x free quota: 20,000,000 API calls a month shared by every instance of an
 * account, applied in usage order, across hours and instances, reset by a new month, and handed
 * out exactly once when settlement crashes between batches. Price: USD 0.02 per 10,000 calls.
 *
 * <pre>
 * Jan 31 22:10  A 12,000,000   free (12 M used)
 *        22:20  B  7,000,000   free (19 M used)
 *        22:40  A  3,000,000   1 M free, 2 M charged: 2,000,000 / 10,000 × 0.02 = 4.00
 *        23:30  B    500,000   charged: 1.00
 * Feb  1 00:10  A  1,000,000   free: a new month, a new quota
 *        late:  B at 22:50, 2,000,000, reported at 01:30: nothing left of January's quota → 4.00 adjustment
 * </pre>
 */
class AccountQuotaTest {

    private static final Catalog CATALOG = CatalogLoader.fromClasspath();
    private static final Instant FIRST = Instant.parse("2026-01-31T22:00:00Z");
    @RegisterExtension
    static final OwnDatabase DB = new OwnDatabase("billow-quota-");

    @Test
    void theAccountsFreeCallsAreSharedInUsageOrderAcrossInstancesAndHoursAndResetByANewMonth() {
        Jdbi jdbi = DB.jdbi();
        String account = "acc-quota";
        String a = "MQ_INST_0000000000000001_quotaAAA";
        String b = "MQ_INST_0000000000000001_quotaBBB";
        createAccountWith(jdbi, account, a, b);
        UsageIngest usage = ingest(jdbi, Instant.parse("2026-02-01T00:30:00Z"));
        calls(usage, account, a, "a1", "2026-01-31T22:10:00Z", 12_000_000);
        calls(usage, account, b, "b1", "2026-01-31T22:20:00Z", 7_000_000);
        calls(usage, account, a, "a2", "2026-01-31T22:40:00Z", 3_000_000);
        calls(usage, account, b, "b2", "2026-01-31T23:30:00Z", 500_000);
        calls(usage, account, a, "a3", "2026-02-01T00:10:00Z", 1_000_000);

        // One instance a batch, and the first attempt dies after the first batch is written.
        Settler settler = new Settler(jdbi, CATALOG, 1);
        AtomicInteger writes = new AtomicInteger();
        settler.beforeEachWrite(() -> {
            if (writes.incrementAndGet() == 2) {
                throw new IllegalStateException("simulated crash between batches");
            }
        });
        assertThatThrownBy(() -> settler.settleAccount(account, FIRST, (done, what) -> { })).hasMessageContaining("simulated crash");
        assertThat(chargedCalls(jdbi, a, FIRST)).isEqualByComparingTo("2000000");
        settler.settleAccount(account, FIRST, (done, what) -> { });
        settler.settleAccount(account, FIRST.plusSeconds(3600), (done, what) -> { });
        settler.settleAccount(account, FIRST.plusSeconds(7200), (done, what) -> { });

        assertThat(chargedCalls(jdbi, a, FIRST)).isEqualByComparingTo("2000000");
        assertThat(amount(jdbi, a, FIRST)).isEqualByComparingTo("4.00");
        assertThat(chargedCalls(jdbi, b, FIRST)).as("B's 7 M came before the quota ran out").isZero();
        assertThat(chargedCalls(jdbi, b, FIRST.plusSeconds(3600))).isEqualByComparingTo("500000");
        assertThat(amount(jdbi, b, FIRST.plusSeconds(3600))).isEqualByComparingTo("1.00");
        assertThat(chargedCalls(jdbi, a, FIRST.plusSeconds(7200))).as("February starts a new quota").isZero();
        assertThat(bills(jdbi, a)).as("one bill per instance-period, the crash doubled nothing").isEqualTo(2);
        assertThat(used(jdbi, account, "2026-01-01T00:00:00Z")).isEqualByComparingTo("22500000");
        assertThat(used(jdbi, account, "2026-02-01T00:00:00Z")).isEqualByComparingTo("1000000");

        // Late usage for a settled January hour: nothing is left of January's quota.
        calls(ingest(jdbi, Instant.parse("2026-02-01T01:30:00Z")), account, b, "b-late", "2026-01-31T22:50:00Z", 2_000_000);
        BigDecimal adjusted = jdbi.withHandle(h -> h.createQuery("SELECT sum(amount) FROM adjustments WHERE instance_id = :i AND item = 'api_calls'")
                .bind("i", b).mapTo(BigDecimal.class).one());
        assertThat(adjusted).isEqualByComparingTo("4.00");
        assertThat(used(jdbi, account, "2026-01-01T00:00:00Z")).isEqualByComparingTo("24500000");
        // The same event again changes nothing.
        assertThat(ingest(jdbi, Instant.parse("2026-02-01T01:31:00Z")).record(account, b, new UsageSample("b-late",
                Instant.parse("2026-01-31T22:50:00Z"), null, null, Map.of("api_calls", BigDecimal.valueOf(2_000_000)), Map.of()))).isFalse();
        assertThat(used(jdbi, account, "2026-01-01T00:00:00Z")).isEqualByComparingTo("24500000");
    }

    /**
     * An hour without a bill keeps the cycle's rounding: settlement finds an instance's cycle
     * totals in the previous period, and an hour that billed nothing carries them there.
     * <pre>
     * Jan 20 10:00  21,002,500 calls: 20 M free, 1,002,500 × 0.000002 = 2.005000 → payable 2.00
     *        11:00  no calls: no bill; the cycle's 2.005000 / 2.00 carried
     *        12:00  2,500 calls: 0.005000; the cycle holds 2.010000 → 2.01, so payable 2.01 − 2.00 = 0.01
     *               (0.00 had the idle hour lost the cycle)
     * </pre>
     */
    @Test
    void anHourWithoutABillCarriesTheCyclesRoundingToTheNextBill() {
        Jdbi jdbi = DB.jdbi();
        String account = "acc-carry";
        String c = "MQ_INST_0000000000000003_carryCCC";
        Instant first = Instant.parse("2026-01-20T10:00:00Z");
        CallsFleet.createAccount(jdbi, account, first, c);
        UsageIngest usage = ingest(jdbi, Instant.parse("2026-01-20T13:30:00Z"));
        calls(usage, account, c, "c1", "2026-01-20T10:05:00Z", 21_002_500);
        calls(usage, account, c, "c2", "2026-01-20T12:15:00Z", 2_500);

        Settler settler = new Settler(jdbi, CATALOG, 1);
        for (int hour = 0; hour < 3; hour++) {
            settler.settleAccount(account, first.plusSeconds(hour * 3600L), (done, what) -> { });
        }

        assertThat(bills(jdbi, c)).isEqualTo(2);
        assertThat(CallsFleet.billed(jdbi, c, first, "payable")).isEqualByComparingTo("2.00");
        assertThat(CallsFleet.carried(jdbi, c, first.plusSeconds(3600))).contains(List.of(new BigDecimal("2.005000"), new BigDecimal("2.00")));
        assertThat(CallsFleet.billed(jdbi, c, first.plusSeconds(7200), "gross")).isEqualByComparingTo("0.005");
        assertThat(CallsFleet.billed(jdbi, c, first.plusSeconds(7200), "payable")).isEqualByComparingTo("0.01");
        assertThat(CallsFleet.billed(jdbi, c, first.plusSeconds(7200), "cycle_payable")).isEqualByComparingTo("2.01");
    }

    @Test
    void usageTheProductDoesNotCountIsRefusedNamingWhatItCounts() {
        Jdbi jdbi = DB.jdbi();
        String account = "acc-quota-bad";
        String a = "MQ_INST_0000000000000002_badAAAAA";
        createAccountWith(jdbi, account, a);
        UsageIngest usage = ingest(jdbi, Instant.parse("2026-02-01T00:30:00Z"));
        assertThatThrownBy(() -> usage.record(account, a, new UsageSample("x", Instant.parse("2026-02-01T00:00:00Z"), null, null,
                Map.of("rcu_seconds", BigDecimal.ONE), Map.of())))
                .isInstanceOf(ProblemException.class).hasMessageContaining("api_calls");
        assertThatThrownBy(() -> usage.record(account, a, new UsageSample("y", Instant.parse("2026-02-01T00:00:00Z"), null, null,
                Map.of("api_calls", new BigDecimal("-1")), Map.of())))
                .isInstanceOf(ProblemException.class).hasMessageContaining("counts.api_calls");
        int recorded = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM usage_counts WHERE instance_id = :i").bind("i", a)
                .mapTo(Integer.class).one());
        assertThat(recorded).isZero();
    }

    private static UsageIngest ingest(Jdbi jdbi, Instant now) {
        return CallsFleet.ingest(jdbi, CATALOG, now);
    }

    private static void createAccountWith(Jdbi jdbi, String account, String... instances) {
        CallsFleet.createAccount(jdbi, account, FIRST, instances);
    }

    private static void calls(UsageIngest usage, String account, String instance, String eventId, String at, long calls) {
        CallsFleet.calls(usage, account, instance, eventId, at, calls);
    }

    private static BigDecimal chargedCalls(Jdbi jdbi, String instance, Instant period) {
        return line(jdbi, instance, period, "quantity");
    }

    private static BigDecimal amount(Jdbi jdbi, String instance, Instant period) {
        return line(jdbi, instance, period, "amount");
    }

    private static BigDecimal line(Jdbi jdbi, String instance, Instant period, String column) {
        return jdbi.withHandle(h -> h.createQuery("SELECT coalesce(sum(l." + column + "), 0) FROM bill_lines l JOIN bills b ON b.id = l.bill_id "
                + "WHERE b.instance_id = :i AND b.period_start = :p AND l.item = 'api_calls'").bind("i", instance)
                .bind("p", Timestamp.from(period)).mapTo(BigDecimal.class).one());
    }

    private static int bills(Jdbi jdbi, String instance) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM bills WHERE instance_id = :i").bind("i", instance).mapTo(Integer.class).one());
    }

    private static BigDecimal used(Jdbi jdbi, String account, String cycle) {
        return jdbi.withHandle(h -> h.createQuery("SELECT coalesce(sum(used), 0) FROM account_quota_usage WHERE account_id = :a AND cycle_start = :c")
                .bind("a", account).bind("c", Timestamp.from(Instant.parse(cycle))).mapTo(BigDecimal.class).one());
    }
}
