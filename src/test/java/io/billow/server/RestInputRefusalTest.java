package io.billow.server;

import io.billow.cli.ApiClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inputs of the native API that used to end in a 500: each is now a 4xx with a stable code in
 * the native error shape, and nothing is written.
 */
class RestInputRefusalTest {

    private final ApiClient op = TestServer.operator();
    private final TestServer.Tenant t = TestServer.newTenant("USD", "100", "UTC");

    @Test
    void aSwitchWithAMissingNullOrUnknownPayTypeIsRefused() {
        String id = ServerlessFlowTest.createPayg(t.api());
        Written before = Written.of(t, id);

        ApiClient.Response missing = t.api().post("/api/v1/instances/" + id + "/switch", "{}");
        ApiClient.Response nulled = t.api().post("/api/v1/instances/" + id + "/switch", "{\"payType\":null}");
        ApiClient.Response unknown = t.api().post("/api/v1/instances/" + id + "/switch", "{\"payType\":\"Bogus\"}");

        assertRefused(missing, 400, "MissingParameter");
        assertThat(missing.body().get("message").asText()).isEqualTo("payType is required: one of Postpaid, Prepaid, Serverless");
        assertRefused(nulled, 400, "MissingParameter");
        assertRefused(unknown, 400, "InvalidPayType.NotSupported");
        assertThat(unknown.body().get("message").asText()).isEqualTo("payType must be one of Postpaid, Prepaid, Serverless, got Bogus");
        assertThat(Written.of(t, id)).isEqualTo(before);
    }

    @Test
    void aNulOrInvalidUtf8InAQueryParameterIsRefusedOnEveryListing() {
        Written before = Written.of(t, null);
        for (String listing : new String[] {"bills", "orders", "events", "instances", "webhooks"}) {
            assertRefused(t.api().get("/api/v1/" + listing + "?instanceId=%00"), 400, "InvalidParameter");
            assertRefused(op.get("/api/v1/" + listing + "?accountId=%00"), 400, "InvalidParameter");
            assertRefused(t.api().get("/api/v1/" + listing + "?instanceId=%FF"), 400, "InvalidParameter");
            assertRefused(t.api().get("/api/v1/" + listing + "?instanceId=%C3%28"), 400, "InvalidParameter");
        }
        ApiClient.Response estimate = t.api().post("/api/v1/estimates", "{\"instanceId\":\"pgm-\\u0000\",\"payType\":\"Serverless\"}");
        assertRefused(estimate, 400, "InvalidParameter");
        assertThat(estimate.body().get("message").asText()).isEqualTo("the body holds a NUL character in a text or a field name");
        assertThat(t.api().get("/api/v1/bills?instanceId=%00").body().get("message").asText())
                .isEqualTo("the query string holds a NUL character (%00)");
        assertThat(t.api().get("/api/v1/bills?instanceId=%FF").body().get("message").asText())
                .isEqualTo("the query string is not valid UTF-8 once percent-decoded");
        assertThat(Written.of(t, null)).isEqualTo(before);
    }

    @Test
    void instantsOutsideTheYears1970To9999AreRefusedWithTheRange() {
        Written before = Written.of(t, null);

        ApiClient.Response from = t.api().get("/api/v1/bills?from=-999999999-01-01T00:00:00Z");
        ApiClient.Response to = t.api().get("/api/v1/bills?to=%2B999999999-12-31T23:59:59Z");
        ApiClient.Response early = t.api().get("/api/v1/bills?from=1969-12-31T23:59:59Z");
        ApiClient.Response coupon = op.post("/api/v1/accounts/" + t.accountId() + "/coupons",
                "{\"amount\":1,\"expiresAt\":\"+999999999-12-31T23:59:59Z\"}");
        ApiClient.Response past = op.post("/api/v1/accounts/" + t.accountId() + "/coupons",
                "{\"amount\":1,\"expiresAt\":\"-999999999-01-01T00:00:00Z\"}");
        ApiClient.Response clock = op.post("/api/v1/clock", "{\"to\":\"+999999999-12-31T23:59:59Z\"}");

        assertRefused(from, 400, "InvalidParameter");
        assertThat(from.body().get("message").asText())
                .isEqualTo("from must be an ISO-8601 instant within 1970-01-01T00:00:00Z..9999-12-31T23:59:59Z, got -999999999-01-01T00:00:00Z");
        assertRefused(to, 400, "InvalidParameter");
        assertRefused(early, 400, "InvalidParameter");
        assertRefused(coupon, 400, "InvalidParameter");
        assertThat(coupon.body().get("message").asText())
                .isEqualTo("expiresAt must be an ISO-8601 instant within 1970-01-01T00:00:00Z..9999-12-31T23:59:59Z, got +999999999-12-31T23:59:59Z");
        assertRefused(past, 400, "InvalidParameter");
        assertRefused(clock, 400, "InvalidParameter");
        assertThat(t.api().get("/api/v1/bills?from=1970-01-01T00:00:00Z&to=9999-12-31T23:59:59Z").status()).isEqualTo(200);
        assertThat(Written.of(t, null)).isEqualTo(before);
    }

