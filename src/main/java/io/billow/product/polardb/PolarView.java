package io.billow.product.polardb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rpc.RpcResult;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.InstanceClass;
import io.billow.instance.Instance;
import io.billow.subscription.RefundRequests;
import io.billow.subscription.Terms;

import java.util.Map;
import java.util.Optional;

/**
 * A cluster as the PolarDB API shows it (alibaba-apis.md §5.2): DescribeDBClusters wraps its lists
 * ({@code Items.DBCluster[]…DBNodes.DBNode[]}), DescribeDBClusterAttribute does not
 * ({@code DBNodes[]}, {@code Tags[]}). States keep the API's names; a cluster frozen after an
 * approved whole-cluster refund shows as Stopped and ManualLock, an expired one as LockByExpiration.
 */
final class PolarView {

    static final String DB_VERSION = "dbVersion";
    static final String DESCRIPTION = "description";
    static final String VPC = "vpcId";
    static final String VSWITCH = "vSwitchId";
    static final String DEFAULT_RESOURCE_GROUP = "rg-default";
    private static final long GB = 1024L * 1024 * 1024;
    private static final Map<String, String> STATUS = Map.of(RefundRequests.FROZEN, "Stopped", "Locked", "Stopped");
    private static final Map<String, String> LOCK = Map.of(RefundRequests.FROZEN, "ManualLock", "Locked", "LockByExpiration");

    private PolarView() {
    }

    static String payType(Instance i) {
        return i.method() == BillingMethod.SUBSCRIPTION ? "Prepaid" : "Postpaid";
    }

    static String status(Instance i) {
        return STATUS.getOrDefault(i.status(), i.status());
    }

    /** One cluster of DescribeDBClusters. */
    static ObjectNode listed(PolarClusters.Seen s) {
        Instance i = s.instance();
        ObjectNode n = common(i, RpcResult.newObject());
        n.put("DBClusterNetworkType", "VPC").put("VpcId", i.attributes().path(VPC).asText("")).put("CreateTime", i.createdAt().toString())
                .put("Category", "Normal").put("DBNodeClass", i.instanceClass()).put("DBNodeNumber", s.nodes())
                .put("StorageUsed", i.storageGb() * GB);
        ArrayNode nodes = n.putObject("DBNodes").putArray("DBNode");
        i.attributes().path(PolarClusters.NODES).forEach(node -> nodes.addObject().put("DBNodeId", node.path("id").asText())
                .put("DBNodeClass", i.instanceClass()).put("DBNodeRole", node.path("role").asText()).put("RegionId", i.region())
                .put("ZoneId", i.zoneId()));
        n.putObject("Tags").putArray("Tag");
        return n;
    }

    /** DescribeDBClusterAttribute: flat, its lists not wrapped. */
    static ObjectNode attribute(PolarClusters.Seen s, Optional<InstanceClass> cls) {
        Instance i = s.instance();
        ObjectNode n = common(i, RpcResult.newObject());
        n.put("DBClusterNetworkType", "VPC").put("DBVersionStatus", "Enable").put("SubCategory", "normal_exclusive")
                .put("StoragePayType", payType(i)).put("CreationTime", i.createdAt().toString()).put("MaintainTime", "18:00Z-19:00Z")
                .put("StorageType", "PSL5").put("StorageUsed", i.storageGb() * GB).put("StorageSpace", i.storageGb() * GB)
                .put("StorageMax", i.storageGb() * GB).put("ZoneIds", i.zoneId()).put("VPCId", i.attributes().path(VPC).asText(""))
                .put("VSwitchId", i.attributes().path(VSWITCH).asText("")).put("IsLatestVersion", true).put("ServerlessType", "");
        ArrayNode nodes = n.putArray("DBNodes");
        int priority = 1;
        for (var node : i.attributes().path(PolarClusters.NODES)) {
            nodes.addObject().put("DBNodeId", node.path("id").asText()).put("DBNodeClass", i.instanceClass())
                    .put("DBNodeRole", node.path("role").asText()).put("DBNodeStatus", status(i)).put("CreationTime", i.createdAt().toString())
                    .put("ZoneId", i.zoneId()).put("CpuCores", cls.map(c -> String.valueOf(c.cores())).orElse(""))
                    .put("MemorySize", cls.map(c -> c.memoryGb().multiply(java.math.BigDecimal.valueOf(1024)).toPlainString()).orElse("")).put("FailoverPriority", priority++)
                    .put("HotReplicaMode", "OFF").put("ImciSwitch", "OFF");
        }
        n.putArray("Tags");
        return n;
    }

    private static ObjectNode common(Instance i, ObjectNode n) {
        return n.put("DBClusterId", i.id()).put("DBClusterDescription", i.attributes().path(DESCRIPTION).asText(i.id()))
                .put("DBClusterStatus", status(i)).put("DBType", "PostgreSQL").put("DBVersion", i.attributes().path(DB_VERSION).asText(""))
                .put("Engine", "POLARDB").put("PayType", payType(i)).put("ExpireTime", i.attributes().path(Terms.EXPIRES_AT).asText(""))
                .put("Expired", String.valueOf(i.status().equals("Locked"))).put("LockMode", LOCK.getOrDefault(i.status(), "Unlock"))
                .put("DeletionLock", 0).put("RegionId", i.region()).put("ZoneId", i.zoneId()).put("ResourceGroupId", DEFAULT_RESOURCE_GROUP);
    }
}
