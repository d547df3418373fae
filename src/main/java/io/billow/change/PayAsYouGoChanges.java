package io.billow.change;

import io.billow.account.AccountStore;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.Catalog;
import io.billow.catalog.InstanceClass;
import io.billow.catalog.Product;
import io.billow.clock.BillowClock;
import io.billow.eligibility.Bounds;
import io.billow.eligibility.CreationCheck;
import io.billow.event.EventLog;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.operation.Operation;
import io.billow.operation.OperationStore;
import io.billow.problem.Codes;
import io.billow.problem.Problem;
import io.billow.problem.ProblemException;
import io.billow.provision.Provisioner;
import io.billow.timeline.TimelineEvent;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The changes that make no order: pause, resume, and a pay-as-you-go spec change. Each runs inside
 * the caller's transaction, so the same code makes the change and, rolled back, estimates it.
 */
public final class PayAsYouGoChanges {

    private final Catalog catalog;
    private final BillowClock clock;
    private final Provisioner provisioner;

    PayAsYouGoChanges(Catalog catalog, BillowClock clock, Provisioner provisioner) {
        this.catalog = catalog;
        this.clock = clock;
        this.provisioner = provisioner;
    }

    /** The three as named actions; the spec change is the one for instances not billed by subscription. */
    Map<String, ChangeAction> actions() {
        return Map.of(
                "pause", (h, account, id, req) -> done(pause(h, account, id), "Pausing now, Paused when done: from then only storage is billed"),
                "resume", (h, account, id, req) -> done(resume(h, account, id), "Starting now (not billed), then Running: compute is billed again"),
                "modifySpec", new ChangeAction() {
                    @Override
                    public boolean appliesTo(Instance instance) {
                        return instance.method() != BillingMethod.SUBSCRIPTION;
                    }

                    @Override
                    public Done apply(Handle h, String account, String id, ChangeRequest req) {
                        return done(modifySpec(h, account, id, req.instanceClass(), req.storageGb(), req.nodeCount()),
                                "billed at the current spec until the change is done, at the new one from then; no order");
                    }
                });
    }

    private static ChangeAction.Done done(Instance i, String explanation) {
        return new ChangeAction.Done(i, Optional.empty(), explanation);
    }

    Instance pause(Handle h, String accountId, String instanceId) {
        return transition(h, accountId, instanceId, "PAUSE", "Running", "Pausing", "Paused", "Running");
    }

    Instance resume(Handle h, String accountId, String instanceId) {
        return transition(h, accountId, instanceId, "RESUME", "Paused", "Starting", "Running", "Paused");
    }

    private Instance transition(Handle h, String accountId, String instanceId, String kind, String from, String during, String to,
                                String onFailure) {
        Instant now = clock.now();
        Instance i = InstanceStore.lock(h, accountId, instanceId);
        Product product = catalog.product(i.product()).orElseThrow();
        if (!product.hasState(during) || !product.hasState(to)) {
            throw new ProblemException("OperationDenied", product.name() + " instances cannot " + kind.toLowerCase(Locale.ROOT));
        }
        InstanceChanges.requireIdle(h, i, from);
        InstanceStore.append(h, instanceId, List.of(new TimelineEvent.StateChanged(now, during)));
        OperationStore.insert(h, Operation.of(i.accountId(), instanceId, null, i.product(), i.zoneId(), kind,
                now.plus(provisioner.duration(i.product(), kind)),
                List.of(new TimelineEvent.StateChanged(now, to)), List.of(new TimelineEvent.StateChanged(now, onFailure))), now);
        EventLog.emit(h, i.accountId(), instanceId, "instance.state-changed", now, EventLog.payload().put("state", during));
        return InstanceStore.get(h, null, instanceId);
    }

