package io.billow.product.polardb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rpc.ClientTokens;
import io.billow.api.rpc.RpcAction;
import io.billow.api.rpc.RpcActions;
import io.billow.catalog.Catalog;
import io.billow.change.ChangeRequests;
import io.billow.change.InstanceChanges;
import io.billow.change.ProductRules;
import io.billow.clock.BillowClock;
import io.billow.eligibility.CreateInstance;
import io.billow.operation.OperationRunner;
import io.billow.product.ProductModule;
import io.billow.subscription.PayTypeChanges;
import io.billow.subscription.SpecChanges;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * PolarDB for PostgreSQL: clusters of a node class × a node count, pay-as-you-go by the hour or
 * by subscription with prorated changes, and the PolarDB API (2017-08-01) that manages them.
 */
public final class PolarDbModule implements ProductModule {

    public static final String PRODUCT = "polardb-postgresql";
    /** The PolarDB API version generated clients (polardb20170801) call. */
    public static final String VERSION = "2017-08-01";
    /** The one edition the catalog sells. */
    static final String EDITION = "Enterprise";

    private final Jdbi jdbi;
    private final Catalog catalog;
    private final InstanceChanges changes;
    private final ChangeRequests requests;
    private final PayTypeChanges payTypes;
    private final BillowClock clock;
    private final ClientTokens<Handle> tokens;

    public PolarDbModule(Jdbi jdbi, Catalog catalog, InstanceChanges changes, ChangeRequests requests, PayTypeChanges payTypes,
                         BillowClock clock, ClientTokens<Handle> tokens) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.changes = changes;
        this.requests = requests;
        this.payTypes = payTypes;
        this.clock = clock;
        this.tokens = tokens;
    }

    @Override
    public String product() {
        return PRODUCT;
    }

    @Override
    public ProductRules rules() {
        return new ProductRules() {
            @Override
            public void initialAttributes(ObjectNode attributes, CreateInstance request, String instanceId) {
                // Creation has checked the node count against the class; none asked is the class's minimum.
                long nodes = request.nodeCount() != null ? request.nodeCount() : catalog.product(PRODUCT).flatMap(p -> p.instanceClass(
                        request.instanceClass())).flatMap(c -> c.limit("nodesMin")).orElse(1L);
                PolarClusters.initialNodes(attributes, nodes);
            }
        };
    }

    @Override
    public void registerRpc(RpcActions actions) {
        PolarClusters clusters = new PolarClusters(jdbi, catalog);
        PolarReads reads = new PolarReads(clusters);
        PolarNodes nodes = new PolarNodes(changes, requests, clusters, tokens);
        PolarLifecycle lifecycle = new PolarLifecycle(changes, payTypes, clusters, clock, tokens);
        register(actions, "CreateDBCluster", new PolarCreate(changes, clusters, tokens));
        register(actions, "DescribeDBClusters", reads::describeClusters);
        register(actions, "DescribeDBClusterAttribute", reads::describeAttribute);
        register(actions, "DescribeDBClusterEndpoints", reads::describeEndpoints);
        register(actions, "DeleteDBCluster", lifecycle::delete);
        register(actions, "TransformDBClusterPayType", lifecycle::transformPayType);
        register(actions, "ModifyDBNodeClass", nodes::modifyClass);
        register(actions, "CreateDBNodes", nodes::createNodes);
        register(actions, "DeleteDBNodes", nodes::deleteNodes);
    }

    @Override
    public void registerOperations(OperationRunner operations) {
        operations.onFinish(PRODUCT + ":" + SpecChanges.KIND, PolarClusters::settleNodes);
    }

    private static void register(RpcActions actions, String name, RpcAction action) {
        actions.register(VERSION, name, PolarErrors.translated(action));
    }
}
