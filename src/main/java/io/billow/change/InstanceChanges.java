package io.billow.change;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.account.Account;
import io.billow.account.AccountStore;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.Catalog;
import io.billow.catalog.InstanceClass;
import io.billow.catalog.Product;
import io.billow.clock.BillowClock;
import io.billow.eligibility.CreateInstance;
import io.billow.eligibility.CreationCheck;
import io.billow.event.EventLog;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.money.Rounding;
import io.billow.operation.OperationStore;
import io.billow.order.Order;
import io.billow.order.OrderStatus;
import io.billow.order.OrderStore;
import io.billow.order.OrderType;
import io.billow.order.Payments;
import io.billow.problem.Codes;
import io.billow.problem.Problem;
import io.billow.problem.ProblemException;
import io.billow.provision.Provisioner;
import io.billow.resource.InstanceResources;
import io.billow.subscription.TermPrices;
import io.billow.timeline.InstanceSnapshot;
import io.billow.timeline.TimelineEvent;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The change engine for the lifecycle every product shares: create and release here; pause, resume
 * and pay-as-you-go spec changes in {@link PayAsYouGoChanges}. Every request is checked completely before anything is written; a request that
 * fails writes nothing, and one that passes writes its order, timeline events and operation in
 * one transaction.
 */
public final class InstanceChanges {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A reported fact that is billed: storage is priced by its type, so reporting it is a spec change. */
    public static final String STORAGE_TYPE = "storageType";

    private final Jdbi jdbi;
    private final Catalog catalog;
    private final BillowClock clock;
    private final Provisioner provisioner;
    private final Map<String, ProductRules> rules = new ConcurrentHashMap<>();
    private final PayAsYouGoChanges payAsYouGo;

