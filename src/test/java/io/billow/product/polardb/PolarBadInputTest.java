package io.billow.product.polardb;

import com.aliyun.tea.TeaException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input through the PolarDB API: each refusal has its code and status in the real error
 * shape, and nothing changes (no cluster, no order, no charge, the cluster as it was).
 */
class PolarBadInputTest {

    @RegisterExtension
    static final PolarServer SERVER = new PolarServer(Instant.parse("2025-01-01T00:00:00Z"));

    /** A call that must fail: its code and HTTP status, as the Tea client reports them. */
    @FunctionalInterface
    interface Call {
        Object run() throws Exception;
    }

    static String refusal(Call call) {
        try {
            call.run();
        } catch (TeaException e) {
            return e.getCode() + " " + e.getStatusCode();
        } catch (Exception e) {
            throw new AssertionError("not a Tea refusal", e);
        }
        throw new AssertionError("the call was not refused");
    }

    private static final String[] BASE = {"RegionId", "cn-hangzhou", "DBType", "PostgreSQL", "DBVersion", "14", "PayType", "Prepaid",
            "Period", "Month"};

    private static String[] create(String... more) {
        String[] all = java.util.Arrays.copyOf(BASE, BASE.length + more.length);
        System.arraycopy(more, 0, all, BASE.length, more.length);
        return all;
    }

    @Test
    void creationOutsideTheCatalogsBoundsIsRefusedAndBuysNothing() throws Exception {
        PolarServer.Tenant t = SERVER.newTenant("100000");
        PolarClient p = t.polar();
        assertThat(refusal(() -> p.create(create("DBNodeClass", "polar.pg.x4.medium", "UsedTime", "1", "DBNodeNum", "17"))))
                .isEqualTo("InvalidDBNodeNum.Malformed 400");
        assertThat(refusal(() -> p.create(create("DBNodeClass", "polar.pg.x4.medium", "UsedTime", "1", "DBNodeNum", "0"))))
                .isEqualTo("InvalidDBNodeNum.Malformed 400");
        assertThat(refusal(() -> p.create(create("DBNodeClass", "polar.pg.x4.medium", "UsedTime", "1", "StorageSpace", "10"))))
                .isEqualTo("InvalidStorageSpace.Malformed 400");
        assertThat(refusal(() -> p.create(create("DBNodeClass", "polar.pg.x4.medium", "UsedTime", "1", "StorageSpace", "60000"))))
                .isEqualTo("InvalidStorageSpace.Malformed 400");
        assertThat(refusal(() -> p.create(create("DBNodeClass", "polar.pg.x9.huge", "UsedTime", "1"))))
                .isEqualTo("InvalidDBNodeClass.NotFound 404");
        assertThat(refusal(() -> p.create(create("DBNodeClass", "polar.pg.x4.medium", "UsedTime", "10")))).isEqualTo("InvalidPeriod 400");
        assertThat(refusal(() -> p.create("RegionId", "cn-hangzhou", "DBType", "PostgreSQL", "DBVersion", "14", "PayType", "Prepaid",
                "Period", "Year", "UsedTime", "4", "DBNodeClass", "polar.pg.x4.medium"))).isEqualTo("InvalidParameter 400");
        assertThat(refusal(() -> p.create(create("DBNodeClass", "polar.pg.x4.medium", "UsedTime", "1", "DBVersion", "9"))))
                .startsWith("InvalidEngineVersion");
        assertThat(refusal(() -> p.create("RegionId", "cn-hangzhou", "DBType", "MySQL", "DBVersion", "8.0", "PayType", "Postpaid",
                "DBNodeClass", "polar.pg.x4.medium"))).isEqualTo("InvalidParameter 400");
        assertThat(t.api().get("/api/v1/instances").body().get("instances")).isEmpty();
        assertThat(t.api().get("/api/v1/orders").body().get("orders")).isEmpty();
        assertThat(t.balance()).isEqualByComparingTo("100000");
    }

