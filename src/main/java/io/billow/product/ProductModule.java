package io.billow.product;

import io.billow.api.rest.ProductRoutes;
import io.billow.api.roa.RoaRoutes;
import io.billow.api.rpc.RpcActions;
import io.billow.change.ProductRules;
import io.billow.operation.OperationRunner;

/**
 * What one product adds to the engine beyond its catalog file: its rules and the actions of its
 * cloud API. Each product's package has one; the server lists them in one place, so adding a
 * product touches its YAML, its package and that list.
 */
public interface ProductModule {

    /** The catalog product this module serves; a catalog without it leaves the module out. */
    String product();

    /** The product's own rules for the change engine. */
    default ProductRules rules() {
        return ProductRules.NONE;
    }

    /** Adds the actions of the product's cloud API (its RPC service and version). */
    default void registerRpc(RpcActions actions) {
    }

    /** Adds the operations of the product's ROA API (RocketMQ 5.x: method + resource path + JSON body). */
    default void registerRoa(RoaRoutes routes) {
    }

    /** Adds the product's own routes of the native API (RDS: the serverless switch and its estimate). */
    default void registerRest(ProductRoutes routes) {
    }

    /** Adds what the product writes when its own operations finish (the end of an edition upgrade). */
    default void registerOperations(OperationRunner operations) {
    }
}
