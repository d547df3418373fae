package io.billow.product.rocketmq4;

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
import io.billow.event.EventLog;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.operation.Operation;
import io.billow.operation.OperationStore;
import io.billow.order.Order;
import io.billow.order.OrderStatus;
import io.billow.order.OrderStore;
import io.billow.order.OrderType;
import io.billow.order.Payments;
import io.billow.problem.Codes;
import io.billow.problem.ProblemException;
import io.billow.provision.Provisioner;
import io.billow.resource.InstanceResources;
import io.billow.subscription.TermPrices;
import io.billow.subscription.Terms;
import io.billow.timeline.TimelineEvent;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Standard Edition → Enterprise Platinum, in place (seed 001): the instance id and endpoints stay,
 * the instance stays online (topics and groups keep working: state Upgrading), its topics migrate
 * one by one from the shared cluster to a dedicated one with a consumer rebalance each, and at the
 * completion second Standard billing ends and the subscription starts. The UPGRADE order is paid
 * from the balance when requested; if the infrastructure fails the upgrade, it is refunded in full.
 */
final class EditionUpgrade implements ChangeAction {

    static final String KIND = "UPGRADE_EDITION";
    static final String UPGRADING = "Upgrading";

    private final Catalog catalog;
    private final BillowClock clock;
    private final Provisioner provisioner;

    EditionUpgrade(Catalog catalog, BillowClock clock, Provisioner provisioner) {
        this.catalog = catalog;
        this.clock = clock;
        this.provisioner = provisioner;
    }

    @Override
    public Done apply(Handle h, String accountId, String instanceId, ChangeRequest req) {
        Instant now = clock.now();
        Instance i = InstanceStore.lock(h, accountId, instanceId);
        InstanceChanges.requireIdle(h, i, "Running");
        if (!i.edition().equals(RocketMq4Rules.STANDARD) || i.method() != BillingMethod.PAY_AS_YOU_GO) {
            throw new ProblemException("OperationDenied.EditionUpgrade", "only a Standard Edition (pay-as-you-go) instance upgrades to "
                    + "Enterprise Platinum; " + instanceId + " is " + i.edition() + " billed " + i.method().alibabaName());
        }
        Product product = catalog.product(i.product()).orElseThrow();
        InstanceClass cls = target(product, req.instanceClass());
        TermPrices.requireSold(product, req.months());
        long topics = InstanceResources.count(h, instanceId, "topics");
        long capacity = cls.limit("topics").orElse((long) InstanceResources.MAX_PER_KIND);
        if (topics > capacity) {
            throw new ProblemException(Codes.RESOURCE_QUOTA, cls.code() + " holds " + capacity + " topics; " + instanceId + " has " + topics
                    + ": choose a larger specification or delete topics first");
        }
        Account account = AccountStore.lock(h, i.accountId());
        Instant completes = now.plus(provisioner.duration(i.product(), KIND));
        Instant termEnd = account.settlementZone().plusMonths(completes, req.months());
        TermPrices.Priced price = TermPrices.forTerm(catalog, product, cls.code(), i.region(), account.currency(), req.months(), now);
        Order order = Payments.pay(h, account, i.id(), OrderType.UPGRADE, OrderStatus.PAID, price.list(), "Enterprise Platinum "
                        + cls.code() + ": " + price.explanation() + ", the term from the upgrade's completion (" + completes + " → " + termEnd + ")",
                EventLog.payload().put("months", req.months()).put("instanceClass", cls.code())
                        .put(Terms.PAID_FROM, completes.toString()).put(Terms.PAID_TO, termEnd.toString()), now);
        InstanceStore.append(h, i.id(), List.of(new TimelineEvent.StateChanged(now, UPGRADING)));
        OperationStore.insert(h, Operation.of(i.accountId(), i.id(), order.id(), i.product(), i.zoneId(), KIND, completes,
                List.of(new TimelineEvent.BillingMethodChanged(completes, BillingMethod.SUBSCRIPTION, cls.code()),
                        new TimelineEvent.EditionChanged(completes, RocketMq4Rules.ENTERPRISE_PLATINUM, cls.code()),
                        new TimelineEvent.StateChanged(completes, "Running")),
                List.of(new TimelineEvent.StateChanged(completes, "Running"))), now);
        EventLog.emit(h, i.accountId(), i.id(), "instance.upgrade-started", now, EventLog.payload().put("to", RocketMq4Rules.ENTERPRISE_PLATINUM)
                .put("instanceClass", cls.code()).put("orderId", order.id()).put("completesAt", completes.toString()));
        return new Done(InstanceStore.get(h, null, instanceId), Optional.of(order), order.explanation());
    }

    private static InstanceClass target(Product product, String code) {
        if (code == null) {
            throw new ProblemException(Codes.MISSING_PARAMETER, "instanceClass is required: the Enterprise Platinum specification");
        }
        InstanceClass cls = product.classes().get(code);
        if (cls == null || !cls.edition().orElse("").equals(RocketMq4Rules.ENTERPRISE_PLATINUM)) {
            throw new ProblemException("InvalidInstanceClass.NotFound", "'" + code + "' is not an Enterprise Platinum specification of "
                    + product.name() + " (they are: " + String.join(", ", new java.util.TreeSet<>(product.classes().keySet().stream()
                    .filter(c -> product.classes().get(c).edition().orElse("").equals(RocketMq4Rules.ENTERPRISE_PLATINUM)).toList())) + ")");
        }
        return cls;
    }

    /** At completion: the term starts, and each topic's migration is reported; on failure the order's cash goes back. */
    static void finished(Handle h, Operation op, boolean ok) {
        Order order = OrderStore.get(h, op.orderId());
        Instance i = InstanceStore.get(h, null, op.instanceId());
        if (!ok) {
            Payments.refund(h, AccountStore.lock(h, i.accountId()), i.id(), order.cashPaid(), "the edition upgrade failed; its order "
                    + order.id() + " is refunded in full", EventLog.payload().put("orderId", order.id()), op.dueAt());
            OrderStore.setStatus(h, order.id(), OrderStatus.REFUNDED, op.dueAt());
            return;
        }
        Terms.setExpiry(h, i.id(), Instant.parse(order.details().get(Terms.PAID_TO).asText()));
        Terms.setAttribute(h, i.id(), Terms.SINCE, op.dueAt().toString());
        List<String> topics = h.createQuery("SELECT name FROM instance_resources WHERE instance_id = :i AND kind = 'topics' "
                + "AND deleted_at IS NULL ORDER BY name").bind("i", i.id()).mapTo(String.class).list();
        for (String topic : topics) {
            EventLog.emit(h, i.accountId(), i.id(), "topic.migrated", op.dueAt(), EventLog.payload().put("topic", topic)
                    .put("from", "shared cluster").put("to", "dedicated cluster")
                    .put("message", "consumers of " + topic + " rebalance between the two clusters"));
        }
    }
}
