package io.billow.product.rocketmq5;

import io.billow.account.AccountStore;
import io.billow.catalog.Catalog;
import io.billow.catalog.InstanceClass;
import io.billow.catalog.Product;
import io.billow.change.ChangeAction;
import io.billow.change.ChangeRequest;
import io.billow.change.InstanceChanges;
import io.billow.clock.BillowClock;
import io.billow.eligibility.CreationCheck;
import io.billow.event.EventLog;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.problem.Codes;
import io.billow.problem.Problem;
import io.billow.problem.ProblemException;
import io.billow.timeline.InstanceSnapshot;
import io.billow.timeline.TimelineEvent;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Standard/Professional → Shared (seed 002), at once: the edition and instance type change at the
 * request's second, the instance keeps its id, topics and groups, a new provider-model endpoint
 * (free) is added, and each old consumer-model endpoint is marked To Be Unpublished. The old one
 * still reaches the instance and still bills its owner (its fee, and traffic through it) until the
 * user deletes it. There is no way back: Shared and Dedicated never become Standard/Professional.
 */
final class SharedUpgrade implements ChangeAction {

    static final String ACTION = "upgradeEdition";
    static final String DOWNGRADE_REFUSED = "OperationDenied.EditionDowngrade";
    static final String UPGRADE_REFUSED = "OperationDenied.EditionUpgrade";
    /** The catalog items (catalog/rocketmq-5.yaml) whose prices the explanation quotes. */
    private static final String INSTANCE_FEE = "instance_fee";
    private static final String ENDPOINT_FEE = "privatelink_endpoint";

    private final Catalog catalog;
    private final BillowClock clock;

    SharedUpgrade(Catalog catalog, BillowClock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public Done apply(Handle h, String accountId, String instanceId, ChangeRequest req) {
        Instant now = clock.now();
        Instance i = InstanceStore.lock(h, accountId, instanceId);
        InstanceChanges.requireIdle(h, i, "Running");
        Product product = catalog.product(i.product()).orElseThrow();
        InstanceClass cls = target(product, i, req);
        InstanceSnapshot before = InstanceStore.current(h, instanceId);
        List<Problem> problems = new ArrayList<>();
        String currency = AccountStore.find(h, i.accountId()).orElseThrow().currency();
        CreationCheck.checkPrices(catalog, product, before.withEdition(cls.edition().orElseThrow(), cls.code()), currency, now, problems);
        if (!problems.isEmpty()) {
            throw new ProblemException(problems);
        }
        List<TimelineEvent> events = new ArrayList<>();
        events.add(new TimelineEvent.EditionChanged(now, RocketMq5Rules.SHARED, cls.code()));
        List<String> old = new ArrayList<>();
        for (Endpoint e : Endpoints.list(h, instanceId)) {
            if (!e.isDeleted() && e.status() == Endpoint.Status.ACTIVE) {
                old.add(e.endpointId());
                events.add(new TimelineEvent.EndpointMarked(now, e.endpointId()));
                Endpoints.markToBeUnpublished(h, instanceId, e.endpointId(), now);
            }
        }
        Endpoint added = Endpoints.newEndpoint(instanceId, i.region(), false, false, now);
        events.add(new TimelineEvent.EndpointAdded(now, added.endpointId(), false));
        Endpoints.insert(h, instanceId, added);
        InstanceStore.append(h, instanceId, events);
        String explanation = "edition " + i.edition() + " → Shared (" + cls.code() + ") at " + now + ": topics and consumer groups bill "
                + "above the instance type's free quota, online clients above theirs, and a new endpoint (provider model) carries "
                + "PrivateLink traffic free; the old endpoint " + String.join(", ", old) + " is To Be "
                + "Unpublished: it still reaches the instance, and bills its endpoint fee and the traffic through it until you delete it"
                + hourly(product, i, cls, currency, now);
        EventLog.emit(h, i.accountId(), instanceId, "instance.edition-upgraded", now, EventLog.payload().put("from", i.edition())
                .put("to", RocketMq5Rules.SHARED).put("instanceClass", cls.code()).put("newEndpointId", added.endpointId())
                .put("oldEndpointIds", String.join(",", old)).put("message", explanation));
        return new Done(InstanceStore.get(h, null, instanceId), Optional.empty(), explanation);
    }

    /** The hourly fees the upgrade starts or keeps, from the price book: the instance fee, and the old endpoint's. */
    private String hourly(Product product, Instance i, InstanceClass cls, String currency, Instant now) {
        StringBuilder sb = new StringBuilder();
        catalog.prices().priceAt(product.code(), INSTANCE_FEE, i.region(), cls.code(), currency, now).ifPresent(p ->
                sb.append("; instance fee ").append(p.unitPrice().toPlainString()).append(' ').append(currency).append(" an hour"));
        catalog.prices().priceAt(product.code(), ENDPOINT_FEE, i.region(), "*", currency, now).ifPresent(p ->
                sb.append("; the old endpoint ").append(p.unitPrice().toPlainString()).append(' ').append(currency)
                        .append(" an hour until deleted"));
        return sb.toString();
    }

    /** The Shared instance type asked for; a downgrade or an upgrade the product does not sell is refused, each with its reason. */
    private static InstanceClass target(Product product, Instance i, ChangeRequest req) {
        String edition = req.edition() == null ? RocketMq5Rules.SHARED : req.edition();
        if (!product.editions().containsKey(edition)) {
            throw new ProblemException(Codes.INVALID_PARAMETER, "unknown edition '" + edition + "' of " + product.code() + " (known: "
                    + String.join(", ", new TreeSet<>(product.editions().keySet())) + ")");
        }
        boolean fromProvider = RocketMq5Rules.isProviderModel(i.edition());
        if (edition.equals(i.edition())) {
            throw new ProblemException(Codes.INVALID_PARAMETER, i.id() + " is already " + edition + "; to change its instance type "
                    + "within the edition, use modifySpec");
        }
        if (fromProvider || (i.edition().equals(RocketMq5Rules.PROFESSIONAL) && edition.equals(RocketMq5Rules.STANDARD))) {
            throw new ProblemException(DOWNGRADE_REFUSED, "a " + i.edition() + " instance cannot become " + edition + ": "
                    + product.name() + " upgrades Standard/Professional to Shared and never back");
        }
        if (!edition.equals(RocketMq5Rules.SHARED)) {
            throw new ProblemException(UPGRADE_REFUSED, "a " + i.edition() + " instance upgrades to Shared only, not " + edition);
        }
        if (req.instanceClass() == null) {
            throw new ProblemException(Codes.MISSING_PARAMETER, "instanceClass is required: the Shared instance type ("
                    + String.join(", ", sharedTypes(product)) + ")");
        }
        InstanceClass cls = product.classes().get(req.instanceClass());
        if (cls == null || !cls.edition().orElse("").equals(RocketMq5Rules.SHARED)) {
            throw new ProblemException("InvalidInstanceClass.NotFound", "'" + req.instanceClass() + "' is not a Shared instance type of "
                    + product.name() + " (they are: " + String.join(", ", sharedTypes(product)) + ")");
        }
        return cls;
    }

    private static TreeSet<String> sharedTypes(Product product) {
        TreeSet<String> out = new TreeSet<>();
        product.classes().forEach((code, c) -> {
            if (c.edition().orElse("").equals(RocketMq5Rules.SHARED)) {
                out.add(code);
            }
        });
        return out;
    }
}
