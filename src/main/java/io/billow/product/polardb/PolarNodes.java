package io.billow.product.polardb;

import io.billow.api.rpc.ClientTokens;
import io.billow.api.rpc.RpcCall;
import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcFailure;
import io.billow.api.rpc.RpcParameters;
import io.billow.api.rpc.RpcResult;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.InstanceClass;
import io.billow.change.ChangeRequest;
import io.billow.change.ChangeRequests;
import io.billow.change.InstanceChanges;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.order.Order;
import io.billow.problem.ProblemException;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * ModifyDBNodeClass, CreateDBNodes and DeleteDBNodes: a cluster's node class or node count
 * changed. A subscription cluster's change is the engine's prorated order (an UPGRADE paid before
 * the change, a DOWNGRADE refunded when it is done, domain.md §8); a pay-as-you-go cluster's bills
 * at the old configuration until the change completes and at the new one from that hour.
 * Everything is checked before anything is written; a refusal changes nothing.
 */
final class PolarNodes {

    /** A limit: a cluster has at most 16 nodes, so a call names at most 16. */
    static final int MAX_LISTED = 16;
    /** How a node class compares in size: cores, then memory. */
    private static final Comparator<InstanceClass> SIZE = Comparator.comparingInt(InstanceClass::cores)
            .thenComparing(InstanceClass::memoryGb);

    private final InstanceChanges changes;
    private final ChangeRequests requests;
    private final PolarClusters clusters;
    private final ClientTokens<Handle> tokens;

    PolarNodes(InstanceChanges changes, ChangeRequests requests, PolarClusters clusters, ClientTokens<Handle> tokens) {
        this.changes = changes;
        this.requests = requests;
        this.clusters = clusters;
        this.tokens = tokens;
    }

    RpcResult modifyClass(RpcCall call) {
        RpcParameters p = call.parameters();
        String id = p.required("DBClusterId");
        String type = p.required("ModifyType");
        if (!type.equals("Upgrade") && !type.equals("Downgrade")) {
            throw new RpcFailure(RpcError.invalidParameter("ModifyType", "It must be Upgrade or Downgrade."));
        }
        String target = p.required("DBNodeTargetClass");
        immediate(p, call.now());
        PolarClusters.Seen s = clusters.require(call.accountId(), id);
        InstanceClass to = clusters.nodeClass(target).orElseThrow(() -> new ProblemException(PolarErrors.NODE_CLASS_NOT_FOUND,
                "unknown node class '" + target + "' of PolarDB for PostgreSQL"));
        clusters.nodeClass(s.instance().instanceClass()).ifPresent(from -> direction(type, from, to));
        return call.idempotent(tokens, h -> {
            Optional<Order> order = change(call, h, s.instance(), target, null);
            return RpcResult.newObject().put("DBClusterId", id).put("OrderId", order.map(Order::id).orElse(""));
        });
    }

    RpcResult createNodes(RpcCall call) {
        RpcParameters p = call.parameters();
        String id = p.required("DBClusterId");
        List<String> classes = listed(p, "DBNode.%d.TargetClass");
        if (classes.isEmpty()) {
            throw new RpcFailure(RpcError.missingParameter("DBNode.1.TargetClass"));
        }
        if (p.optional("DBNodeType").filter(t -> !t.equals("RO")).isPresent()) {
            throw new RpcFailure(RpcError.invalidParameter("DBNodeType", "This Billow server adds read-only (RO) nodes."));
        }
        immediate(p, call.now());
        PolarClusters.Seen s = clusters.require(call.accountId(), id);
        for (int n = 0; n < classes.size(); n++) {
            if (!classes.get(n).equals(s.instance().instanceClass())) {
                throw new RpcFailure(RpcError.invalidParameter("DBNode." + (n + 1) + ".TargetClass", "A new node has the cluster's class "
                        + s.instance().instanceClass() + ", not " + classes.get(n) + "."));
            }
        }
        List<String> added = new ArrayList<>();
        classes.forEach(c -> added.add(PolarClusters.newNodeId()));
        return call.idempotent(tokens, h -> {
            Optional<Order> order = change(call, h, s.instance(), null, Math.toIntExact(s.nodes() + added.size()));
            InstanceStore.setAttributes(h, id, PolarClusters.withReaders(InstanceStore.get(h, null, id), added));
            var out = RpcResult.newObject().put("DBClusterId", id).put("OrderId", order.map(Order::id).orElse(""));
            added.forEach(out.putObject("DBNodeIds").putArray("DBNodeId")::add);
            return out;
        });
    }

