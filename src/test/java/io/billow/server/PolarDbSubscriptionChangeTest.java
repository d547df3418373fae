package io.billow.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.cli.ApiClient;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;

import static io.billow.server.RocketMq4EditionTest.balance;
import static io.billow.server.RocketMq4EditionTest.change;
import static io.billow.server.RocketMq4EditionTest.created;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 004 through the native API: prorated subscription spec changes of PolarDB clusters bought
 * for the 90-day term 2025-01-01 → 2025-04-01 (sample monthly list prices: x4.medium 600, x4.large
 * 800, x4.xlarge 1,000, x8.xlarge 7,200, x8.2xlarge 14,400), against the seed's and domain.md §8's figures.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolarDbSubscriptionChangeTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(START);

    private static String cluster(ApiClient api, String cls) {
        return created(api.post("/api/v1/instances", "{\"product\":\"polardb-postgresql\",\"region\":\"cn-hangzhou\",\"edition\":\"Enterprise\","
                + "\"instanceClass\":\"" + cls + "\",\"billingMethod\":\"Subscription\",\"storageGb\":50,\"months\":3}"));
    }

    @Test
    @Order(1)
    void upgradesPayTheDifferenceForWhatIsLeftAndDowngradesRefundTheUnusedCashMinusTheNewPrice() {
        TestServer.Tenant big = SERVER.newTenant("USD", "40000");
        TestServer.Tenant plain = SERVER.newTenant("USD", "3000");
        TestServer.Tenant coupon = SERVER.newTenant("USD", "2500");
        TestServer.Tenant roundTrip = SERVER.newTenant("USD", "2133.33");
        assertThat(SERVER.operator().post("/api/v1/accounts/" + coupon.accountId() + "/coupons", "{\"amount\":500}").status()).isEqualTo(201);
        String a = cluster(big.api(), "polar.pg.x8.xlarge");     // 21,600 for the term
        String b = cluster(plain.api(), "polar.pg.x4.xlarge");   // 3,000 cash
        String d = cluster(coupon.api(), "polar.pg.x4.xlarge");  // 2,500 cash + a 500 coupon
        String c = cluster(roundTrip.api(), "polar.pg.x4.medium"); // 1,800 cash

        // 2025-02-10: 50 days left.
        SERVER.clockTo(Instant.parse("2025-02-10T00:00:00Z"));
        String toBigger = "{\"action\":\"modifySpec\",\"instanceClass\":\"polar.pg.x8.2xlarge\"}";
        JsonNode estimate = big.api().post("/api/v1/estimates", toBigger.replace("{", "{\"instanceId\":\"" + a + "\",")).body();
        assertThat(estimate.get("orderAmount").asText()).as("(14,400 − 7,200) × 50 ÷ 30").isEqualTo("12000.00");
        JsonNode upgraded = change(big.api(), a, toBigger).body();
        assertThat(upgraded.get("status").asText()).isEqualTo("DBInstanceClassChanging");
        assertThat(upgraded.get("order").get("type").asText()).isEqualTo("UPGRADE");
        assertThat(upgraded.get("order").get("cashPaid").asText()).isEqualTo("12000.00");
        assertThat(balance(big.api(), big)).isEqualByComparingTo("6400");
        assertThat(change(roundTrip.api(), c, "{\"action\":\"modifySpec\",\"instanceClass\":\"polar.pg.x4.large\"}").body()
                .get("order").get("cashPaid").asText()).as("(800 − 600) × 50 ÷ 30").isEqualTo("333.33");
        SERVER.clockTo(Instant.parse("2025-02-10T00:10:00Z"));
        assertThat(big.api().get("/api/v1/instances/" + a).body().get("instanceClass").asText()).isEqualTo("polar.pg.x8.2xlarge");

        // 2025-02-20: 40 days left; back to x4.medium: 1,800 × 40 ÷ 90 + 333.33 × 40 ÷ 50 − 600 × 40 ÷ 30 = 266.664.
        SERVER.clockTo(Instant.parse("2025-02-20T00:00:00Z"));
        JsonNode back = change(roundTrip.api(), c, "{\"action\":\"modifySpec\",\"instanceClass\":\"polar.pg.x4.medium\"}").body();
        assertThat(back.get("order").get("type").asText()).isEqualTo("DOWNGRADE");
        assertThat(back.get("order").get("cashPaid").asText()).isEqualTo("-266.66");
        assertThat(balance(roundTrip.api(), roundTrip)).as("credited when the change is done").isEqualByComparingTo("0");
        SERVER.clockTo(Instant.parse("2025-02-20T00:10:00Z"));
        assertThat(balance(roundTrip.api(), roundTrip)).isEqualByComparingTo("266.66");

        // 2025-03-02: 30 days left; x4.xlarge → x4.large (800).
        SERVER.clockTo(Instant.parse("2025-03-02T00:00:00Z"));
        String smaller = "{\"action\":\"modifySpec\",\"instanceClass\":\"polar.pg.x4.large\"}";
        JsonNode refundEstimate = plain.api().post("/api/v1/estimates", smaller.replace("{", "{\"instanceId\":\"" + b + "\",")).body();
        assertThat(refundEstimate.get("refund").asText()).as("3,000 × 30 ÷ 90 − 800 × 30 ÷ 30").isEqualTo("200.00");
        assertThat(change(plain.api(), b, smaller).body().get("order").get("cashPaid").asText()).isEqualTo("-200.00");
        assertThat(change(coupon.api(), d, smaller).body().get("order").get("cashPaid").asText())
                .as("the coupon is not refunded: 2,500 × 30 ÷ 90 − 800").isEqualTo("-33.33");
        SERVER.clockTo(Instant.parse("2025-03-02T00:10:00Z"));
        assertThat(balance(plain.api(), plain)).isEqualByComparingTo("200");
        JsonNode orders = plain.api().get("/api/v1/orders?instanceId=" + b).body().get("orders");
        assertThat(orders.get(1).get("explanation").asText()).contains("3000.00 × 2592000 s ÷ 7776000 s", "800 × 2592000 s ÷ 2592000 s");
    }

    @Test
    @Order(2)
    void aSubscriptionChangeThatCannotBePaidChangesNothing() {
        SERVER.clockTo(Instant.parse("2025-05-01T00:00:00Z"));
        TestServer.Tenant t = SERVER.newTenant("USD", "1800");
        String id = cluster(t.api(), "polar.pg.x4.medium");
        ApiClient.Response refused = change(t.api(), id, "{\"action\":\"modifySpec\",\"instanceClass\":\"polar.pg.x8.2xlarge\"}");
        assertThat(refused.code()).isEqualTo("InsufficientBalance");
        assertThat(change(t.api(), id, "{\"action\":\"modifySpec\",\"instanceClass\":\"polar.pg.x9\"}").code())
                .isEqualTo("InvalidDBInstanceClass.NotFound");
        assertThat(change(t.api(), id, "{\"action\":\"modifySpec\",\"instanceClass\":\"polar.pg.x4.medium\"}").code())
                .isEqualTo("InvalidParameter");
        JsonNode after = t.api().get("/api/v1/instances/" + id).body();
        assertThat(after.get("status").asText()).isEqualTo("Running");
        assertThat(after.get("instanceClass").asText()).isEqualTo("polar.pg.x4.medium");
        assertThat(t.api().get("/api/v1/orders?instanceId=" + id).body().get("orders")).hasSize(1);
    }
}
