package io.billow.server;

import io.billow.cli.ApiClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a client sends, the answer is a clear 4xx, never a 500, and nothing is written. */
class HostileInputTest {

    @Test
    void oversizedNestedAndOutOfRangeInputsAreClear4xx() {
        ApiClient op = TestServer.operator();
        TestServer.Tenant t = TestServer.newTenant("USD", "100", "UTC");
        String id = ServerlessFlowTest.createPayg(t.api());
        String huge = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\",\"currency\":\"USD\"}";
        String deep = "[".repeat(5000) + "]".repeat(5000);

        assertClient(op.post("/api/v1/accounts", huge));
        assertClient(op.post("/api/v1/accounts", deep));
        assertClient(op.post("/api/v1/accounts", "{\"name\":\"n\",\"currency\":\"USD\",\"balance\":1e400}"));
        assertClient(op.post("/api/v1/accounts", "{\"name\":\"n\",\"currency\":\"USD\",\"balance\":100000000000000000000}"));
        assertClient(op.post("/api/v1/accounts/" + t.accountId() + "/top-ups", "{\"amount\":99999999999999999999.99}"));
        assertClient(op.post("/api/v1/accounts/" + t.accountId() + "/coupons", "{\"amount\":1e30}"));
        assertClient(t.api().post("/api/v1/estimates", "{\"instanceId\":\"" + id + "\",\"payType\":\"Serverless\",\"minCapacity\":1e12,"
                + "\"maxCapacity\":1e13,\"autoPause\":false,\"switchForce\":false,\"rcuProfile\":[1e15]}"));
        assertClient(t.api().post("/api/v1/estimates", "{\"instanceId\":\"" + id + "\",\"payType\":\"Serverless\",\"minCapacity\":1,"
                + "\"maxCapacity\":4,\"autoPause\":false,\"switchForce\":false,\"rcuProfile\":[-3]}"));
        assertClient(t.api().post("/api/v1/instances/" + id + "/switch", "{\"payType\":\"Serverless\",\"minCapacity\":1e40,\"maxCapacity\":1e41}"));
        assertClient(t.api().post("/api/v1/instances", RestApiTest.RDS.replace("\"storageGb\":100", "\"storageGb\":99999999999")));
        assertClient(op.post("/api/v1/clock", "{\"to\":\"tomorrow\"}"));
        assertClient(op.post("/api/v1/clock", "{\"advanceSeconds\":99999999999999999999}"));
        assertClient(t.api().get("/api/v1/bills?from=2026-13-45T00:00:00Z"));

        assertThat(new java.math.BigDecimal(op.get("/api/v1/accounts/" + t.accountId()).body().get("balance").asText()))
                .isEqualByComparingTo("100");
    }

    private static void assertClient(ApiClient.Response r) {
        assertThat(r.status()).as(r.body().toString()).isBetween(400, 499);
        assertThat(r.body().has("code")).as(r.body().toString()).isTrue();
    }
}
