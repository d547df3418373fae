package io.billow.subscription;

import io.billow.account.Account;
import io.billow.account.AccountStore;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.Catalog;
import io.billow.catalog.InstanceClass;
import io.billow.catalog.Product;
import io.billow.change.ChangeAction;
import io.billow.change.ChangeRequest;
import io.billow.change.InstanceChanges;
import io.billow.clock.BillowClock;
import io.billow.eligibility.Bounds;
import io.billow.event.EventLog;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.money.Rounding;
import io.billow.operation.Operation;
import io.billow.operation.OperationStore;
import io.billow.order.Order;
import io.billow.order.OrderStatus;
import io.billow.order.OrderStore;
import io.billow.order.OrderType;
import io.billow.order.Payments;
import io.billow.problem.Codes;
import io.billow.problem.Problem;
import io.billow.problem.ProblemException;
import io.billow.proration.PaidCash;
import io.billow.proration.Prorated;
import io.billow.proration.Proration;
import io.billow.provision.Provisioner;
import io.billow.timeline.TimelineEvent;
import org.jdbi.v3.core.Handle;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A subscription instance's class changed mid-term (domain.md §8, seed 004). A bigger one pays
 * an UPGRADE order for the difference over the remaining time, from the balance, before the
 * change is made (refunded if the infrastructure fails it); a smaller one gets a DOWNGRADE order
 * refunding the cash still unused minus what the new class costs for the remaining time, credited
 * when the change is done. Both count the remaining time from the request; the new class bills
 * from the instant the instance is Running again.
 */
public final class SpecChanges implements ChangeAction {

    /** The operation kind: the same the provisioner times and fails for any spec change. */
    public static final String KIND = "MODIFY_SPEC";
    /** A node count outside the class's range or off its step (the code creation uses). */
    public static final String NODE_COUNT = "InvalidSegNodeNum";

    private final Catalog catalog;
    private final BillowClock clock;
    private final Provisioner provisioner;

    public SpecChanges(Catalog catalog, BillowClock clock, Provisioner provisioner) {
        this.catalog = catalog;
        this.clock = clock;
        this.provisioner = provisioner;
    }

    @Override
    public boolean appliesTo(Instance i) {
        return i.method() == BillingMethod.SUBSCRIPTION;
    }

    @Override
    public Done apply(Handle h, String accountId, String instanceId, ChangeRequest req) {
        Instant now = clock.now();
        Instance i = InstanceStore.lock(h, accountId, instanceId);
        InstanceChanges.requireIdle(h, i, "Running");
        Product product = catalog.product(i.product()).orElseThrow();
        long nodes = InstanceStore.current(h, i.id()).count(InstanceClass.NODES);
        Target target = target(product, i, req, nodes);
        Instant termEnd = Terms.expiresAt(i).orElseThrow(() -> new ProblemException(Codes.INCORRECT_STATE, "no paid term found"));
        long remaining = Math.max(0, termEnd.getEpochSecond() - now.getEpochSecond());
        Account account = AccountStore.lock(h, i.accountId());
        BigDecimal oldMonthly = monthly(product, i, i.instanceClass(), nodes, account, now);
        BigDecimal newMonthly = monthly(product, i, target.cls().code(), target.nodes(), account, now);
        String what = configuration(i.instanceClass(), nodes, target) + " → " + configuration(target.cls().code(), target.nodes(), target);
        BigDecimal discount = discountRate(h, i);
        boolean upgrade = newMonthly.compareTo(oldMonthly) > 0;
        Order order;
        if (upgrade) {
            Prorated fee = Proration.upgradeFee(oldMonthly, newMonthly, discount, remaining);
            order = Payments.pay(h, account, i.id(), OrderType.UPGRADE, OrderStatus.PAID, fee.amount(), what
                    + " for the " + remaining + " s left of the term: " + fee.formula(), details(i, nodes, target, now, termEnd), now);
        } else {
            BigDecimal newNet = newMonthly.multiply(BigDecimal.ONE.subtract(discount));
            Prorated refund = PaidCash.downgradeRefund(Terms.spans(h, i, termEnd), now, newNet, remaining);
            order = OrderStore.insert(h, account.id(), i.id(), OrderType.DOWNGRADE, OrderStatus.CREATED, account.currency(), BigDecimal.ZERO,
                    BigDecimal.ZERO, BigDecimal.ZERO, refund.amount().negate(), what
                            + ", refunded when the change is done: " + refund.formula(), details(i, nodes, target, now, termEnd), now);
        }
        String scaling = product.hasState("Scaling") ? "Scaling" : "DBInstanceClassChanging";
        Instant done = now.plus(provisioner.duration(i.product(), KIND));
        InstanceStore.append(h, i.id(), List.of(new TimelineEvent.StateChanged(now, scaling)));
        OperationStore.insert(h, Operation.of(i.accountId(), i.id(), order.id(), i.product(), i.zoneId(), KIND, done,
                completion(i, nodes, target, done),
                List.of(new TimelineEvent.StateChanged(done, "Running"))), now);
        EventLog.emit(h, i.accountId(), i.id(), "instance.state-changed", now, EventLog.payload().put("state", scaling)
                .put("targetClass", target.cls().code()).put("targetNodes", target.nodes()).put("orderId", order.id()));
        return new Done(InstanceStore.get(h, null, instanceId), Optional.of(order), order.explanation());
    }

