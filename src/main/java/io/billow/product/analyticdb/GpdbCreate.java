package io.billow.product.analyticdb;

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

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CreateDBInstance in elastic storage mode (InstanceSpec × SegNodeNum nodes, StorageSize GB,
 * Postpaid or Prepaid for Period × UsedTime) or serverless mode (ServerlessResource ACU). The
 * engine checks the spec, node count, storage, term, prices and balance; this class only reads the
 * GPDB parameters and refuses what the engine cannot know of (mode, category, engine).
 * A ClientToken makes a retry answer the first instance instead of buying a second one.
 */
final class GpdbCreate implements RpcAction {

    private static final Set<String> HIGH_AVAILABILITY = Set.of("2C16G", "4C32G", "16C128G");
    private static final Set<String> BASIC = Set.of("2C8G", "4C16G", "8C32G", "16C64G");
    /** The class of the catalog that bills serverless compute units. */
    private static final String SERVERLESS_CLASS = "adb.pg.serverless";

    private final InstanceChanges changes;
    private final GpdbInstances instances;
    private final ClientTokens<Handle> tokens;

    GpdbCreate(InstanceChanges changes, GpdbInstances instances, ClientTokens<Handle> tokens) {
        this.changes = changes;
        this.instances = instances;
        this.tokens = tokens;
    }

    @Override
    public RpcResult handle(RpcCall call) {
        RpcParameters p = call.parameters();
        String region = instances.region(p.required("RegionId"));
        String zone = p.required("ZoneId");
        if (!p.required("Engine").equalsIgnoreCase("gpdb")) {
            throw new RpcFailure(RpcError.invalidParameter("Engine", "It must be gpdb."));
        }
        // Checked against the catalog's versions with the rest of the creation.
        String engineVersion = p.required("EngineVersion");
        String mode = p.required("DBInstanceMode");
        Map<String, String> labels = labels(p, mode, engineVersion);
        CreateInstance request = switch (mode) {
            case "StorageElastic" -> elastic(p, region, zone, engineVersion, labels);
            case "Serverless" -> serverless(p, region, zone, engineVersion, labels);
            default -> throw new RpcFailure(RpcError.invalidParameter("DBInstanceMode",
                    "This Billow server offers StorageElastic and Serverless, not " + mode + "."));
        };
        return call.idempotent(tokens, h -> {
            InstanceChanges.Created created = changes.create(call.accountId(), request);
            return RpcResult.newObject().put("DBInstanceId", created.instance().id()).put("OrderId", created.order().id())
                    .put("ConnectionString", "").put("Port", "");
        });
    }

    private static CreateInstance elastic(RpcParameters p, String region, String zone, String engineVersion, Map<String, String> labels) {
        String category = p.required("DBInstanceCategory");
        String spec = p.required("InstanceSpec");
        Set<String> specs = switch (category) {
            case "HighAvailability" -> HIGH_AVAILABILITY;
            case "Basic" -> BASIC;
            default -> throw new RpcFailure(RpcError.invalidParameter("DBInstanceCategory", "It must be HighAvailability or Basic."));
        };
        if (!specs.contains(spec) && (HIGH_AVAILABILITY.contains(spec) || BASIC.contains(spec))) {
            throw new RpcFailure(RpcError.invalidParameter("InstanceSpec", spec + " is not a " + category + " spec; those are "
                    + specs.stream().sorted().toList() + "."));
        }
        labels.put(GpdbView.CATEGORY, category);
        String payType = p.optional("PayType").orElse("Postpaid");
        String method;
        Integer months = null;
        switch (payType) {
            case "Postpaid" -> method = "PayAsYouGo";
            case "Prepaid" -> {
                method = "Subscription";
                months = RpcTerms.months(p);
            }
            default -> throw new RpcFailure(RpcError.invalidParameter("PayType", "It must be Postpaid or Prepaid."));
        }
        // An unknown spec reaches the engine as it is, which names it InvalidDBInstanceClass.NotFound.
        return new CreateInstance(AnalyticDbModule.PRODUCT, region, zone, "ElasticStorage", spec, method,
                p.requiredInt("StorageSize"), storageType(p), months, null, null, engineVersion, labels, p.requiredInt("SegNodeNum"));
    }

    private static CreateInstance serverless(RpcParameters p, String region, String zone, String engineVersion, Map<String, String> labels) {
        if (p.optional("PayType").filter(t -> !t.equals("Postpaid")).isPresent()) {
            throw new RpcFailure(RpcError.invalidParameter("PayType", "Serverless mode is pay-as-you-go only (Postpaid)."));
        }
        int acu = p.requiredInt("ServerlessResource");
        if (acu < 8 || acu > 32 || acu % 8 != 0) {
            throw new RpcFailure(RpcError.invalidParameter("ServerlessResource", "It must be 8–32 ACU in steps of 8, not " + acu + "."));
        }
        BigDecimal units = BigDecimal.valueOf(acu);
        return new CreateInstance(AnalyticDbModule.PRODUCT, region, zone, "Serverless", SERVERLESS_CLASS, "Serverless",
                p.optionalInt("StorageSize").orElse(null), storageType(p), null, units, units, engineVersion, labels, null);
    }

    /** The category of a known elastic storage spec: HighAvailability or Basic; "" for any other. */
    static String category(String spec) {
        return HIGH_AVAILABILITY.contains(spec) ? "HighAvailability" : BASIC.contains(spec) ? "Basic" : "";
    }

    private static String storageType(RpcParameters p) {
        Optional<String> type = p.optional("SegStorageType");
        if (type.isPresent() && !type.get().equals("cloud_essd")) {
            throw new RpcFailure(RpcError.invalidParameter("SegStorageType", "It must be cloud_essd."));
        }
        return "cloud_essd";
    }

    private static Map<String, String> labels(RpcParameters p, String mode, String engineVersion) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(GpdbView.MODE, mode);
        labels.put(GpdbView.ENGINE_VERSION, engineVersion);
        p.optional("DBInstanceDescription").ifPresent(d -> {
            if (d.length() > 256) {
                throw new RpcFailure(RpcError.invalidParameter("DBInstanceDescription", "It is at most 256 characters."));
            }
            labels.put(GpdbView.DESCRIPTION, d);
        });
        p.optional("VPCId").ifPresent(v -> labels.put(GpdbView.VPC, v));
        p.optional("VSwitchId").ifPresent(v -> labels.put(GpdbView.VSWITCH, v));
        return labels;
    }
}
