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
import io.billow.eligibility.Bounds;
import io.billow.problem.Problem;
import io.billow.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DescribeAvailableClasses: the catalog's classes for the edition (Category), pay type
 * (InstanceChargeType) and storage type (DBInstanceStorageType, the product's default when left
 * out), each with the storage range creation enforces for it: the figures come from
 * {@link Product#storageRange}, the same call {@code Bounds.storage} checks a creation with. A
 * class that cannot have that storage type, billed that way, is not listed. A zone or engine
 * version the catalog does not offer is refused as creation refuses it.
 */
final class DescribeAvailableClasses implements RpcAction {

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
        String storageType = p.optional("DBInstanceStorageType").orElse(product.facts().defaultStorageType().orElse("none"));
        List<Problem> problems = new ArrayList<>();
        Bounds.engineVersion(product, p.optional("EngineVersion").orElse(null), problems);
        p.optional("ZoneId").ifPresent(zone -> Bounds.zone(product, p.optional("RegionId").orElse(zoneRegion(product, zone)), zone, problems));
        if (!problems.isEmpty()) {
            throw new ProblemException(problems);
        }
        ObjectNode out = RpcResult.newObject();
        ArrayNode classes = out.putArray("DBInstanceClasses");
        for (InstanceClass c : product.classes().values()) {
            if (!c.methods().contains(method) || (category.isPresent() && !c.edition().map(category.get()::equals).orElse(true))) {
                continue;
            }
            product.storageRange(c, method, storageType).ifPresent(range -> classes.addObject().put("DBInstanceClass", c.code())
                    .put("StorageRange", range.minGb() + "-" + range.maxGb())
                    .putObject("DBInstanceStorageRange").put("MinValue", range.minGb()).put("MaxValue", range.maxGb())
                    .put("Step", range.stepGb()));
        }
        return RpcResult.of(out);
    }

    /** The region a zone id belongs to when the request names no RegionId: the catalog region it starts with. */
    private static String zoneRegion(Product product, String zone) {
        return product.facts().bounds().zones().keySet().stream().filter(zone::startsWith).findFirst().orElse("");
    }
}
