package io.billow.subscription;

import io.billow.account.Account;
import io.billow.account.AccountStore;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.Catalog;
import io.billow.catalog.InstanceClass;
import io.billow.catalog.Product;
import io.billow.change.InstanceChanges;
import io.billow.eligibility.CreationCheck;
import io.billow.event.EventLog;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.order.Order;
import io.billow.order.OrderType;
import io.billow.order.Payments;
import io.billow.problem.Problem;
import io.billow.problem.ProblemException;
import io.billow.proration.PaidCash;
import io.billow.proration.Prorated;
import io.billow.timeline.InstanceSnapshot;
import io.billow.timeline.TimelineEvent;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A running instance's billing method changed in place, both ways (domain.md §2, §9): pay-as-you-go
 * → subscription pays a CONVERT order for the term now (after the account's discount, coupons,
 * then cash) and metering stops at this second; subscription → pay-as-you-go refunds the cash
 * still unused (each order's cash spread over what it paid for, as unsubscribing does) and metering
 * starts at this second. In the period of the switch every item bills by the second. Both run in
 * the caller's transaction and check everything before they write.
 */
public final class PayTypeChanges {

    /** The instance is already billed the way asked. */
    public static final String SAME_METHOD = "InvalidPayType.NotSupported";

    private final Catalog catalog;

    public PayTypeChanges(Catalog catalog) {
        this.catalog = catalog;
    }

    /** What a switch did: the order it made and the instance after it. */
    public record Switched(Order order, Instance instance) {
    }

    public Switched toSubscription(Handle h, String accountId, String instanceId, Integer months, Instant now) {
        Instance i = InstanceStore.lock(h, accountId, instanceId);
        if (i.method() != BillingMethod.PAY_AS_YOU_GO) {
            throw new ProblemException(SAME_METHOD, "instance " + instanceId + " is billed " + i.method().alibabaName()
                    + "; only a Postpaid instance can become Prepaid");
        }
        InstanceChanges.requireIdle(h, i, "Running");
        Product product = catalog.product(i.product()).orElseThrow();
        TermPrices.requireSold(product, months);
        InstanceClass cls = product.classes().get(i.instanceClass());
        if (cls == null || !cls.methods().contains(BillingMethod.SUBSCRIPTION)) {
            throw new ProblemException("IncorrectTargetClasscode", "class " + i.instanceClass() + " is not sold by subscription");
        }
        Account account = AccountStore.lock(h, i.accountId());
        long nodes = InstanceStore.current(h, i.id()).count(InstanceClass.NODES);
        Instant to = account.settlementZone().plusMonths(now, months);
        TermPrices.Priced price = TermPrices.forTerm(catalog, product, i.instanceClass(), nodes, i.region(), account.currency(), months, now);
        Order order = Payments.pay(h, account, i.id(), OrderType.CONVERT, price.list(), "Postpaid → Prepaid: " + price.explanation()
                + ", " + now + " → " + to, EventLog.payload().put("months", months).put(Terms.PAID_FROM, now.toString())
                .put(Terms.PAID_TO, to.toString()), now);
        InstanceStore.append(h, i.id(), List.of(new TimelineEvent.BillingMethodChanged(now, BillingMethod.SUBSCRIPTION, i.instanceClass())));
        Terms.setExpiry(h, i.id(), to);
        Terms.setAttribute(h, i.id(), Terms.SINCE, now.toString());
        EventLog.emit(h, i.accountId(), i.id(), "instance.billing-method-changed", now, EventLog.payload().put("from", "Postpaid")
                .put("to", "Prepaid").put("orderId", order.id()).put("expiresAt", to.toString()));
        return new Switched(order, InstanceStore.get(h, null, i.id()));
    }

    public Switched toPayAsYouGo(Handle h, String accountId, String instanceId, Instant now) {
        Instance i = InstanceStore.lock(h, accountId, instanceId);
        if (i.method() != BillingMethod.SUBSCRIPTION) {
            throw new ProblemException(SAME_METHOD, "instance " + instanceId + " is not a subscription instance");
        }
        InstanceChanges.requireIdle(h, i, "Running");
        Product product = catalog.product(i.product()).orElseThrow();
        InstanceSnapshot after = InstanceStore.current(h, i.id()).withMethod(BillingMethod.PAY_AS_YOU_GO, i.instanceClass());
        Account account = AccountStore.lock(h, i.accountId());
        List<Problem> problems = new ArrayList<>();
        CreationCheck.checkPrices(catalog, product, after, account.currency(), now, problems);
        if (!problems.isEmpty()) {
            throw new ProblemException(problems);
        }
        Instant termEnd = Terms.expiresAt(i).orElse(now);
        Prorated refund = termEnd.isAfter(now) ? PaidCash.remaining(Terms.spans(h, i, termEnd), now)
                : new Prorated(java.math.BigDecimal.ZERO, "the term is over: nothing is left to refund");
        Order order = Payments.refund(h, account, i.id(), refund.amount(), "Prepaid → Postpaid: the unused subscription refunded on the "
                + "cash paid: " + refund.formula(), EventLog.payload().put("termEnd", termEnd.toString()), now);
        InstanceStore.append(h, i.id(), List.of(new TimelineEvent.BillingMethodChanged(now, BillingMethod.PAY_AS_YOU_GO, i.instanceClass())));
        Terms.clear(h, i.id());
        EventLog.emit(h, i.accountId(), i.id(), "instance.billing-method-changed", now, EventLog.payload()
                .put("from", "Prepaid").put("to", "Postpaid").put("refund", refund.amount().toPlainString()));
        return new Switched(order, InstanceStore.get(h, null, i.id()));
    }
}
