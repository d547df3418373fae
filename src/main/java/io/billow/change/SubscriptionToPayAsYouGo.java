package io.billow.change;

import io.billow.clock.BillowClock;
import io.billow.instance.Instance;
import io.billow.order.Order;
import io.billow.subscription.PayTypeChanges;
import org.jdbi.v3.core.Jdbi;

/**
 * Subscription → pay-as-you-go (TransformDBInstancePayType to Postpaid), the step a subscription
 * instance must take before it can switch to serverless: the unused part of the term is refunded
 * on the cash actually paid (domain.md §9), and pay-as-you-go billing starts at once. The
 * subscription engine's {@link PayTypeChanges} does it, in a transaction of its own.
 */
public final class SubscriptionToPayAsYouGo {

    private final Jdbi jdbi;
    private final BillowClock clock;
    private final PayTypeChanges payTypes;

    public SubscriptionToPayAsYouGo(Jdbi jdbi, BillowClock clock, PayTypeChanges payTypes) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.payTypes = payTypes;
    }

    /** The refund order and the instance after the change. */
    public record Transformed(Order refund, Instance instance) {
    }

    public Transformed apply(String accountId, String instanceId) {
        return jdbi.inTransaction(h -> {
            PayTypeChanges.Switched s = payTypes.toPayAsYouGo(h, accountId, instanceId, clock.now());
            return new Transformed(s.order(), s.instance());
        });
    }
}
