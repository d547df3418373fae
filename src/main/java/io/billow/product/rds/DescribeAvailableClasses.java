package io.billow.product.rds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rpc.RpcAction;
import io.billow.api.rpc.RpcCall;
import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcFailure;
import io.billow.api.rpc.RpcParameters;
import io.billow.api.rpc.RpcResult;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.Catalog;
import io.billow.catalog.InstanceClass;
import io.billow.catalog.Product;

import java.util.Optional;

/**
 * DescribeAvailableClasses: the catalog's classes for the edition (Category) and pay type
 * (InstanceChargeType). The storage range is Billow's own limit, as the catalog has none per class.
 */
final class DescribeAvailableClasses implements RpcAction {

    /** [billow] What the engine accepts: 20 GB (the smallest ESSD) up to 64,000 GB, in steps of 1 GB. */
    private static final int MIN_STORAGE_GB = 20;
    private static final int MAX_STORAGE_GB = 64_000;

    private final Catalog catalog;

    DescribeAvailableClasses(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public RpcResult handle(RpcCall call) {
        RpcParameters p = call.parameters();
        if (!p.optional("Engine").orElse("PostgreSQL").equalsIgnoreCase("PostgreSQL")) {
            throw new RpcFailure(RpcError.invalidParameter("Engine", "This Billow server offers PostgreSQL only."));
        }
        BillingMethod method = RdsPayTypes.parse("InstanceChargeType", p.optional("InstanceChargeType").orElse("Postpaid"));
        Optional<String> category = p.optional("Category");
        Product product = catalog.product(RdsActions.PRODUCT).orElseThrow();
        ObjectNode out = RpcResult.newObject();
        ArrayNode classes = out.putArray("DBInstanceClasses");
        for (InstanceClass c : product.classes().values()) {
            if (!c.methods().contains(method) || (category.isPresent() && !c.edition().map(category.get()::equals).orElse(true))) {
                continue;
            }
            classes.addObject().put("DBInstanceClass", c.code())
                    .put("StorageRange", MIN_STORAGE_GB + "-" + MAX_STORAGE_GB)
                    .putObject("DBInstanceStorageRange").put("MinValue", MIN_STORAGE_GB).put("MaxValue", MAX_STORAGE_GB).put("Step", 1);
        }
        return RpcResult.of(out);
    }
}