    /** The configuration asked: a class (the current one when only a node count is asked) and its node count. */
    private record Target(InstanceClass cls, long nodes, boolean byNodes) {
    }

    private static Target target(Product product, Instance i, ChangeRequest req, long nodes) {
        String code = req.instanceClass() == null && req.nodeCount() != null ? i.instanceClass() : req.instanceClass();
        if (code == null) {
            throw new ProblemException(Codes.MISSING_PARAMETER, "instanceClass is required");
        }
        InstanceClass cls = product.classes().get(code);
        if (cls == null) {
            throw new ProblemException("InvalidDBInstanceClass.NotFound", "unknown instance class '" + code + "' of " + product.code());
        }
        if (cls.edition().isPresent() && !cls.edition().get().equals(i.edition()) || !cls.methods().contains(BillingMethod.SUBSCRIPTION)) {
            throw new ProblemException("IncorrectTargetClasscode", "class " + code + " is not sold by subscription in edition " + i.edition());
        }
        long newNodes = nodes;
        if (req.nodeCount() != null) {
            if (!cls.hasNodes()) {
                throw new ProblemException(Codes.INVALID_PARAMETER, code + " is not sold by a number of nodes");
            }
            cls.nodeProblem(req.nodeCount()).ifPresent(why -> {
                throw new ProblemException(NODE_COUNT, why);
            });
            newNodes = req.nodeCount();
        }
        if (code.equals(i.instanceClass()) && newNodes == nodes) {
            throw new ProblemException(Codes.INVALID_PARAMETER, "instance " + i.id() + " already is " + configuration(code, nodes, null));
        }
        // The storage stays as it is: the new class must take it, as a creation with that class would.
        List<Problem> problems = new ArrayList<>();
        Bounds.storage(product, cls, BillingMethod.SUBSCRIPTION, i.storageType(), i.storageGb(), problems);
        if (!problems.isEmpty()) {
            throw new ProblemException(problems);
        }
        return new Target(cls, newNodes, cls.hasNodes());
    }

    /** The events that make the change when it completes: the class, the node count if it changes, Running again. */
    private static List<TimelineEvent> completion(Instance i, long nodes, Target target, Instant done) {
        List<TimelineEvent> events = new ArrayList<>();
        events.add(new TimelineEvent.SpecChanged(done, target.cls().code(), i.storageGb(), i.storageType()));
        if (target.nodes() != nodes) {
            events.add(new TimelineEvent.ResourceCountChanged(done, InstanceClass.NODES, target.nodes()));
        }
        events.add(new TimelineEvent.StateChanged(done, "Running"));
        return events;
    }

    private static String configuration(String cls, long nodes, Target target) {
        return target != null && target.byNodes() ? cls + " × " + nodes + (nodes == 1 ? " node" : " nodes") : cls;
    }

    private BigDecimal monthly(Product product, Instance i, String cls, long nodes, Account account, Instant now) {
        return TermPrices.configuration(catalog, product, cls, nodes, i.region(), account.currency(), now).orElseThrow(() -> new ProblemException(
                Codes.PRICE_NOT_FOUND, "no " + account.currency() + " subscription price for " + product.code() + " class " + cls)).list();
    }

    /** The term's discount: that of the order which bought the term (discounts are part of the price, coupons are not). */
    private static BigDecimal discountRate(Handle h, Instance i) {
        for (Order o : Terms.paidOrders(h, i)) {
            if ((o.type() == OrderType.NEW || o.type() == OrderType.RENEW || o.type() == OrderType.CONVERT) && o.listPrice().signum() > 0) {
                return Rounding.rate(o.discount(), o.listPrice());
            }
        }
        return BigDecimal.ZERO;
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode details(Instance i, long nodes, Target target, Instant now, Instant termEnd) {
        return EventLog.payload().put("fromClass", i.instanceClass()).put("toClass", target.cls().code()).put("fromNodes", nodes)
                .put("toNodes", target.nodes()).put(Terms.PAID_FROM, now.toString()).put(Terms.PAID_TO, termEnd.toString());
    }

    /** At completion: a downgrade's refund is credited; an upgrade the infrastructure failed is refunded in full. */
    public static void finished(Handle h, Operation op, boolean ok) {
        if (op.orderId() == null) {
            return; // a pay-as-you-go spec change: nothing was paid
        }
        Order order = OrderStore.get(h, op.orderId());
        Account account = AccountStore.lock(h, order.accountId());
        if (order.type() == OrderType.DOWNGRADE && ok) {
            Payments.credit(h, account, order, order.cashPaid().negate(), op.dueAt());
        } else if (order.type() == OrderType.UPGRADE && !ok) {
            Payments.refund(h, account, order.instanceId(), order.cashPaid(), "the spec change failed; its order " + order.id()
                    + " is refunded in full", EventLog.payload().put("orderId", order.id()), op.dueAt());
            OrderStore.setStatus(h, order.id(), OrderStatus.REFUNDED, op.dueAt());
        }
    }
}
