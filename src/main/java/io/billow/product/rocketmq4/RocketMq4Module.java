package io.billow.product.rocketmq4;

import io.billow.api.rpc.ClientTokens;
import io.billow.api.rpc.RpcActions;
import io.billow.catalog.Catalog;
import io.billow.change.InstanceChanges;
import io.billow.change.ProductRules;
import io.billow.clock.BillowClock;
import io.billow.operation.OperationRunner;
import io.billow.product.ProductModule;
import io.billow.provision.Provisioner;
import io.billow.resource.InstanceResources;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** ApsaraMQ for RocketMQ 4.x: Standard and Enterprise Platinum editions, topics and groups, and the ONS API. */
public final class RocketMq4Module implements ProductModule {

    public static final String PRODUCT = "rocketmq-4";
    /** The ONS API version the official SDKs call (aliyun-java-sdk-ons, ons20190214). */
    public static final String ONS_VERSION = "2019-02-14";

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
        OnsInstances instances = new OnsInstances(jdbi);
        OnsInstanceActions instanceActions = new OnsInstanceActions(jdbi, instances, catalog, changes, resources, tokens);
        OnsTopicActions topics = new OnsTopicActions(instances, catalog, resources, tokens);
        OnsGroupActions groups = new OnsGroupActions(instances, catalog, resources, tokens);
        actions.register(ONS_VERSION, "OnsInstanceCreate", instanceActions::create)
                .register(ONS_VERSION, "OnsInstanceBaseInfo", instanceActions::baseInfo)
                .register(ONS_VERSION, "OnsInstanceInServiceList", instanceActions::inServiceList)
                .register(ONS_VERSION, "OnsInstanceUpdate", instanceActions::update)
                .register(ONS_VERSION, "OnsInstanceDelete", instanceActions::delete)
                .register(ONS_VERSION, "OnsTopicCreate", topics::create)
                .register(ONS_VERSION, "OnsTopicList", topics::list)
                .register(ONS_VERSION, "OnsTopicDelete", topics::delete)
                .register(ONS_VERSION, "OnsGroupCreate", groups::create)
                .register(ONS_VERSION, "OnsGroupList", groups::list)
                .register(ONS_VERSION, "OnsGroupDelete", groups::delete);
    }
}
