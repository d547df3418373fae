package io.billow.console;

import io.billow.catalog.BillingMethod;
import io.billow.catalog.Catalog;
import io.billow.catalog.Product;
import io.billow.change.ChangeRequests;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The change actions an instance offers now, as the engine and its product registered them: the
 * console builds one flow per name, so a product's new action (PolarDB's node changes) appears
 * without console code.
 */
final class InstanceActions {

    private final Jdbi jdbi;
    private final Catalog catalog;
    private final ChangeRequests changes;
    private final Set<String> termActions;

    /** @param termActions the subscription engine's actions (renew, unsubscribe...): they act on a term, which only a subscription has */
    InstanceActions(Jdbi jdbi, Catalog catalog, ChangeRequests changes, Set<String> termActions) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.changes = changes;
        this.termActions = Set.copyOf(termActions);
    }

    /** @param accountId the caller's account, or null for the operator (who may read any) */
    List<String> of(String accountId, String instanceId) {
        Instance i = jdbi.withHandle(h -> InstanceStore.get(h, accountId, instanceId));
        List<String> names = new ArrayList<>();
        if (i.isReleased()) {
            return names;
        }
        Product product = catalog.product(i.product()).orElseThrow();
        // Pause and resume are the engine's own transitions, offered where the product has the states.
        if (product.hasState("Paused") && product.hasState("Pausing")) {
            names.add(i.status().equals("Paused") ? "resume" : "pause");
        }
        for (String name : changes.names(accountId, instanceId)) {
            boolean hasTerm = i.method() == BillingMethod.SUBSCRIPTION;
            if ((hasTerm || !termActions.contains(name)) && changes.handles(name, accountId, instanceId)) {
                names.add(name);
            }
        }
        return names;
    }
}
