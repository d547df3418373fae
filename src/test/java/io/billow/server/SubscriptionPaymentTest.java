package io.billow.server;

import com.aliyuncs.rds.model.v20140815.TransformDBInstancePayTypeRequest;
import com.aliyuncs.rds.model.v20140815.TransformDBInstancePayTypeResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coupons pay part of a subscription but are not cash: the refund when the subscription becomes
 * pay-as-you-go (TransformDBInstancePayType, through the official SDK) returns unused cash only.
 */
class SubscriptionPaymentTest {

    /** Its own server: half a month of clock on the shared one would settle every other test's instances. */
    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(TestServer.START);

    @Test
    void aCouponPaysPartOfTheOrderAndTheRefundReturnsOnlyUnusedCash() throws Exception {
        TestServer.Tenant t = SERVER.newTenant("USD", "1000");
        SERVER.operator().post("/api/v1/accounts/" + t.accountId() + "/coupons", "{\"amount\":30}");
        JsonNode created = t.api().post("/api/v1/instances", "{\"product\":\"rds-postgresql\",\"region\":\"cn-hangzhou\","
                + "\"edition\":\"HighAvailability\",\"instanceClass\":\"pg.n2.medium.2c\",\"billingMethod\":\"Subscription\","
                + "\"storageGb\":100,\"months\":1}").body();
        String id = created.get("instanceId").asText();
        Instant bought = Instant.parse(created.get("createdAt").asText());
        Instant expires = Instant.parse(created.get("attributes").get("expiresAt").asText());
        JsonNode order = t.api().get("/api/v1/orders?instanceId=" + id).body().get("orders").get(0);
        assertThat(order.get("listPrice").asText()).isEqualTo("80.00");
        assertThat(order.get("coupon").asText()).isEqualTo("30.00");
        assertThat(order.get("cashPaid").asText()).isEqualTo("50.00");
        assertThat(balance(t)).isEqualByComparingTo("950");

        long term = expires.getEpochSecond() - bought.getEpochSecond();
        Instant half = bought.plusSeconds(term / 2);
        SERVER.clockTo(half);
        TransformDBInstancePayTypeRequest toPostpaid = new TransformDBInstancePayTypeRequest();
        toPostpaid.setDBInstanceId(id);
        toPostpaid.setPayType("Postpaid");
        TransformDBInstancePayTypeResponse response = Sdk.of(t).call(toPostpaid);

        assertThat(response.getOrderId()).isNotNull();
        // 50 cash × remaining ÷ term, HALF_UP to the cent once; the 30 coupon is not refunded.
        BigDecimal expected = new BigDecimal("50").multiply(BigDecimal.valueOf(expires.getEpochSecond() - half.getEpochSecond()))
                .divide(BigDecimal.valueOf(term), 2, java.math.RoundingMode.HALF_UP);
        assertThat(balance(t)).isEqualByComparingTo(new BigDecimal("950").add(expected));
        assertThat(expected).isEqualByComparingTo("25.00");
        JsonNode instance = t.api().get("/api/v1/instances/" + id).body();
        assertThat(instance.get("billingMethod").asText()).isEqualTo("PayAsYouGo");
        SERVER.clockTo(half.plusSeconds(7200));
        assertThat(t.api().get("/api/v1/bills?instanceId=" + id).body().get("bills")).isNotEmpty();
    }

    private static BigDecimal balance(TestServer.Tenant t) {
        return new BigDecimal(t.api().get("/api/v1/accounts/" + t.accountId()).body().get("balance").asText());
    }
}