    public InstanceChanges(Jdbi jdbi, Catalog catalog, BillowClock clock, Provisioner provisioner) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.clock = clock;
        this.provisioner = provisioner;
        this.payAsYouGo = new PayAsYouGoChanges(catalog, clock, provisioner);
    }

    public Catalog catalog() {
        return catalog;
    }

    /** A product's own rules, registered once at start by its package. */
    public InstanceChanges withRules(String product, ProductRules productRules) {
        if (catalog.product(product).isEmpty()) {
            throw new IllegalStateException("rules registered for " + product + ", which the catalog does not have");
        }
        if (rules.putIfAbsent(product, productRules) != null) {
            throw new IllegalStateException("rules for " + product + " are registered twice");
        }
        return this;
    }

    public ProductRules rules(String product) {
        return rules.getOrDefault(product, ProductRules.NONE);
    }

    public record Created(Instance instance, Order order) {
    }

    public Created create(String accountId, CreateInstance req) {
        Instant now = clock.now();
        // The zone room taken for the new instance, given back if the creation does not commit.
        Runnable[] unreserve = {() -> { }};
        try {
            return createReserving(accountId, req, now, unreserve);
        } catch (RuntimeException notCreated) {
            unreserve[0].run();
            throw notCreated;
        }
    }

    private Created createReserving(String accountId, CreateInstance req, Instant now, Runnable[] unreserve) {
        return jdbi.inTransaction(h -> {
            Account account = AccountStore.lock(h, accountId);
            List<Problem> problems = new ArrayList<>();
            Optional<CreationCheck.Creation> checked = CreationCheck.check(catalog, req, account.currency(), now, problems);
            checked.ifPresent(c -> rules(c.product().code()).checkCreate(req, problems));
            if (!problems.isEmpty()) {
                throw new ProblemException(problems);
            }
            CreationCheck.Creation c = checked.orElseThrow();
            String id = InstanceIds.next(c.product().facts().idFormat());
            ProductRules productRules = rules(c.product().code());
            InstanceSnapshot snapshot = productRules.initialSnapshot(c.snapshot(), req, id);
            if (!snapshot.equals(c.snapshot())) {
                CreationCheck.checkPrices(catalog, c.product(), snapshot, account.currency(), now, problems);
                if (!problems.isEmpty()) {
                    throw new ProblemException(problems);
                }
            }
            Optional<TermPrices.Monthly> monthly = c.monthly().flatMap(m -> TermPrices.configuration(catalog, c.product(),
                    snapshot.instanceClass(), snapshot.count(InstanceClass.NODES), snapshot.region(), account.currency(), now));
            BigDecimal listPrice = monthly.map(m -> Rounding.prorated(m.list().multiply(BigDecimal.valueOf(req.months())), 1))
                    .orElse(BigDecimal.ZERO);
            if (listPrice.signum() > 0) {
                Payments.requireFunds(h, account, OrderType.NEW, listPrice, now);
            }
            provision(c.product().code(), c.zoneId(), snapshot.method(), id);
            unreserve[0] = () -> provisioner.release(c.product().code(), c.zoneId(), snapshot.method());
            ObjectNode attributes = JSON.createObjectNode();
            req.labels().forEach(attributes::put);
            rules(c.product().code()).initialAttributes(attributes, req, id);
            if (snapshot.method() == BillingMethod.SERVERLESS) {
                attributes.put("minCapacity", req.rcuMin().toPlainString()).put("maxCapacity", req.rcuMax().toPlainString());
            }
            Instant expires = c.monthly().isPresent() ? account.settlementZone().plusMonths(now, req.months()) : null;
            if (expires != null) {
                attributes.put("expiresAt", expires.toString());
            }
            Instance instance = new Instance(id, accountId, c.product().code(), snapshot.region(), c.zoneId(), snapshot.edition(),
                    snapshot.instanceClass(), snapshot.method(), "Running", snapshot.storageGb(), snapshot.storageType(), attributes, now,
                    null, null, 0);
            InstanceStore.insert(h, instance, new TimelineEvent.Created(now, snapshot));
            productRules.created(h, instance, snapshot);
            if (expires != null) {
                h.createUpdate("UPDATE instances SET expires_at = :e WHERE id = :id").bind("e", java.sql.Timestamp.from(expires))
                        .bind("id", id).execute();
            }
            Order order = monthly.isPresent()
                    ? Payments.pay(h, account, id, OrderType.NEW, listPrice, monthly.get().explanation() + " × "
                    + req.months() + " months (price " + monthly.get().price().id() + ")", orderDetails(req, attributes, now), now)
                    : OrderStore.insert(h, accountId, id, OrderType.NEW, OrderStatus.FULFILLED, account.currency(), BigDecimal.ZERO,
                    BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, "pay-as-you-go and serverless instances are billed hourly after use",
                    orderDetails(req, attributes, now), now);
            EventLog.emit(h, accountId, id, "instance.created", now, EventLog.payload().put("product", c.product().code())
                    .put("billingMethod", snapshot.method().catalogName()).put("orderId", order.id()));
            return new Created(InstanceStore.get(h, accountId, id), order);
        });
    }

    /** A subscription's NEW order says what it paid for: the term from now to its expiry. */
    private static ObjectNode orderDetails(CreateInstance req, ObjectNode attributes, Instant now) {
        ObjectNode details = JSON.createObjectNode().put("months", req.months());
        if (attributes.has("expiresAt")) {
            details.put("paidFrom", now.toString()).put("paidTo", attributes.get("expiresAt").asText());
        }
        return details;
    }

    /**
     * Takes room in the zone and has the provisioner build the instance, before anything is
     * written: a full zone or a failed build refuses the creation, with no instance, order or charge.
     */
    private void provision(String product, String zone, BillingMethod method, String instanceId) {
        if (!provisioner.reserve(product, zone, method)) {
            throw new ProblemException("InsufficientResourceCapacity", "zone " + zone + " has no room for another " + product + " instance billed "
                    + method.alibabaName());
        }
        if (!provisioner.perform(product, "CREATE", instanceId)) {
            provisioner.release(product, zone, method);
            throw new ProblemException(Codes.PROVISIONING_FAILED, "the infrastructure could not create the instance; nothing was charged, "
                    + "try again");
        }
    }

    /** Releases an instance: billing stops at this second. */
    public Instance release(String accountId, String instanceId) {
        Instant now = clock.now();
        Instance released = jdbi.inTransaction(h -> {
            Instance i = InstanceStore.lock(h, accountId, instanceId);
            if (i.isReleased()) {
                throw InstanceStore.notFound(instanceId);
            }
            if (OperationStore.hasPending(h, instanceId)) {
                throw new ProblemException(Codes.INCORRECT_STATE, "instance " + instanceId + " has an operation in progress (" + i.status() + ")");
            }
            InstanceStore.append(h, instanceId, List.of(new TimelineEvent.Released(now)));
            InstanceResources.releaseAll(h, instanceId, now);
            EventLog.emit(h, i.accountId(), instanceId, "instance.released", now, EventLog.payload());
            return InstanceStore.get(h, null, instanceId);
        });
        // The zone has room again once the release is committed.
        provisioner.release(released.product(), released.zoneId(), released.method());
        return released;
    }

    /** Pauses an instance: Pausing now, Paused when the provisioner finishes. */
    public Instance pause(String accountId, String instanceId) {
        return jdbi.inTransaction(h -> payAsYouGo.pause(h, accountId, instanceId));
    }

    /** Resumes a paused instance: Starting now (not billed), Running when the provisioner finishes. */
    public Instance resume(String accountId, String instanceId) {
        return jdbi.inTransaction(h -> payAsYouGo.resume(h, accountId, instanceId));
    }

    /** Changes the class of a pay-as-you-go instance (see {@link PayAsYouGoChanges#modifySpec}). */
    public Instance modifySpec(String accountId, String instanceId, String newClass, Integer storageGb) {
        return modifySpec(accountId, instanceId, newClass, storageGb, null);
    }

    /** The same, with a node count for classes sold by nodes (a class left out keeps the current one). */
    public Instance modifySpec(String accountId, String instanceId, String askedClass, Integer storageGb, Integer nodeCount) {
        return jdbi.inTransaction(h -> payAsYouGo.modifySpec(h, accountId, instanceId, askedClass, storageGb, nodeCount));
    }

    /** Pause, resume and the pay-as-you-go spec change as actions, so an estimate runs exactly what the change runs. */
    public Map<String, ChangeAction> payAsYouGoActions() {
        return payAsYouGo.actions();
    }

    /**
     * Merges reported configuration facts (engine version, SSL, proxy...) into the instance's
     * attributes. A reported storage type is not just a fact: storage is billed by it, so it
     * becomes a spec change on the timeline (refused if that storage has no price).
     */
    public Instance setAttributes(String instanceId, ObjectNode patch) {
        Instant now = clock.now();
        return jdbi.inTransaction(h -> {
            Instance i = InstanceStore.lock(h, null, instanceId);
            if (i.isReleased()) {
                throw InstanceStore.notFound(instanceId);
            }
            ObjectNode facts = patch.deepCopy();
            if (facts.has(STORAGE_TYPE)) {
                String type = facts.remove(STORAGE_TYPE).asText();
                Product product = catalog.product(i.product()).orElseThrow();
                List<Problem> problems = new ArrayList<>();
                InstanceSnapshot changed = InstanceStore.current(h, instanceId).withStorage(i.storageGb(), type);
                CreationCheck.checkPrices(catalog, product, changed, AccountStore.find(h, i.accountId()).orElseThrow().currency(), now, problems);
                if (!problems.isEmpty()) {
                    throw new ProblemException(problems);
                }
                InstanceStore.append(h, instanceId, List.of(new TimelineEvent.SpecChanged(now, i.instanceClass(), i.storageGb(), type)));
            }
            ObjectNode merged = InstanceStore.get(h, null, instanceId).attributes().deepCopy();
            merged.setAll(facts);
            InstanceStore.setAttributes(h, instanceId, merged);
            EventLog.emit(h, i.accountId(), instanceId, "instance.attributes-changed", now, patch.deepCopy());
            return InstanceStore.get(h, null, instanceId);
        });
    }

    /** The instance must be in {@code state}, with no operation or unpaid order in flight. */
    public static void requireIdle(Handle h, Instance i, String state) {
        if (i.isReleased()) {
            throw InstanceStore.notFound(i.id());
        }
        if (OperationStore.hasPending(h, i.id()) || !i.status().equals(state)) {
            throw new ProblemException(Codes.INCORRECT_STATE, "The instance " + i.id() + " is " + i.status() + "; this change needs it "
                    + state + " with no operation in progress.");
        }
        if (OrderStore.hasOpenOrder(h, i.id())) {
            throw new ProblemException("OperationDenied.OrderUnPaid", "instance " + i.id() + " has an unpaid order");
        }
    }

}
