package io.billow.product.polardb;

import io.billow.api.rpc.ClientTokens;
import io.billow.api.rpc.RpcAction;
import io.billow.api.rpc.RpcCall;
import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcFailure;
import io.billow.api.rpc.RpcParameters;
import io.billow.api.rpc.RpcResult;
import io.billow.api.rpc.RpcTerms;
import io.billow.change.InstanceChanges;
import io.billow.eligibility.CreateInstance;
import org.jdbi.v3.core.Handle;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CreateDBCluster: DBNodeClass × DBNodeNum nodes, StorageSpace GB, Postpaid or Prepaid for
 * Period × UsedTime. The engine checks the class, node count, storage, version, term, prices and
 * balance against the catalog; this class reads the PolarDB parameters and refuses what only the
 * PolarDB API has (DBType, CreationCategory, Period). A ClientToken makes a retry answer the first
 * cluster instead of buying a second one.
 */
final class PolarCreate implements RpcAction {

    /** The storage a cluster is created with when StorageSpace is left out. */
    static final int DEFAULT_STORAGE_GB = 50;

    private final InstanceChanges changes;
    private final PolarClusters clusters;
    private final ClientTokens<Handle> tokens;

    PolarCreate(InstanceChanges changes, PolarClusters clusters, ClientTokens<Handle> tokens) {
        this.changes = changes;
        this.clusters = clusters;
        this.tokens = tokens;
    }

    @Override
    public RpcResult handle(RpcCall call) {
        RpcParameters p = call.parameters();
        String region = clusters.region(p.required("RegionId"));
        if (!p.required("DBType").equals("PostgreSQL")) {
            throw new RpcFailure(RpcError.invalidParameter("DBType", "This Billow server offers PostgreSQL clusters only."));
        }
        if (p.optional("CreationCategory").filter(c -> !c.equals("Normal")).isPresent()) {
            throw new RpcFailure(RpcError.invalidParameter("CreationCategory", "This Billow server creates Normal (Enterprise) clusters."));
        }
        String version = p.required("DBVersion");
        String nodeClass = p.required("DBNodeClass");
        Integer months = null;
        String method = switch (p.required("PayType")) {
            case "Postpaid" -> "PayAsYouGo";
            case "Prepaid" -> {
                months = RpcTerms.months(p);
                yield "Subscription";
            }
            default -> throw new RpcFailure(RpcError.invalidParameter("PayType", "It must be Postpaid or Prepaid."));
        };
        CreateInstance request = new CreateInstance(PolarDbModule.PRODUCT, region, p.optional("ZoneId").orElse(null), PolarDbModule.EDITION,
                nodeClass, method, p.optionalInt("StorageSpace").orElse(DEFAULT_STORAGE_GB), null, months, null, null, version, labels(p),
                p.optionalInt("DBNodeNum").orElse(null));
        return call.idempotent(tokens, h -> {
            InstanceChanges.Created created = changes.create(call.accountId(), request);
            return RpcResult.newObject().put("DBClusterId", created.instance().id()).put("OrderId", created.order().id())
                    .put("ResourceGroupId", p.optional("ResourceGroupId").orElse(PolarView.DEFAULT_RESOURCE_GROUP));
        });
    }

    private static Map<String, String> labels(RpcParameters p) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(PolarView.DB_VERSION, p.required("DBVersion"));
        p.optional("DBClusterDescription").ifPresent(d -> {
            if (d.length() < 2 || d.length() > 256) {
                throw new RpcFailure(RpcError.invalidParameter("DBClusterDescription", "It is 2–256 characters."));
            }
            labels.put(PolarView.DESCRIPTION, d);
        });
        p.optional("VPCId").ifPresent(v -> labels.put(PolarView.VPC, v));
        p.optional("VSwitchId").ifPresent(v -> labels.put(PolarView.VSWITCH, v));
        return labels;
    }
}