    /**
     * Changes the class (and node count, for classes sold by nodes) of a pay-as-you-go instance:
     * Scaling, billed at the original spec, until the provisioner finishes, then the new spec from
     * the instant it is Running again. A class left out keeps the current one.
     */
    Instance modifySpec(Handle h, String accountId, String instanceId, String askedClass, Integer storageGb, Integer nodeCount) {
        Instant now = clock.now();
        Instance i = InstanceStore.lock(h, accountId, instanceId);
        Product product = catalog.product(i.product()).orElseThrow();
        List<Problem> problems = new ArrayList<>();
        String newClass = askedClass == null && nodeCount != null ? i.instanceClass() : askedClass;
        InstanceClass cls = targetClass(product, i, newClass, problems);
        int gb = storageGb == null ? i.storageGb() : storageGb;
        if (gb < i.storageGb()) {
            problems.add(Problem.of(Bounds.INVALID_STORAGE, "storage can grow, not shrink: it is " + i.storageGb() + " GB, got " + gb));
        } else if (cls != null && problems.isEmpty()) {
            Bounds.storage(product, cls, i.method(), i.storageType(), gb, problems);
        }
        List<TimelineEvent> nodes = nodeChange(cls, nodeCount, now, problems);
        if (i.method() == BillingMethod.SUBSCRIPTION) {
            problems.add(Problem.of("InvalidPayType.NotSupported", "a subscription's spec change is a prorated order: "
                    + "POST /api/v1/instances/{id}/changes with action modifySpec"));
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(problems);
        }
        InstanceChanges.requireIdle(h, i, "Running");
        String scaling = product.hasState("Scaling") ? "Scaling" : "DBInstanceClassChanging";
        CreationCheck.checkPrices(catalog, product, InstanceStore.current(h, instanceId).withClass(newClass).withState("Running"),
                AccountStore.find(h, i.accountId()).orElseThrow().currency(), now, problems);
        if (!problems.isEmpty()) {
            throw new ProblemException(problems);
        }
        List<TimelineEvent> completion = new ArrayList<>();
        completion.add(new TimelineEvent.SpecChanged(now, newClass, gb, i.storageType()));
        completion.addAll(nodes);
        completion.add(new TimelineEvent.StateChanged(now, "Running"));
        InstanceStore.append(h, instanceId, List.of(new TimelineEvent.StateChanged(now, scaling)));
        OperationStore.insert(h, Operation.of(i.accountId(), instanceId, null, i.product(), i.zoneId(), "MODIFY_SPEC",
                now.plus(provisioner.duration(i.product(), "MODIFY_SPEC")), completion,
                List.of(new TimelineEvent.StateChanged(now, "Running"))), now);
        EventLog.emit(h, i.accountId(), instanceId, "instance.state-changed", now, EventLog.payload().put("state", scaling)
                .put("targetClass", newClass));
        return InstanceStore.get(h, null, instanceId);
    }

    private static InstanceClass targetClass(Product product, Instance i, String newClass, List<Problem> problems) {
        InstanceClass cls = newClass == null ? null : product.classes().get(newClass);
        if (newClass == null) {
            problems.add(Problem.of(Codes.MISSING_PARAMETER, "instanceClass is required"));
        } else if (cls == null) {
            problems.add(Problem.of("InvalidDBInstanceClass.NotFound", "unknown instance class '" + newClass + "' of " + product.code()));
        } else if (cls.edition().isPresent() && !cls.edition().get().equals(i.edition())) {
            problems.add(Problem.of("IncorrectTargetClasscode", "class " + newClass + " belongs to edition " + cls.edition().get()));
        } else if (!cls.methods().contains(i.method())) {
            problems.add(Problem.of("IncorrectTargetClasscode", "class " + newClass + " cannot be billed " + i.method().alibabaName()));
        }
        return cls;
    }

    /** The node count a spec change sets, as the event it adds when it completes; nothing for a class not sold by nodes. */
    private static List<TimelineEvent> nodeChange(InstanceClass cls, Integer nodeCount, Instant at, List<Problem> problems) {
        if (cls == null || nodeCount == null) {
            return List.of();
        }
        if (!cls.hasNodes()) {
            problems.add(Problem.of(Codes.INVALID_PARAMETER, cls.code() + " is not sold by a number of nodes"));
            return List.of();
        }
        cls.nodeProblem(nodeCount).ifPresent(why -> problems.add(Problem.of("InvalidSegNodeNum", why)));
        return List.of(new TimelineEvent.ResourceCountChanged(at, InstanceClass.NODES, nodeCount));
    }
}