    RpcResult deleteNodes(RpcCall call) {
        RpcParameters p = call.parameters();
        String id = p.required("DBClusterId");
        List<String> named = listed(p, "DBNodeId.%d");
        if (named.isEmpty()) {
            throw new RpcFailure(RpcError.missingParameter("DBNodeId.1"));
        }
        if (new LinkedHashSet<>(named).size() != named.size()) {
            throw new RpcFailure(RpcError.invalidParameter("DBNodeId", "A node is named twice."));
        }
        PolarClusters.Seen s = clusters.require(call.accountId(), id);
        for (String node : named) {
            if (!s.nodeIds().contains(node)) {
                throw new RpcFailure(RpcError.of(PolarErrors.NODE_NOT_FOUND, 404, "The node " + node + " is not a node of " + id + "."));
            }
            if (PolarClusters.role(s.instance(), node).equals(PolarClusters.WRITER)) {
                throw new RpcFailure(RpcError.of("OperationDenied.DBNodeRole", 403, "The node " + node + " is the cluster's Writer (primary"
                        + " node); only Reader nodes are deleted."));
            }
        }
        return call.idempotent(tokens, h -> {
            Optional<Order> order = change(call, h, s.instance(), null, Math.toIntExact(s.nodes() - named.size()));
            InstanceStore.setAttributes(h, id, PolarClusters.without(InstanceStore.get(h, null, id), named));
            return RpcResult.newObject().put("DBClusterId", id).put("OrderId", order.map(Order::id).orElse(""));
        });
    }

    /** The change through the engine: a subscription's prorated order in this transaction, or a pay-as-you-go spec change. */
    private Optional<Order> change(RpcCall call, Handle h, Instance i, String cls, Integer nodes) {
        if (i.method() == BillingMethod.SUBSCRIPTION) {
            return requests.applyIn(h, call.accountId(), i.id(), new ChangeRequest("modifySpec", cls, null, null, null, null, null, nodes))
                    .order();
        }
        changes.modifySpec(call.accountId(), i.id(), cls, null, nodes);
        return Optional.empty();
    }

    /** ModifyType must say what the change is: a bigger class is an Upgrade, a smaller one a Downgrade. */
    private static void direction(String type, InstanceClass from, InstanceClass to) {
        int size = SIZE.compare(to, from);
        if (type.equals("Downgrade") && size > 0 || type.equals("Upgrade") && size < 0) {
            throw new RpcFailure(RpcError.of(PolarErrors.MODIFY_TYPE, 400, to.code() + " is " + (size > 0 ? "bigger" : "smaller") + " than "
                    + from.code() + ": that is " + (size > 0 ? "an Upgrade" : "a Downgrade") + ", not " + (type.equals("Upgrade") ? "an " : "a ")
                    + type + "."));
        }
    }

    /**
     * This server makes changes at once: a PlannedStartTime not after now is taken as "now"; one in
     * the future is refused rather than ignored, so that nothing changes earlier than the caller planned.
     */
    static void immediate(RpcParameters p, Instant now) {
        Optional<Instant> planned = p.optionalInstant("PlannedStartTime");
        if (planned.isPresent() && planned.get().isAfter(now)) {
            throw new RpcFailure(RpcError.of("UnsupportedParameter.PlannedStartTime", 400, "PlannedStartTime " + planned.get()
                    + " is in the future, and this Billow server does not schedule changes: leave PlannedStartTime out to change now."));
        }
    }

    /** The values of a repeated parameter (DBNodeId.1, DBNodeId.2, …), in order, up to the first gap. */
    private static List<String> listed(RpcParameters p, String pattern) {
        List<String> values = new ArrayList<>();
        for (int n = 1; n <= MAX_LISTED + 1; n++) {
            Optional<String> v = p.optional(String.format(pattern, n));
            if (v.isEmpty()) {
                break;
            }
            values.add(v.get());
        }
        if (values.size() > MAX_LISTED) {
            throw new RpcFailure(RpcError.invalidParameter(pattern.replace("%d", "N"), "At most " + MAX_LISTED + " nodes."));
        }
        return values;
    }
}
