package io.billow.change;

import io.billow.account.Account;
import io.billow.account.AccountStore;
import io.billow.catalog.BillingMethod;
import io.billow.clock.BillowClock;
import io.billow.event.EventLog;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.order.Order;
import io.billow.order.OrderStatus;
import io.billow.order.OrderStore;
import io.billow.order.OrderType;
import io.billow.problem.Codes;
import io.billow.problem.ProblemException;
import io.billow.proration.Prorated;
import io.billow.proration.Proration;
import io.billow.proration.TermPayment;
import io.billow.time.Interval;
import io.billow.timeline.TimelineEvent;
import org.jdbi.v3.core.Jdbi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Subscription → pay-as-you-go (TransformDBInstancePayType to Postpaid), the step a subscription
 * instance must take before it can switch to serverless: the unused part of the term is refunded
 * on the cash actually paid (domain.md §9), and pay-as-you-go billing starts at once.
 */
public final class SubscriptionToPayAsYouGo {

    private final Jdbi jdbi;
    private final BillowClock clock;

    public SubscriptionToPayAsYouGo(Jdbi jdbi, BillowClock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The refund order and the instance after the change. */
    public record Transformed(Order refund, Instance instance) {
    }

    public Transformed apply(String accountId, String instanceId) {
        Instant now = clock.now();
        return jdbi.inTransaction(h -> {
            Instance i = InstanceStore.lock(h, accountId, instanceId);
            if (i.method() != BillingMethod.SUBSCRIPTION) {
                throw new ProblemException("InvalidPayType.NotSupported", "instance " + instanceId + " is not a subscription instance");
            }
            InstanceChanges.requireIdle(h, i, "Running");
            Account account = AccountStore.lock(h, i.accountId());
            List<Order> orders = OrderStore.list(h, i.accountId(), i.id(), 1000);
            Order bought = orders.stream().filter(o -> o.type() == OrderType.NEW || o.type() == OrderType.RENEW)
                    .reduce((a, b) -> b).orElseThrow(() -> new ProblemException(Codes.INCORRECT_STATE, "no paid term found"));
            BigDecimal refunded = orders.stream().filter(o -> o.type() == OrderType.REFUND).map(Order::cashPaid)
                    .reduce(BigDecimal.ZERO, BigDecimal::add).negate();
            Instant termEnd = Instant.parse(i.attributes().path("expiresAt").asText(now.toString()));
            TermPayment term = new TermPayment(Interval.of(bought.createdAt(), termEnd.isBefore(bought.createdAt()) ? bought.createdAt() : termEnd),
                    bought.listPrice(), BigDecimal.ZERO, bought.cashPaid(), refunded.min(bought.cashPaid()).max(BigDecimal.ZERO));
            Prorated refund = Proration.unsubscribeRefund(term, Proration.remainingSeconds(term, now));
            Order order = OrderStore.insert(h, i.accountId(), i.id(), OrderType.REFUND, OrderStatus.REFUNDED, account.currency(),
                    BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, refund.amount().negate(),
                    "unused subscription refunded on the cash paid: " + refund.formula(), EventLog.payload().put("termOrderId", bought.id()), now);
            if (refund.amount().signum() > 0) {
                AccountStore.ledger(h, i.accountId(), "REFUND", refund.amount(), "order:" + order.id(), now);
                h.createUpdate("UPDATE accounts SET balance = balance + :r WHERE id = :id").bind("r", refund.amount()).bind("id", i.accountId()).execute();
            }
            InstanceStore.append(h, i.id(), List.of(new TimelineEvent.BillingMethodChanged(now, BillingMethod.PAY_AS_YOU_GO, i.instanceClass())));
            var attributes = InstanceStore.get(h, null, i.id()).attributes().deepCopy();
            attributes.remove("expiresAt");
            InstanceStore.setAttributes(h, i.id(), attributes);
            EventLog.emit(h, i.accountId(), i.id(), "instance.billing-method-changed", now, EventLog.payload()
                    .put("from", "Prepaid").put("to", "Postpaid").put("refund", refund.amount().toPlainString()));
            return new Transformed(order, InstanceStore.get(h, null, i.id()));
        });
    }
}
