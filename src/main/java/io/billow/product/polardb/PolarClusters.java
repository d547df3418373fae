package io.billow.product.polardb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcFailure;
import io.billow.catalog.Catalog;
import io.billow.catalog.InstanceClass;
import io.billow.catalog.Product;
import io.billow.change.InstanceIds;
import io.billow.instance.Instance;
import io.billow.instance.InstanceQuery;
import io.billow.instance.InstanceStore;
import io.billow.operation.Operation;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The caller's PolarDB clusters as the PolarDB API sees them, and their nodes. A cluster of
 * another tenant or product, or one already released, is answered exactly like an id that never
 * existed. A cluster's node count lives on the timeline (it is billed); the ids and roles of its
 * nodes (one Writer, then Readers) live in its attributes, under {@link #NODES}.
 */
final class PolarClusters {

    /** The attribute holding the cluster's nodes: [{"id": "pi-…", "role": "Writer"|"Reader"}]. */
    static final String NODES = "dbNodes";
    /** The node list while a node change is in flight: what the cluster goes back to if the change fails. */
    static final String NODES_BEFORE = "dbNodesBeforeChange";
    static final String WRITER = "Writer";
    static final String READER = "Reader";
    /** A limit on one listing: an account's clusters are read at most this many at a time. */
    static final int MAX_CLUSTERS = 10_000;

    /** A cluster with its billed node count. */
    record Seen(Instance instance, long nodes) {

        List<String> nodeIds() {
            List<String> ids = new ArrayList<>();
            instance.attributes().path(NODES).forEach(n -> ids.add(n.path("id").asText()));
            return ids;
        }
    }

    private final Jdbi jdbi;
    private final Catalog catalog;

    PolarClusters(Jdbi jdbi, Catalog catalog) {
        this.jdbi = jdbi;
        this.catalog = catalog;
    }

    Product product() {
        return catalog.product(PolarDbModule.PRODUCT).orElseThrow(() -> new IllegalStateException("the catalog has no " + PolarDbModule.PRODUCT));
    }

    Optional<InstanceClass> nodeClass(String code) {
        return product().instanceClass(code);
    }

    Seen require(String accountId, String id) {
        return jdbi.withHandle(h -> require(h, accountId, id));
    }

    Seen require(Handle h, String accountId, String id) {
        Instance i = InstanceStore.find(h, accountId, id).filter(PolarClusters::ours).orElseThrow(() -> InstanceStore.notFound(id));
        return new Seen(i, InstanceStore.current(h, i.id()).count(InstanceClass.NODES));
    }

    List<Seen> all(String accountId) {
        return jdbi.withHandle(h -> InstanceQuery.live(accountId, PolarDbModule.PRODUCT).all(h, MAX_CLUSTERS).stream()
                .map(i -> new Seen(i, InstanceStore.current(h, i.id()).count(InstanceClass.NODES))).toList());
    }

    /** The region a call names, refused when the product is not sold there. */
    String region(String region) {
        Product p = product();
        if (!p.regions().contains(region) && !p.regions().contains("*")) {
            throw new RpcFailure(RpcError.of("InvalidRegionId.NotFound", 404, "The specified region " + region
                    + " does not offer PolarDB for PostgreSQL; regions: " + p.regions() + "."));
        }
        return region;
    }

    /** A new cluster's nodes: the Writer first, then Readers. */
    static ArrayNode initialNodes(ObjectNode attributes, long count) {
        ArrayNode nodes = attributes.putArray(NODES);
        for (int n = 0; n < count; n++) {
            nodes.addObject().put("id", newNodeId()).put("role", n == 0 ? WRITER : READER);
        }
        return nodes;
    }

    /** The cluster's nodes after {@code added} Readers are added (their ids in {@code ids}). */
    static ObjectNode withReaders(Instance i, List<String> ids) {
        ObjectNode a = i.attributes().deepCopy();
        a.set(NODES_BEFORE, i.attributes().path(NODES).deepCopy());
        ArrayNode nodes = a.withArray(NODES);
        ids.forEach(id -> nodes.addObject().put("id", id).put("role", READER));
        return a;
    }

    /** The cluster's nodes without those named. */
    static ObjectNode without(Instance i, List<String> ids) {
        ObjectNode a = i.attributes().deepCopy();
        a.set(NODES_BEFORE, i.attributes().path(NODES).deepCopy());
        ArrayNode kept = a.putArray(NODES);
        for (JsonNode n : i.attributes().path(NODES)) {
            if (!ids.contains(n.path("id").asText())) {
                kept.add(n);
            }
        }
        return a;
    }

    /**
     * When a node change finishes: a failed one puts the node list back as it was, so the nodes
     * listed stay the nodes billed (the timeline keeps the old count on failure).
     */
    static void settleNodes(Handle h, Operation op, boolean succeeded) {
        Instance i = InstanceStore.get(h, null, op.instanceId());
        if (!i.attributes().has(NODES_BEFORE)) {
            return;
        }
        ObjectNode a = i.attributes().deepCopy();
        JsonNode before = a.remove(NODES_BEFORE);
        if (!succeeded) {
            a.set(NODES, before);
        }
        InstanceStore.setAttributes(h, i.id(), a);
    }

    static String role(Instance i, String nodeId) {
        for (JsonNode n : i.attributes().path(NODES)) {
            if (n.path("id").asText().equals(nodeId)) {
                return n.path("role").asText();
            }
        }
        return "";
    }

    static String newNodeId() {
        return InstanceIds.next("pi-bp1{lower:17}");
    }

    private static boolean ours(Instance i) {
        return !i.isReleased() && i.product().equals(PolarDbModule.PRODUCT);
    }
}
