package io.billow.product.polardb;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pay-as-you-go PolarDB clusters through the PolarDB API: pay-type transforms both ways, nodes
 * added and deleted (billed by the hour at the node count), endpoints. Sample prices: x4.medium
 * 0.9 per node-hour, storage 0.0005 per GB-hour (50 GB: 0.025 an hour), 600 per node-month.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolarClustersTest {

    private static final Instant START = Instant.parse("2025-06-01T00:00:00Z");

    @RegisterExtension
    static final PolarServer SERVER = new PolarServer(START);

    @Test
    @Order(1)
    void aPostpaidClusterBuysATermAndAPrepaidOneIsRefundedItsUnusedCash() throws Exception {
        PolarServer.Tenant t = SERVER.newTenant("1000");
        String id = t.polar().cluster("polar.pg.x4.medium", 1, 0);
        SERVER.clockTo(Instant.parse("2025-06-01T10:00:00Z"));
        assertThat(t.balance()).as("10 hours × (0.9 + 0.025)").isEqualByComparingTo("990.75");
        PolarModels.TransformDBClusterPayTypeResponseBody prepaid = t.polar().call("TransformDBClusterPayType",
                new PolarModels.TransformDBClusterPayTypeResponseBody(), "DBClusterId", id, "RegionId", "cn-hangzhou", "PayType", "Prepaid",
                "Period", "Month", "UsedTime", "1");
        assertThat(prepaid.chargeType).isEqualTo("Prepaid");
        assertThat(prepaid.expiredTime).isEqualTo("2025-07-01T10:00:00Z");
        JsonNode convert = t.order(id, prepaid.orderId);
        assertThat(convert.get("type").asText()).isEqualTo("CONVERT");
        assertThat(convert.get("cashPaid").asText()).isEqualTo("600.00");
        assertThat(t.balance()).isEqualByComparingTo("390.75");
        SERVER.clockTo(Instant.parse("2025-06-01T12:00:00Z"));
        assertThat(bills(t, id)).as("a subscription is not metered").hasSize(10);
        assertThat(t.polar().attribute(id).payType).isEqualTo("Prepaid");

        // 15 of the term's 30 days left: 600 × 15 ÷ 30.
        SERVER.clockTo(Instant.parse("2025-06-16T10:00:00Z"));
        PolarModels.TransformDBClusterPayTypeResponseBody postpaid = t.polar().call("TransformDBClusterPayType",
                new PolarModels.TransformDBClusterPayTypeResponseBody(), "DBClusterId", id, "RegionId", "cn-hangzhou", "PayType", "Postpaid");
        assertThat(postpaid.chargeType).isEqualTo("Postpaid");
        assertThat(t.order(id, postpaid.orderId).get("cashPaid").asText()).isEqualTo("-300.00");
        assertThat(t.balance()).isEqualByComparingTo("690.75");
        PolarModels.DescribeDBClusterAttributeResponseBody a = t.polar().attribute(id);
        assertThat(a.payType).isEqualTo("Postpaid");
        assertThat(a.expireTime).isEmpty();
        SERVER.clockTo(Instant.parse("2025-06-16T12:00:00Z"));
        assertThat(t.balance()).as("metered again: 2 hours × 0.925").isEqualByComparingTo("688.90");
    }

    /**
     * 2 nodes, a third added at 01:00 and deleted at 03:00 (each done 5 minutes later): an hour bills the
     * node count of its last second (seed 004: the new price from the hour the change takes effect),
     * so 01:00–02:00 bills 3 nodes and 03:00–04:00 already 2.
     */
    @Test
    @Order(2)
    void nodesAddedAndDeletedBillByTheHourAtTheNodeCount() throws Exception {
        SERVER.clockTo(Instant.parse("2025-06-20T00:00:00Z"));
        PolarServer.Tenant t = SERVER.newTenant("1000");
        String id = t.polar().cluster("polar.pg.x4.medium", 2, 0);
        SERVER.clockTo(Instant.parse("2025-06-20T01:00:00Z"));
        PolarModels.CreateDBNodesResponseBody added = t.polar().call("CreateDBNodes", new PolarModels.CreateDBNodesResponseBody(),
                "DBClusterId", id, "DBNode.1.TargetClass", "polar.pg.x4.medium", "DBNode.1.ZoneId", "cn-hangzhou-a");
        assertThat(added.orderId).as("pay-as-you-go: billed after use, no order").isEmpty();
        String reader = added.DBNodeIds.DBNodeId.get(0);
        SERVER.clockTo(Instant.parse("2025-06-20T03:00:00Z"));
        PolarModels.DescribeDBClusterEndpointsResponseBody endpoints = t.polar().call("DescribeDBClusterEndpoints",
                new PolarModels.DescribeDBClusterEndpointsResponseBody(), "DBClusterId", id);
        assertThat(endpoints.items).extracting(e -> e.endpointType).containsExactly("Cluster", "Primary");
        assertThat(endpoints.items.get(0).nodes.split(",")).hasSize(3).contains(reader);
        assertThat(endpoints.items.get(1).nodes.split(",")).hasSize(1).doesNotContain(reader);
        assertThat(endpoints.items.get(0).addressItems.get(0).port).isEqualTo("5432");
        t.polar().call("DeleteDBNodes", new PolarModels.OrderResponseBody(), "DBClusterId", id, "DBNodeId.1", reader);
        SERVER.clockTo(Instant.parse("2025-06-20T05:00:00Z"));
        assertThat(t.polar().listed(id).DBNodeNumber).isEqualTo(2);
        assertThat(t.polar().attribute(id).DBNodes).extracting(n -> n.DBNodeId).doesNotContain(reader);
        assertThat(computeByHour(t, id)).containsExactly("1.800000", "2.700000", "2.700000", "1.800000", "1.800000");
    }

    @Test
    @Order(3)
    void aPostpaidClusterIsDeletedAndThenNotFound() throws Exception {
        PolarServer.Tenant t = SERVER.newTenant("100");
        String id = t.polar().cluster("polar.pg.x4.medium", 1, 0);
        t.polar().call("DeleteDBCluster", new PolarModels.OrderResponseBody(), "DBClusterId", id);
        assertThat(PolarBadInputTest.refusal(() -> t.polar().attribute(id))).isEqualTo("InvalidDBClusterId.NotFound 404");
    }

    /** A retry under the same ClientToken answers the first cluster and buys nothing more; a node change is priced before it is made. */
    @Test
    @Order(4)
    void aRetriedCreationBuysOneClusterAndANodeChangeIsEstimatedFirst() throws Exception {
        PolarServer.Tenant t = SERVER.newTenant("5000");
        String[] create = {"RegionId", "cn-hangzhou", "DBType", "PostgreSQL", "DBVersion", "14", "DBNodeClass", "polar.pg.x4.large",
                "DBNodeNum", "1", "PayType", "Prepaid", "Period", "Month", "UsedTime", "1", "ClientToken", "cluster-1"};
        String first = t.polar().create(create).DBClusterId;
        assertThat(t.polar().create(create).DBClusterId).isEqualTo(first);
        assertThat(t.api().get("/api/v1/orders").body().get("orders")).hasSize(1);
        assertThat(t.balance()).isEqualByComparingTo("4200");
        JsonNode estimate = t.api().post("/api/v1/estimates", "{\"instanceId\":\"" + first + "\",\"action\":\"modifySpec\",\"nodeCount\":3}")
                .body();
        assertThat(estimate.path("orderAmount").asText()).as(estimate.toString()).isNotEmpty();
        assertThat(estimate.get("orderAmount").asText()).as("(800 × 3 − 800) for the whole month").isEqualTo("1600.00");
        assertThat(t.balance()).as("an estimate charges nothing").isEqualByComparingTo("4200");
        assertThat(t.polar().listed(first).DBNodeNumber).isEqualTo(1);
    }

    private static List<JsonNode> bills(PolarServer.Tenant t, String id) {
        List<JsonNode> out = new java.util.ArrayList<>();
        t.api().get("/api/v1/bills?instanceId=" + id).body().get("bills").forEach(out::add);
        return out;
    }

    /** Each bill's compute amount, oldest first. */
    private static List<String> computeByHour(PolarServer.Tenant t, String id) {
        List<JsonNode> bills = bills(t, id);
        bills.sort(java.util.Comparator.comparing(b -> b.get("periodStart").asText()));
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode b : bills) {
            for (JsonNode l : b.get("lines")) {
                if (l.get("item").asText().equals("compute")) {
                    out.add(l.get("amount").asText());
                }
            }
        }
        return out;
    }
}
