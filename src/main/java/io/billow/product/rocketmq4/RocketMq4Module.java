package io.billow.product.rocketmq4;

import io.billow.api.rpc.ClientTokens;
import io.billow.api.rpc.RpcActions;
import io.billow.catalog.Catalog;
import io.billow.change.InstanceChanges;
import io.billow.change.ProductRules;
import io.billow.clock.BillowClock;
import io.billow.operation.OperationRunner;
import io.billow.provision.Provisioner;
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
    private final RocketMq4Rules rules;

    public RocketMq4Module(Jdbi jdbi, Catalog catalog, InstanceChanges changes, InstanceResources resources, ClientTokens<Handle> tokens,
                           BillowClock clock, Provisioner provisioner) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.changes = changes;
        this.resources = resources;
        this.tokens = tokens;
        this.rules = new RocketMq4Rules(catalog, clock, provisioner);
    }

    @Override
    public String product() {
        return PRODUCT;
    }

    @Override
    public ProductRules rules() {
        return rules;
    }

    @Override
    public void registerOperations(OperationRunner operations) {
        operations.onFinish(EditionUpgrade.KIND, EditionUpgrade::finished);
    }

    @Override
    public void registerRpc(RpcActions actions) {
        // The ONS API (2019-02-14) is registered here.
    }
}
