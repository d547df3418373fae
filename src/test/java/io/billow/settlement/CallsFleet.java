package io.billow.settlement;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.Catalog;
import io.billow.change.Adjustments;
import io.billow.change.UsageIngest;
import io.billow.change.UsageSample;
import io.billow.clock.SimulatedClock;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.provision.SimulatedProvisioner;
import io.billow.timeline.InstanceSnapshot;
import io.billow.timeline.TimelineEvent;
import org.jdbi.v3.core.Jdbi;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RocketMQ 4.x Standard Edition instances billed only by their API calls: an hour without calls
 * has no bill, which is what the cycle carries are about. Written straight into a test's own
 * database, with the account's cursor at a chosen first hour.
 */
final class CallsFleet {

    private CallsFleet() {
    }

    /** An account settled in UTC whose instances were created two days before {@code first}. */
    static void createAccount(Jdbi jdbi, String account, Instant first, String... instances) {
        createAccount(jdbi, account, "UTC", 0, first, instances);
    }

    /** As above, settled in {@code zone} (standard offset {@code offsetSeconds}): its months start at local midnight. */
    static void createAccount(Jdbi jdbi, String account, String zone, int offsetSeconds, Instant first, String... instances) {
        Instant created = first.minusSeconds(2 * 86_400);
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO accounts (id, name, currency, balance, settlement_zone, standard_offset_s, settled_through, "
                    + "created_at) VALUES (:a, 'calls', 'USD', 100, :z, :o, :c, :c)").bind("a", account).bind("z", zone)
                    .bind("o", offsetSeconds).bind("c", Timestamp.from(created)).execute();
            InstanceSnapshot snapshot = InstanceSnapshot.created("rocketmq-4", "cn-hangzhou", "Standard", "standard",
                    BillingMethod.PAY_AS_YOU_GO, 0, "none");
            for (String id : instances) {
                InstanceStore.insert(h, new Instance(id, account, "rocketmq-4", "cn-hangzhou", "cn-hangzhou-a", "Standard", "standard",
                        BillingMethod.PAY_AS_YOU_GO, "Running", 0, "none", JsonNodeFactory.instance.objectNode(), created, null, null, 0),
                        new TimelineEvent.Created(created, snapshot));
            }
            // The cursor moves to the first hour once the instances exist: no change is dated in hours already settled.
            h.createUpdate("UPDATE accounts SET settled_through = :s WHERE id = :a").bind("a", account).bind("s", Timestamp.from(first)).execute();
        });
    }

    static UsageIngest ingest(Jdbi jdbi, Catalog catalog, Instant now) {
        return new UsageIngest(jdbi, catalog, new SimulatedClock(now), new SimulatedProvisioner(catalog), new Adjustments(catalog));
    }

    static void calls(UsageIngest usage, String account, String instance, String eventId, String at, long calls) {
        assertThat(usage.record(account, instance, new UsageSample(eventId, Instant.parse(at), null, null,
                Map.of("api_calls", BigDecimal.valueOf(calls)), Map.of()))).isTrue();
    }

    /** Settles {@code hours} consecutive hours of the account from {@code first}. */
    static void settle(Settler settler, String account, Instant first, int hours) {
        for (int hour = 0; hour < hours; hour++) {
            settler.settleAccount(account, first.plusSeconds(hour * 3600L), (done, what) -> { });
        }
    }

    /** A column of the instance's bill for the period. */
    static BigDecimal billed(Jdbi jdbi, String instance, Instant period, String column) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + column + " FROM bills WHERE instance_id = :i AND period_start = :p")
                .bind("i", instance).bind("p", Timestamp.from(period)).mapTo(BigDecimal.class).one());
    }

    /** The cycle gross and payable the instance carries through the period, if it has a carry there. */
    static Optional<List<BigDecimal>> carried(Jdbi jdbi, String instance, Instant period) {
        return jdbi.withHandle(h -> h.createQuery("SELECT cycle_gross, cycle_payable FROM cycle_carries WHERE instance_id = :i AND period_start = :p")
                .bind("i", instance).bind("p", Timestamp.from(period))
                .map((rs, ctx) -> List.of(rs.getBigDecimal(1), rs.getBigDecimal(2))).findOne());
    }
}
