package io.billow.product.rocketmq5;

import io.billow.api.rest.ProductRoutes;
import io.billow.api.roa.RoaRoutes;
import io.billow.api.rpc.ClientTokens;
import io.billow.catalog.Catalog;
import io.billow.change.InstanceChanges;
import io.billow.change.ProductRules;
import io.billow.clock.BillowClock;
import io.billow.product.ProductModule;
import io.billow.product.rocketmq5.roa.RocketMq5Api;
import io.billow.resource.InstanceResources;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * ApsaraMQ for RocketMQ 5.x serverless (seed 002): the Standard, Professional, Shared and Dedicated
 * editions with their free quotas, capacity modes and PrivateLink endpoints; the upgrade to Shared
 * that switches endpoints; the endpoint routes of the native API; and the warnings that save money.
 */
public final class RocketMq5Module implements ProductModule {

    public static final String PRODUCT = "rocketmq-5";
    /** Creation options (native {@code options}, kept in the attributes): {@code cumulative} or {@code reserved}. */
    public static final String CAPACITY_TYPE = CapacityMode.CAPACITY_TYPE;
    /** With {@code capacityType reserved}: the reserved rate, in message requests (4 KB) per second. */
    public static final String RESERVED_CAPACITY = CapacityMode.RESERVED_CAPACITY;

    private final Jdbi jdbi;
    private final BillowClock clock;
    private final RocketMq5Rules rules;
    private final Endpoints endpoints;
    private final RocketMq5Api api;

    public RocketMq5Module(Jdbi jdbi, Catalog catalog, BillowClock clock, InstanceChanges changes, InstanceResources resources,
                           ClientTokens<Handle> tokens) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.rules = new RocketMq5Rules(catalog, clock);
        this.endpoints = new Endpoints(jdbi);
        this.api = new RocketMq5Api(jdbi, catalog, changes, resources, tokens, endpoints);
    }

    @Override
    public String product() {
        return PRODUCT;
    }

    @Override
    public ProductRules rules() {
        return rules;
    }

    /** The instances' endpoints, for the APIs that show them (GetInstance's networkInfo.endpoints). */
    public Endpoints endpoints() {
        return endpoints;
    }

    @Override
    public void registerRoa(RoaRoutes routes) {
        api.register(routes);
    }

    @Override
    public void registerRest(ProductRoutes routes) {
        new EndpointRoutes(jdbi, clock).register(routes);
    }
}
