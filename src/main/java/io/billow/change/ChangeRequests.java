package io.billow.change;

import io.billow.account.AccountStore;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.Product;
import io.billow.clock.BillowClock;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.problem.Codes;
import io.billow.problem.Problem;
import io.billow.problem.ProblemException;
import io.billow.operation.Operation;
import io.billow.operation.OperationStore;
import io.billow.provision.Provisioner;
import io.billow.rating.BillLine;
import io.billow.rating.Rater;
import io.billow.timeline.InstanceSnapshot;
import io.billow.timeline.TimelineEvent;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Runs the changes that are actions of their own (the subscription engine's, and those a product
 * offers) by name: for real, in one transaction; or as an estimate, the same run rolled back, so
 * a price shown before confirming is exactly the price the change would charge.
 */
public final class ChangeRequests {

    private final Jdbi jdbi;
    private final BillowClock clock;
    private final InstanceChanges changes;
    private final Provisioner provisioner;
    private final Map<String, ChangeAction> engineActions;

    public ChangeRequests(Jdbi jdbi, InstanceChanges changes, BillowClock clock, Provisioner provisioner,
                          Map<String, ChangeAction> engineActions) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.changes = changes;
        this.provisioner = provisioner;
        this.engineActions = Map.copyOf(engineActions);
    }

    /** Whether an action name is one of these (else the caller's own switch handles it). */
    public boolean handles(String action, String accountId, String instanceId) {
        return action != null && lookup(accountId, instanceId, action).isPresent();
    }

    /** The action names an instance offers here. */
    public TreeSet<String> names(String accountId, String instanceId) {
        TreeSet<String> names = new TreeSet<>(engineActions.keySet());
        names.addAll(productActions(accountId, instanceId).keySet());
        return names;
    }

    public ChangeAction.Done apply(String accountId, String instanceId, ChangeRequest request) {
        ChangeAction action = find(accountId, instanceId, request.action());
        ChangeAction.Done done = jdbi.inTransaction(h -> action.apply(h, accountId, instanceId, request));
        if (done.instance().isReleased()) {
            // The zone has room again once the release is committed.
            provisioner.release(done.instance().product(), done.instance().zoneId(), done.instance().method());
        }
        return done;
    }

    /**
     * The change inside the caller's transaction (an RPC action keeping its answer under a
     * ClientToken in the same one); for changes that release nothing.
     */
    public ChangeAction.Done applyIn(Handle h, String accountId, String instanceId, ChangeRequest request) {
        return find(accountId, instanceId, request.action()).apply(h, accountId, instanceId, request);
    }

    /**
     * What the change would do, or why it cannot be made; nothing is written. {@code hourly} is one
     * hour of the configuration before and after the change, for instances billed by use.
     */
    public record Estimate(Optional<ChangeAction.Done> done, List<Problem> violations, Optional<Hourly> hourly) {
    }

    /** One hour's bill lines as the instance is now and as it will be once the change is done. */
    public record Hourly(List<BillLine> before, List<BillLine> after) {
    }

    public Estimate estimate(String accountId, String instanceId, ChangeRequest request) {
        ChangeAction action = lookup(accountId, instanceId, request.action()).or(() -> payAsYouGo(accountId, instanceId, request.action()))
                .orElseGet(() -> find(accountId, instanceId, request.action()));
        try (Handle h = jdbi.open()) {
            h.begin();
            try {
                InstanceSnapshot before = InstanceStore.current(h, instanceId);
                ChangeAction.Done done = action.apply(h, accountId, instanceId, request);
                return new Estimate(Optional.of(done), List.of(), hourly(h, done.instance(), before));
            } catch (ProblemException refused) {
                return new Estimate(Optional.empty(), refused.problems(), Optional.empty());
            } finally {
                h.rollback();
            }
        }
    }

    /** The configuration once the change in flight succeeds (a change made at once has none in flight). */
    private Optional<Hourly> hourly(Handle h, Instance i, InstanceSnapshot before) {
        if (i.isReleased()) {
            return Optional.empty();
        }
        InstanceSnapshot after = InstanceStore.current(h, i.id());
        for (TimelineEvent e : OperationStore.pending(h, i.id()).map(Operation::onSuccess).orElse(List.of())) {
            after = e.applyTo(after);
        }
        if (before.method() == BillingMethod.SUBSCRIPTION && after.method() == BillingMethod.SUBSCRIPTION) {
            return Optional.empty(); // a term is paid by its orders, not by the hour
        }
        Product product = changes.catalog().product(i.product()).orElseThrow();
        Rater.Pricing pricing = new Rater.Pricing(i.product(), i.region(), AccountStore.find(h, i.accountId()).orElseThrow().currency());
        Instant now = clock.now();
        return Optional.of(new Hourly(HourlyCost.lines(changes.catalog(), product, before, now, pricing, List.of()),
                HourlyCost.lines(changes.catalog(), product, after, now, pricing, List.of())));
    }

    /** Pause, resume and a pay-as-you-go spec change: estimated here, made by their own routes. */
    private Optional<ChangeAction> payAsYouGo(String accountId, String instanceId, String name) {
        Instance i = jdbi.withHandle(h -> InstanceStore.get(h, accountId, instanceId));
        return Optional.ofNullable(name == null ? null : changes.payAsYouGoActions().get(name)).filter(a -> a.appliesTo(i));
    }

    private ChangeAction find(String accountId, String instanceId, String name) {
        return lookup(accountId, instanceId, name).orElseThrow(() -> new ProblemException(Codes.INVALID_PARAMETER, "action must be one of "
                + String.join(", ", names(accountId, instanceId)) + ", got " + name));
    }

    /** The product's action of that name, else the engine's, if it is the one for this instance. */
    private Optional<ChangeAction> lookup(String accountId, String instanceId, String name) {
        if (name == null) {
            return Optional.empty();
        }
        Instance i = jdbi.withHandle(h -> InstanceStore.get(h, accountId, instanceId));
        ChangeAction action = changes.rules(i.product()).changeActions().getOrDefault(name, engineActions.get(name));
        return Optional.ofNullable(action).filter(a -> a.appliesTo(i));
    }

    private Map<String, ChangeAction> productActions(String accountId, String instanceId) {
        Instance i = jdbi.withHandle(h -> InstanceStore.get(h, accountId, instanceId));
        return changes.rules(i.product()).changeActions();
    }
}
