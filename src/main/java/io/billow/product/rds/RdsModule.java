package io.billow.product.rds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rpc.RpcActions;
import io.billow.eligibility.CreateInstance;
import io.billow.change.ProductRules;
import io.billow.change.RdsAttributes;
import io.billow.product.ProductModule;

/** RDS PostgreSQL: the configuration facts a new instance starts with, and the RDS API. */
public final class RdsModule implements ProductModule {

    private final RdsActions actions;

    public RdsModule(RdsActions actions) {
        this.actions = actions;
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
                RdsAttributes.defaults(attributes, request.engineVersion());
            }
        };
    }

    @Override
    public void registerRpc(RpcActions rpc) {
        actions.register(rpc);
    }
}
