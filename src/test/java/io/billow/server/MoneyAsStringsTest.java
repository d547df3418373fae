package io.billow.server;

import io.billow.cli.ApiClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Amounts go into the native API as decimal strings or numbers, and come back as strings with their scale. */
class MoneyAsStringsTest {

    private final ApiClient op = TestServer.operator();

    @Test
    void anAccountOpensWithADecimalStringAndTopsUpWithOne() {
        ApiClient.Response created = op.post("/api/v1/accounts", "{\"name\":\"strings\",\"currency\":\"USD\",\"balance\":\"1000.00\"}");
        String id = created.body().get("accountId").asText();

        ApiClient.Response topUp = op.post("/api/v1/accounts/" + id + "/top-ups", "{\"amount\":\"25.50\"}");
        ApiClient.Response number = op.post("/api/v1/accounts/" + id + "/top-ups", "{\"amount\":4.5}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(topUp.status()).isEqualTo(200);
        assertThat(topUp.body().get("balance").isTextual()).isTrue();
        assertThat(topUp.body().get("balance").asText()).isEqualTo("1025.500000");
        assertThat(number.body().get("balance").asText()).isEqualTo("1030.000000");
    }

    @Test
    void aCouponAmountComesBackWithTheMinorUnitsScale() {
        TestServer.Tenant t = TestServer.newTenant("USD", "10", "UTC");

        ApiClient.Response asString = op.post("/api/v1/accounts/" + t.accountId() + "/coupons", "{\"amount\":\"5\"}");
        ApiClient.Response asNumber = op.post("/api/v1/accounts/" + t.accountId() + "/coupons", "{\"amount\":7.5}");

        assertThat(asString.status()).isEqualTo(201);
        assertThat(asString.body().get("amount").asText()).isEqualTo("5.00");
        assertThat(asNumber.body().get("amount").asText()).isEqualTo("7.50");
    }

    @Test
    void aStringThatIsNotAPlainDecimalIsRefusedAndNothingIsWritten() {
        TestServer.Tenant t = TestServer.newTenant("USD", "10", "UTC");
        Written before = Written.of(t, null);
        String topUp = "/api/v1/accounts/" + t.accountId() + "/top-ups";

        for (String amount : new String[] {"\"1e3\"", "\"12,50\"", "\" 12\"", "\"\"", "\"0x10\"", "\"NaN\"", "true", "[1]"}) {
            ApiClient.Response r = op.post(topUp, "{\"amount\":" + amount + "}");
            assertThat(r.status()).as(amount).isEqualTo(400);
            assertThat(r.code()).as(amount).isEqualTo("InvalidParameter");
        }
        ApiClient.Response tooFine = op.post(topUp, "{\"amount\":\"5.001\"}");

        assertThat(op.post(topUp, "{\"amount\":\"1e3\"}").body().get("message").asText())
                .isEqualTo("amount must be a decimal number such as 12.50 (as a number or a string of digits), got 1e3");
        assertThat(tooFine.code()).isEqualTo("InvalidParameter.Amount");
        assertThat(Written.of(t, null)).isEqualTo(before);
    }
}
