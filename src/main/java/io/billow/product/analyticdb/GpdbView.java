package io.billow.product.analyticdb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rpc.RpcResult;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.InstanceClass;
import io.billow.instance.Instance;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * An AnalyticDB instance in the fields and types of the GPDB API. The two describe calls disagree
 * on types (SegNodeNum and StorageSize are strings in the listing, numbers in the attribute), and
 * the SDK's models follow them, so each view writes its own.
 */
final class GpdbView {

    /** What CreateDBInstance keeps in the attributes, as the API named it; never billed. */
    static final String MODE = "gpdbMode";
    static final String CATEGORY = "gpdbCategory";
    static final String ENGINE_VERSION = "gpdbEngineVersion";
    static final String DESCRIPTION = "gpdbDescription";
    static final String VPC = "gpdbVpcId";
    static final String VSWITCH = "gpdbVSwitchId";

    /** What the real API reports as the expiry of an instance that never expires. */
    static final String NEVER = "2999-09-08T16:00:00Z";

    private GpdbView() {
    }

    /**
     * The GPDB API's name of a state: the seed's Starting is the API's Resuming, Scaling its
     * DBInstanceClassChanging; the others are the same in both.
     */
    static String status(String state) {
        return switch (state) {
            case "Starting" -> "Resuming";
            case "Scaling" -> "DBInstanceClassChanging";
            default -> state;
        };
    }

    static String payType(BillingMethod method) {
        return method == BillingMethod.SUBSCRIPTION ? "Prepaid" : "Postpaid";
    }

    /** One item of DescribeDBInstances. */
    static ObjectNode listed(GpdbInstances.Seen s) {
        Instance i = s.instance();
        ObjectNode n = common(i);
        n.put("CreateTime", i.createdAt().toString())
                .put("InstanceDeployType", "cluster")
                .put("SegNodeNum", String.valueOf(s.nodes()))
                .put("StorageSize", String.valueOf(i.storageGb()));
        return n;
    }

    /** The one item of DescribeDBInstanceAttribute; the node spec shows only as cores and memory, as the real API has no InstanceSpec. */
    static ObjectNode attribute(GpdbInstances.Seen s, Optional<InstanceClass> cls) {
        Instance i = s.instance();
        ObjectNode n = common(i);
        n.put("CreationTime", i.createdAt().toString())
                .put("StartTime", i.createdAt().toString())
                .put("SegNodeNum", s.nodes())
                .put("StorageSize", (long) i.storageGb())
                .put("StorageUnit", "GB")
                .put("MasterNodeNum", 1)
                .put("ConnectionString", i.id() + "-master.gpdb.rds.aliyuncs.com")
                .put("Port", "5432")
                .put("SupportRestore", false);
        cls.filter(c -> c.cores() > 0).ifPresent(c -> n.put("CpuCoresPerNode", c.cores())
                .put("CpuCores", Math.multiplyExact(c.cores(), Math.toIntExact(s.nodes())))
                .put("MemoryPerNode", c.memoryGb().intValue())
                .put("MemorySize", c.memoryGb().multiply(BigDecimal.valueOf(s.nodes())).longValue())
                .put("MemoryUnit", "GB"));
        return n;
    }

    private static ObjectNode common(Instance i) {
        ObjectNode a = i.attributes();
        ObjectNode n = RpcResult.newObject();
        n.put("DBInstanceId", i.id())
                .put("DBInstanceDescription", a.path(DESCRIPTION).asText(i.id()))
                .put("DBInstanceStatus", status(i.status()))
                .put("DBInstanceMode", a.path(MODE).asText("StorageElastic"))
                .put("DBInstanceCategory", a.path(CATEGORY).asText(""))
                .put("InstanceNetworkType", "VPC")
                .put("Engine", "gpdb")
                .put("EngineVersion", a.path(ENGINE_VERSION).asText("6.0"))
                .put("PayType", payType(i.method()))
                .put("ExpireTime", a.path("expiresAt").asText(NEVER))
                .put("LockMode", "Unlock")
                .put("LockReason", "")
                .put("StorageType", i.storageType())
                .put("RegionId", i.region())
                .put("ZoneId", i.zoneId())
                .put("VpcId", a.path(VPC).asText(""))
                .put("VSwitchId", a.path(VSWITCH).asText(""));
        if (i.method() == BillingMethod.SERVERLESS) {
            n.put("ServerlessMode", "Manual");
        }
        n.putObject("Tags").putArray("Tag");
        return n;
    }
}
