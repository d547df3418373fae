package io.billow.settlement;

import io.billow.catalog.BillingMethod;
import io.billow.catalog.Catalog;
import io.billow.catalog.CatalogLoader;
import io.billow.change.Adjustments;
import io.billow.change.UsageIngest;
import io.billow.change.UsageSample;
import io.billow.clock.SimulatedClock;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.provision.SimulatedProvisioner;
import io.billow.timeline.InstanceSnapshot;
import io.billow.timeline.TimelineEvent;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A usage sample that arrives for a period while that very period is being settled, after its
 * instance's batch was read and before it was written. The sample must not be lost: the batch
 * reads its instances again and bills the sample.
 */
class LateUsageDuringSettlementTest {

    private static final Instant HOUR = Instant.parse("2026-04-01T10:00:00Z");
    @RegisterExtension
    static final OwnDatabase DB = new OwnDatabase("billow-late-usage-");

    @Test
    void aSampleLandingBetweenABatchsReadAndItsWriteIsBilledInThatPeriod() {
        Jdbi jdbi = DB.jdbi();
        String account = "acc-late";
        createAccountWith(jdbi, account, "pgm-late");
        Settler settler = new Settler(jdbi, CATALOG, 100);
        AtomicInteger writes = new AtomicInteger();
        // 1 RCU (the minimum) all hour, says the row; a sample says 3 RCU from half past.
        settler.beforeEachWrite(() -> {
            if (writes.incrementAndGet() == 1) {
                assertThat(lateSample(jdbi, account, "pgm-late")).isTrue();
            }
        });

        settler.settleAccount(account, HOUR, (done, what) -> { });

        assertThat(writes.get()).isGreaterThan(1); // the batch was written again
        assertThat(billedRcuSeconds(jdbi, "pgm-late")).isEqualByComparingTo("7200"); // 1800 s × 1 RCU + 1800 s × 3 RCU
        assertThat(adjustedRcuSeconds(jdbi, "pgm-late")).as("billed once, in its own period, not again as an adjustment").isZero();
    }

    /**
     * Wherever in a period's settlement the sample lands (before its instance's batch is read,
     * between read and write, after the write but before the period closes), it is billed exactly
     * once: in the period's bill or as an adjustment, never both, never neither.
     */
    @Test
    void wherePeriodSettlementIsWhenTheSampleLandsItIsBilledExactlyOnce() {
        Jdbi jdbi = DB.jdbi();
        for (int landing = 1; landing <= 4; landing++) {
            String account = "acc-landing-" + landing;
            String[] instances = {account + "-a", account + "-b", account + "-c"};
            createAccountWith(jdbi, account, instances);
            Settler settler = new Settler(jdbi, CATALOG, 1);
            AtomicInteger writes = new AtomicInteger();
            int at = landing;
            settler.beforeEachWrite(() -> {
                if (writes.incrementAndGet() == at) {
                    assertThat(lateSample(jdbi, account, instances[0])).isTrue();
                }
            });

            settler.settleAccount(account, HOUR, (done, what) -> { });

            assertThat(writes.get()).as("landing %d", landing).isGreaterThanOrEqualTo(Math.min(landing, 3));
            for (String i : instances) {
                BigDecimal total = billedRcuSeconds(jdbi, i).add(adjustedRcuSeconds(jdbi, i));
                assertThat(total).as("landing %d, %s", landing, i).isEqualByComparingTo(i.equals(instances[0]) && landing <= 3 ? "7200" : "3600");
            }
        }
    }

    static final Catalog CATALOG = CatalogLoader.fromClasspath();

    /** A serverless instance of 1–4 RCU created a day before the hour; the account's cursor is at the hour. */
    static void createAccountWith(Jdbi jdbi, String account, String... instances) {
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO accounts (id, name, currency, balance, settlement_zone, standard_offset_s, settled_through, "
                    + "created_at) VALUES (:a, 'late', 'USD', 100, 'UTC', 0, :c, :c)").bind("a", account)
                    .bind("c", Timestamp.from(HOUR.minusSeconds(86_400))).execute();
            InstanceSnapshot snapshot = InstanceSnapshot.created("rds-postgresql", "cn-hangzhou", "Basic", "pg.n2.serverless.1c",
                    BillingMethod.SERVERLESS, 20, "cloud_essd").withRcuRange(2, 8);
            for (String id : instances) {
                InstanceStore.insert(h, new Instance(id, account, "rds-postgresql", "cn-hangzhou", "cn-hangzhou-a", "Basic",
                        "pg.n2.serverless.1c", BillingMethod.SERVERLESS, "Running", 20, "cloud_essd", JsonNodeFactory.instance.objectNode(),
                        HOUR.minusSeconds(86_400), null, null, 0), new TimelineEvent.Created(HOUR.minusSeconds(86_400), snapshot));
            }
            // The cursor moves to the hour once the instances exist: no change is dated in hours already settled.
            h.createUpdate("UPDATE accounts SET settled_through = :s WHERE id = :a").bind("a", account).bind("s", Timestamp.from(HOUR)).execute();
        });
    }

    /** 3 RCU from half past the hour, reported 30 s after the hour ended. */
    private static boolean lateSample(Jdbi jdbi, String account, String instance) {
        UsageIngest usage = new UsageIngest(jdbi, CATALOG, new SimulatedClock(HOUR.plusSeconds(3600 + 30)), new SimulatedProvisioner(CATALOG),
                new Adjustments(CATALOG));
        return usage.record(account, instance, new UsageSample("late-" + instance, HOUR.plusSeconds(1800), new BigDecimal("3"), null));
    }

    private static BigDecimal billedRcuSeconds(Jdbi jdbi, String instance) {
        return jdbi.withHandle(h -> h.createQuery("SELECT coalesce(sum(l.quantity), 0) FROM bill_lines l JOIN bills b ON b.id = l.bill_id "
                + "WHERE b.instance_id = :i AND b.period_start = :p AND l.item = 'rcu'").bind("i", instance).bind("p", Timestamp.from(HOUR))
                .mapTo(BigDecimal.class).one());
    }

    private static BigDecimal adjustedRcuSeconds(Jdbi jdbi, String instance) {
        return jdbi.withHandle(h -> h.createQuery("SELECT coalesce(sum(quantity), 0) FROM adjustments WHERE instance_id = :i AND item = 'rcu'")
                .bind("i", instance).mapTo(BigDecimal.class).one());
    }
}