    @Test
    void changesThatCannotBeMadeChangeNothing() throws Exception {
        PolarServer.Tenant t = SERVER.newTenant("2000");
        PolarClient p = t.polar();
        String id = p.cluster("polar.pg.x4.large", 2, 1);   // 800 × 2 nodes
        String writer = p.attribute(id).DBNodes.get(0).DBNodeId;
        assertThat(refusal(() -> p.modifyClass(id, "Downgrade", "polar.pg.x4.xlarge"))).as("a bigger class is an Upgrade")
                .isEqualTo("InvalidModifyType.Mismatch 400");
        assertThat(refusal(() -> p.modifyClass(id, "Upgrade", "polar.pg.x4.medium"))).isEqualTo("InvalidModifyType.Mismatch 400");
        assertThat(refusal(() -> p.modifyClass(id, "Upgrade", "polar.pg.x9.huge"))).isEqualTo("InvalidDBNodeClass.NotFound 404");
        assertThat(refusal(() -> p.modifyClass(id, "Sideways", "polar.pg.x4.xlarge"))).isEqualTo("InvalidParameter 400");
        assertThat(refusal(() -> p.modifyClass(id, "Upgrade", "polar.pg.x8.2xlarge"))).as("14,400 × 2 − 1,600 for the month")
                .isEqualTo("InsufficientBalance 400");
        assertThat(refusal(() -> p.call("ModifyDBNodeClass", new PolarModels.OrderResponseBody(), "DBClusterId", id, "ModifyType", "Upgrade",
                "DBNodeTargetClass", "polar.pg.x4.xlarge", "PlannedStartTime", "2025-01-01T06:00:00Z")))
                .as("a planned change is refused, not made now").isEqualTo("UnsupportedParameter.PlannedStartTime 400");
        String[] fifteen = new String[2 + 15 * 2];
        fifteen[0] = "DBClusterId";
        fifteen[1] = id;
        for (int n = 1; n <= 15; n++) {
            fifteen[2 * n] = "DBNode." + n + ".TargetClass";
            fifteen[2 * n + 1] = "polar.pg.x4.large";
        }
        assertThat(refusal(() -> p.call("CreateDBNodes", new PolarModels.CreateDBNodesResponseBody(), fifteen)))
                .as("2 + 15 nodes is more than 16").isEqualTo("InvalidDBNodeNum.Malformed 400");
        assertThat(refusal(() -> p.call("CreateDBNodes", new PolarModels.CreateDBNodesResponseBody(), "DBClusterId", id,
                "DBNode.1.TargetClass", "polar.pg.x4.xlarge"))).isEqualTo("InvalidParameter 400");
        assertThat(refusal(() -> p.call("DeleteDBNodes", new PolarModels.OrderResponseBody(), "DBClusterId", id, "DBNodeId.1", writer)))
                .isEqualTo("OperationDenied.DBNodeRole 403");
        assertThat(refusal(() -> p.call("DeleteDBNodes", new PolarModels.OrderResponseBody(), "DBClusterId", id, "DBNodeId.1", "pi-nope")))
                .isEqualTo("InvalidDBNodeId.NotFound 404");
        assertThat(refusal(() -> p.call("DeleteDBCluster", new PolarModels.OrderResponseBody(), "DBClusterId", id)))
                .isEqualTo("OperationDenied.PayType 403");
        assertThat(refusal(() -> p.call("TransformDBClusterPayType", new PolarModels.TransformDBClusterPayTypeResponseBody(),
                "DBClusterId", id, "RegionId", "cn-hangzhou", "PayType", "Prepaid", "Period", "Month", "UsedTime", "1")))
                .isEqualTo("InvalidPayType.NotSupported 400");
        unchanged(t, id, "polar.pg.x4.large", 2, "400");
    }

    @Test
    void anotherTenantsClusterIsNotFound() throws Exception {
        PolarServer.Tenant owner = SERVER.newTenant("1000");
        PolarServer.Tenant other = SERVER.newTenant("100000");
        String id = owner.polar().cluster("polar.pg.x4.medium", 1, 1);
        PolarClient p = other.polar();
        assertThat(refusal(() -> p.attribute(id))).isEqualTo("InvalidDBClusterId.NotFound 404");
        assertThat(refusal(() -> p.modifyClass(id, "Upgrade", "polar.pg.x4.large"))).isEqualTo("InvalidDBClusterId.NotFound 404");
        assertThat(refusal(() -> p.call("CreateDBNodes", new PolarModels.CreateDBNodesResponseBody(), "DBClusterId", id,
                "DBNode.1.TargetClass", "polar.pg.x4.medium"))).isEqualTo("InvalidDBClusterId.NotFound 404");
        assertThat(refusal(() -> p.call("DeleteDBCluster", new PolarModels.OrderResponseBody(), "DBClusterId", id)))
                .isEqualTo("InvalidDBClusterId.NotFound 404");
        assertThat(refusal(() -> p.call("TransformDBClusterPayType", new PolarModels.TransformDBClusterPayTypeResponseBody(),
                "DBClusterId", id, "RegionId", "cn-hangzhou", "PayType", "Postpaid"))).isEqualTo("InvalidDBClusterId.NotFound 404");
        assertThat(p.call("DescribeDBClusters", new PolarModels.DescribeDBClustersResponseBody(), "RegionId", "cn-hangzhou")
                .totalRecordCount).isZero();
        assertThat(other.api().post("/api/v1/instances/" + id + "/refund-requests", "{\"reason\":\"not mine\"}").status()).isEqualTo(404);
        assertThat(other.balance()).isEqualByComparingTo("100000");
        unchanged(owner, id, "polar.pg.x4.medium", 1, "400");
    }

    /** The cluster as it was: Running, its class and nodes, its one NEW order, the balance after it. */
    private static void unchanged(PolarServer.Tenant t, String id, String cls, int nodes, String balance) throws Exception {
        PolarModels.DBCluster c = t.polar().listed(id);
        assertThat(c.DBClusterStatus).isEqualTo("Running");
        assertThat(c.DBNodeClass).isEqualTo(cls);
        assertThat(c.DBNodeNumber).isEqualTo(nodes);
        JsonNode orders = t.orders(id);
        assertThat(orders).hasSize(1);
        assertThat(orders.get(0).get("type").asText()).isEqualTo("NEW");
        assertThat(t.balance()).isEqualByComparingTo(balance);
    }
}
