package io.billow.product.polardb;

import io.billow.cli.ApiClient;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 004's examples and domain.md §8's fixtures through the PolarDB API (generic Tea client),
 * subscription clusters bought for the 90-day term 2025-01-01 → 2025-04-01 (sample monthly list
 * prices per node: x4.medium 600, x4.large 800, x4.xlarge 1,000, x4.2xlarge 1,166.6666666667,
 * x8.xlarge 7,200, x8.2xlarge 14,400).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolarSeedTest {

    @RegisterExtension
    static final PolarServer SERVER = new PolarServer(Instant.parse("2025-01-01T00:00:00Z"));

    private static PolarServer.Tenant big;
    private static PolarServer.Tenant nodes;
    private static PolarServer.Tenant coupon;
    private static PolarServer.Tenant roundTrip;
    private static String bigCluster;
    private static String nodesCluster;
    private static String couponCluster;
    private static String roundTripCluster;

    @Test
    @Order(1)
    void termsAreBoughtAtTheClassPriceTimesTheNodes() throws Exception {
        big = SERVER.newTenant("40000");
        nodes = SERVER.newTenant("40000");
        coupon = SERVER.newTenant("3000");
        roundTrip = SERVER.newTenant("2133.33");
        assertThat(SERVER.operator().post("/api/v1/accounts/" + coupon.accountId() + "/coupons", "{\"amount\":500}").status()).isEqualTo(201);
        bigCluster = big.polar().cluster("polar.pg.x8.xlarge", 1, 3);
        nodesCluster = nodes.polar().cluster("polar.pg.x8.xlarge", 1, 3);
        couponCluster = coupon.polar().cluster("polar.pg.x4.2xlarge", 1, 3);
        roundTripCluster = roundTrip.polar().cluster("polar.pg.x4.medium", 1, 3);
        assertThat(big.balance()).as("7,200 × 3").isEqualByComparingTo("18400");
        var bought = coupon.orders(couponCluster).get(0);
        assertThat(bought.get("listPrice").asText()).as("seed: charged 3,500 for three months").isEqualTo("3500.00");
        assertThat(bought.get("coupon").asText()).isEqualTo("500.00");
        assertThat(bought.get("cashPaid").asText()).isEqualTo("3000.00");
        PolarModels.DBCluster listed = big.polar().listed(bigCluster);
        assertThat(listed.payType).isEqualTo("Prepaid");
        assertThat(listed.expireTime).isEqualTo("2025-04-01T00:00:00Z");
        assertThat(listed.DBNodeNumber).isEqualTo(1);
        assertThat(listed.DBNodes.DBNode).extracting(n -> n.DBNodeRole).containsExactly("Writer");
    }

    /** Seed: 7,200 → 14,400 monthly with 50 days left → (14,400 − 7,200) × 50 ÷ 30 = 12,000.00, by a bigger class or by a second node. */
    @Test
    @Order(2)
    void anUpgradePaysTheDifferenceForTheFiftyDaysLeft() throws Exception {
        SERVER.clockTo(Instant.parse("2025-02-10T00:00:00Z"));
        PolarModels.OrderResponseBody up = big.polar().modifyClass(bigCluster, "Upgrade", "polar.pg.x8.2xlarge");
        assertThat(up.DBClusterId).isEqualTo(bigCluster);
        var order = big.order(bigCluster, up.orderId);
        assertThat(order.get("type").asText()).isEqualTo("UPGRADE");
        assertThat(order.get("cashPaid").asText()).isEqualTo("12000.00");
        assertThat(big.balance()).isEqualByComparingTo("6400");
        assertThat(big.polar().attribute(bigCluster).DBClusterStatus).isEqualTo("DBInstanceClassChanging");

        PolarModels.CreateDBNodesResponseBody added = nodes.polar().call("CreateDBNodes", new PolarModels.CreateDBNodesResponseBody(),
                "DBClusterId", nodesCluster, "DBNode.1.TargetClass", "polar.pg.x8.xlarge", "DBNode.1.ZoneId", "cn-hangzhou-a");
        assertThat(added.DBNodeIds.DBNodeId).hasSize(1);
        assertThat(nodes.order(nodesCluster, added.orderId).get("cashPaid").asText()).as("7,200 × 2 nodes = 14,400").isEqualTo("12000.00");

        PolarModels.OrderResponseBody c = roundTrip.polar().modifyClass(roundTripCluster, "Upgrade", "polar.pg.x4.large");
        assertThat(roundTrip.order(roundTripCluster, c.orderId).get("cashPaid").asText()).as("(800 − 600) × 50 ÷ 30").isEqualTo("333.33");

        SERVER.clockTo(Instant.parse("2025-02-10T01:00:00Z"));
        PolarModels.DBCluster after = big.polar().listed(bigCluster);
        assertThat(after.DBClusterStatus).isEqualTo("Running");
        assertThat(after.DBNodeClass).isEqualTo("polar.pg.x8.2xlarge");
        PolarModels.DescribeDBClusterAttributeResponseBody two = nodes.polar().attribute(nodesCluster);
        assertThat(two.DBNodes).extracting(n -> n.DBNodeRole).containsExactly("Writer", "Reader");
        assertThat(two.DBNodes.get(1).DBNodeId).isEqualTo(added.DBNodeIds.DBNodeId.get(0));
        assertThat(nodes.polar().listed(nodesCluster).DBNodeNumber).isEqualTo(2);
    }

    /** Fixture c: 1,800 × 40 ÷ 90 + 333.33 × 40 ÷ 50 − 600 × 40 ÷ 30 = 266.664 → 266.66, the upgrade's cash counted for its own part of the term only. */
    @Test
    @Order(3)
    void aDowngradeAfterAnUpgradeRefundsEachOrdersCashForItsOwnPart() throws Exception {
        SERVER.clockTo(Instant.parse("2025-02-20T00:00:00Z"));
        PolarModels.OrderResponseBody back = roundTrip.polar().modifyClass(roundTripCluster, "Downgrade", "polar.pg.x4.medium");
        var order = roundTrip.order(roundTripCluster, back.orderId);
        assertThat(order.get("type").asText()).isEqualTo("DOWNGRADE");
        assertThat(order.get("cashPaid").asText()).isEqualTo("-266.66");
        assertThat(order.get("explanation").asText()).contains("1800.00 × 3456000 s ÷ 7776000 s", "333.33 × 3456000 s ÷ 4320000 s");
        assertThat(roundTrip.balance()).as("credited when the change is done").isEqualByComparingTo("0");
        SERVER.clockTo(Instant.parse("2025-02-20T01:00:00Z"));
        assertThat(roundTrip.balance()).isEqualByComparingTo("266.66");
    }

    /** Seed: 3,500 list, 3,000 cash after a 500 coupon, 30 of 90 days left, 800 a month after: 1,000.00 − 800.00 = 200.00. */
    @Test
    @Order(4)
    void aDowngradeRefundsTheUnusedCashNotTheCoupon() throws Exception {
        SERVER.clockTo(Instant.parse("2025-03-02T00:00:00Z"));
        assertThat(coupon.balance()).isEqualByComparingTo("0");
        PolarModels.OrderResponseBody down = coupon.polar().modifyClass(couponCluster, "Downgrade", "polar.pg.x4.large");
        var order = coupon.order(couponCluster, down.orderId);
        assertThat(order.get("cashPaid").asText()).isEqualTo("-200.00");
        assertThat(order.get("explanation").asText()).contains("3000.00 × 2592000 s ÷ 7776000 s", "800 × 2592000 s ÷ 2592000 s");
        // The reader added on 2025-02-10 deleted with 30 days left: 21,600 × 30 ÷ 90 + 12,000 × 30 ÷ 50 − 7,200 × 30 ÷ 30.
        String reader = nodes.polar().attribute(nodesCluster).DBNodes.get(1).DBNodeId;
        PolarModels.OrderResponseBody deleted = nodes.polar().call("DeleteDBNodes", new PolarModels.OrderResponseBody(),
                "DBClusterId", nodesCluster, "DBNodeId.1", reader);
        assertThat(nodes.order(nodesCluster, deleted.orderId).get("type").asText()).isEqualTo("DOWNGRADE");
        assertThat(nodes.order(nodesCluster, deleted.orderId).get("cashPaid").asText()).isEqualTo("-7200.00");
        SERVER.clockTo(Instant.parse("2025-03-02T01:00:00Z"));
        assertThat(coupon.balance()).isEqualByComparingTo("200");
        assertThat(nodes.balance()).as("40,000 − 21,600 − 12,000 + 7,200").isEqualByComparingTo("13600");
        assertThat(nodes.polar().listed(nodesCluster).DBNodeNumber).isEqualTo(1);
        assertThat(coupon.polar().listed(couponCluster).DBNodeClass).isEqualTo("polar.pg.x4.large");
    }

    /** Fixture b: 1,000 list at a 15 % account discount, 850 paid; half the month left at 600 list: 425.00 − 255.00 = 170.00. */
    @Test
    @Order(5)
    void aDiscountedTermRefundsOnTheDiscountedCash() throws Exception {
        SERVER.clockTo(Instant.parse("2025-04-01T00:00:00Z"));
        PolarServer.Tenant t = SERVER.newTenant("850");
        ApiClient.Response refused = t.api().post("/api/v1/accounts/" + t.accountId() + "/discounts", "{\"percent\":15}");
        assertThat(refused.code()).as("a tenant cannot grant itself a discount").isEqualTo("Forbidden");
        assertThat(SERVER.operator().post("/api/v1/accounts/" + t.accountId() + "/discounts", "{\"percent\":100}").code())
                .isEqualTo("InvalidParameter");
        assertThat(SERVER.operator().post("/api/v1/accounts/" + t.accountId() + "/discounts", "{\"percent\":15}").status()).isEqualTo(200);
        String id = t.polar().cluster("polar.pg.x4.xlarge", 1, 1);
        var bought = t.orders(id).get(0);
        assertThat(bought.get("listPrice").asText()).isEqualTo("1000.00");
        assertThat(bought.get("discount").asText()).isEqualTo("150.00");
        assertThat(bought.get("cashPaid").asText()).isEqualTo("850.00");
        assertThat(t.balance()).isEqualByComparingTo("0");
        SERVER.clockTo(Instant.parse("2025-04-16T00:00:00Z"));
        var estimate = t.api().post("/api/v1/estimates", "{\"instanceId\":\"" + id + "\",\"action\":\"modifySpec\",\"instanceClass\":\"polar.pg.x4.medium\"}")
                .body();
        assertThat(estimate.get("refund").asText()).isEqualTo("170.00");
        PolarModels.OrderResponseBody down = t.polar().modifyClass(id, "Downgrade", "polar.pg.x4.medium");
        assertThat(t.order(id, down.orderId).get("cashPaid").asText()).isEqualTo("-170.00");
        SERVER.clockTo(Instant.parse("2025-04-16T01:00:00Z"));
        assertThat(t.balance()).isEqualByComparingTo("170");
    }
}
