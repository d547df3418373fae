package io.billow.product.rds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.account.AccountStore;
import io.billow.api.rest.ProductRoutes;
import io.billow.api.rpc.ClientTokens;
import io.billow.api.rpc.RpcActions;
import io.billow.catalog.Catalog;
import io.billow.catalog.ParameterBounds;
import io.billow.change.InstanceChanges;
import io.billow.change.ProductRules;
import io.billow.change.SubscriptionToPayAsYouGo;
import io.billow.clock.BillowClock;
import io.billow.eligibility.CreateInstance;
import io.billow.problem.Problem;
import io.billow.product.ProductModule;
import io.billow.provision.Provisioner;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.List;

/** RDS PostgreSQL: the facts a new instance starts with and a deployment reports, the serverless switch on the native API, and the RDS API. */
public final class RdsModule implements ProductModule {

    private final RdsActions actions;
    private final RdsRoutes routes;
    private final Catalog catalog;

    public RdsModule(Jdbi jdbi, Catalog catalog, InstanceChanges changes, BillowClock clock, Provisioner provisioner,
                     SubscriptionToPayAsYouGo payTypes, AccountStore accounts, ClientTokens<Handle> tokens) {
        this.catalog = catalog;
        RdsSwitches switches = new RdsSwitches(jdbi, catalog, clock, provisioner);
        this.actions = new RdsActions(jdbi, catalog, changes, switches, payTypes, accounts, tokens);
        this.routes = new RdsRoutes(switches, new Estimates(jdbi, catalog, clock, switches));
    }

    @Override
    public String product() {
        return RdsActions.PRODUCT;
    }

    @Override
    public ProductRules rules() {
        return new ProductRules() {
            @Override
            public void initialAttributes(ObjectNode attributes, CreateInstance request, String instanceId) {
                // Creation has checked the version against the catalog: the one asked or the default, with its newest minor.
                ParameterBounds bounds = catalog.product(RdsActions.PRODUCT).orElseThrow().facts().bounds();
                String major = bounds.engineVersionOr(request.engineVersion()).orElseThrow();
                RdsAttributes.defaults(attributes, major, bounds.newestMinor(major).orElseThrow());
            }

            @Override
            public List<Problem> checkReported(ObjectNode facts) {
                return RdsAttributes.checkReported(facts);
            }
        };
    }

    @Override
    public void registerRest(ProductRoutes rest) {
        routes.register(rest);
    }

    @Override
    public void registerRpc(RpcActions rpc) {
        actions.register(rpc);
    }
}