    @Test
    void topUpsStopAtTheBalanceLimitInsteadOfOverflowingTheColumn() {
        TestServer.Tenant rich = TestServer.newTenant("USD", "1000000000000", "UTC");
        String topUp = "/api/v1/accounts/" + rich.accountId() + "/top-ups";
        for (int i = 0; i < 9; i++) {
            assertThat(op.post(topUp, "{\"amount\":1000000000000}").status()).isEqualTo(200);
        }
        Written before = Written.of(rich, null);

        ApiClient.Response over = op.post(topUp, "{\"amount\":0.01}");

        assertRefused(over, 400, "InvalidParameter.Amount");
        assertThat(over.body().get("message").asText())
                .isEqualTo("a balance is at most 10000000000000.00; this top-up of 0.01 would make it 10000000000000.01");
        assertThat(op.get("/api/v1/accounts/" + rich.accountId()).body().get("balance").asText()).isEqualTo("10000000000000.000000");
        assertThat(Written.of(rich, null)).isEqualTo(before);
    }

    @Test
    void integerFieldsRefuseFractionsAndExponents() {
        Written before = Written.of(t, null);

        assertRefused(t.api().post("/api/v1/instances", RestApiTest.RDS.replace("\"storageGb\":100", "\"storageGb\":100.5")),
                400, "InvalidParameter");
        assertRefused(t.api().post("/api/v1/instances", RestApiTest.RDS.replace("\"storageGb\":100", "\"storageGb\":1e2")),
                400, "InvalidParameter");
        assertRefused(op.post("/api/v1/clock", "{\"advanceSeconds\":1.5}"), 400, "InvalidParameter");
        assertRefused(op.post("/api/v1/clock", "{\"advanceSeconds\":1e3}"), 400, "InvalidParameter");
        assertThat(t.api().post("/api/v1/instances", RestApiTest.RDS.replace("\"storageGb\":100", "\"storageGb\":1e2")).body()
                .get("message").asText()).isEqualTo("storageGb must be a whole number, got 1e2");
        assertThat(Written.of(t, null)).isEqualTo(before);
    }

    @Test
    void hugeExponentsAreRefusedBeforeAnyArithmetic() {
        String id = ServerlessFlowTest.createPayg(t.api());
        Written before = Written.of(t, id);

        assertRefused(t.api().post("/api/v1/instances/" + id + "/switch",
                "{\"payType\":\"Serverless\",\"minCapacity\":1e999999999,\"maxCapacity\":2}"), 400, "InvalidParameter");
        assertRefused(t.api().post("/api/v1/instances/" + id + "/usage", "{\"eventId\":\"e1\",\"rcu\":1e-999999999}"), 400, "InvalidParameter");
        assertRefused(op.post("/api/v1/accounts/" + t.accountId() + "/top-ups", "{\"amount\":\"1e999999999\"}"), 400, "InvalidParameter");
        assertThat(Written.of(t, id)).isEqualTo(before);
    }

    static void assertRefused(ApiClient.Response r, int status, String code) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(status);
        assertThat(r.code()).as(r.body().toString()).isEqualTo(code);
        assertThat(r.body().get("message").asText()).as(r.body().toString()).isNotBlank();
    }
}
