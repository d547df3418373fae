package io.billow.change;

import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.problem.Codes;
import io.billow.problem.Problem;
import io.billow.problem.ProblemException;
import io.billow.provision.Provisioner;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

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
    private final InstanceChanges changes;
    private final Provisioner provisioner;
    private final Map<String, ChangeAction> engineActions;

    public ChangeRequests(Jdbi jdbi, InstanceChanges changes, Provisioner provisioner, Map<String, ChangeAction> engineActions) {
        this.jdbi = jdbi;
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

    /** What the change would do, or why it cannot be made; nothing is written. */
    public record Estimate(Optional<ChangeAction.Done> done, List<Problem> violations) {
    }

    public Estimate estimate(String accountId, String instanceId, ChangeRequest request) {
        ChangeAction action = find(accountId, instanceId, request.action());
        try (Handle h = jdbi.open()) {
            h.begin();
            try {
                return new Estimate(Optional.of(action.apply(h, accountId, instanceId, request)), List.of());
            } catch (ProblemException refused) {
                return new Estimate(Optional.empty(), refused.problems());
            } finally {
                h.rollback();
            }
        }
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
