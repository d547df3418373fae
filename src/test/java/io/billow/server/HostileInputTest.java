package io.billow.server;

import io.billow.cli.ApiClient;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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

    @Test
    void nullBodiesMissingNamesNulCharactersAndUnknownFactsAreClear4xxAndWriteNothing() throws Exception {
        ApiClient op = TestServer.operator();
        TestServer.Tenant t = TestServer.newTenant("USD", "100", "UTC");
        String id = ServerlessFlowTest.createPayg(t.api());
        long accounts = accounts();
        String timeline = t.api().get("/api/v1/instances/" + id + "/timeline").body().toString();

        assertClient(op.post("/api/v1/accounts", "null"));
        assertClient(op.post("/api/v1/accounts", "{\"name\":\"a\\u0000b\",\"currency\":\"USD\",\"balance\":1}"));
        assertClient(t.api().post("/api/v1/instances", "null"));
        assertThat(t.api().post("/api/v1/instances", RestApiTest.RDS.replace("\"edition\":\"HighAvailability\",", "")).body()
                .toString()).contains("MissingParameter", "edition is required");
        assertThat(t.api().post("/api/v1/instances", RestApiTest.RDS.replace("\"instanceClass\":\"pg.n2.medium.2c\",", "")).body()
                .toString()).contains("instanceClass is required");
        assertClient(t.api().post("/api/v1/instances/" + id + "/changes", "{\"action\":\"modifySpec\"}"));
        assertThat(t.api().post("/api/v1/instances", RestApiTest.RDS.replace("}", ",\"zoneId\":\"us-east-1a\"}")).body().toString())
                .contains("is not a zone of region cn-hangzhou");
        assertClient(t.api().post("/api/v1/instances/" + id + "/usage", "{\"eventId\":\"e\\u0000\",\"rcu\":1}"));
        assertClient(op.patch("/api/v1/instances/" + id + "/attributes", "{\"minCapacity\":\"x\"}"));
        assertClient(op.patch("/api/v1/instances/" + id + "/attributes", "{\"sslEnabled\":\"yes\"}"));
        assertClient(op.patch("/api/v1/instances/" + id + "/attributes", "{\"readOnlyInstances\":-1}"));
        assertClient(op.patch("/api/v1/instances/" + id + "/attributes", "null"));
        assertClient(op.put("/api/v1/provisioner", "{\"failNext\":{\"CONVERT\":null}}"));
        assertClient(op.put("/api/v1/provisioner", "{\"failNext\":{\"CONVERT\":-2}}"));
        assertClient(op.put("/api/v1/provisioner", "{\"capacity\":[null]}"));
        assertClient(op.post("/api/v1/clock", "null"));
        HttpResponse<String> rpc = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(TestServer.get().url() + "/?Action=DescribeRegions&Version=2014-08-15&RegionId=cn%00")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(rpc.statusCode()).isEqualTo(400);
        assertThat(rpc.body()).contains("InvalidParameter", "NUL");

        assertThat(accounts()).as("no account was created").isEqualTo(accounts + 0);
        assertThat(t.api().get("/api/v1/instances/" + id + "/timeline").body().toString()).isEqualTo(timeline);
        assertThat(op.get("/api/v1/instances/" + id).body().get("attributes").has("minCapacity")).isFalse();
    }

    @Test
    void aTopUpIsBookedOncePerReferenceAndReferencesBelongToTheirAccount() {
        ApiClient op = TestServer.operator();
        TestServer.Tenant a = TestServer.newTenant("USD", "100", "UTC");
        TestServer.Tenant b = TestServer.newTenant("USD", "100", "UTC");
        String topUpA = "/api/v1/accounts/" + a.accountId() + "/top-ups";

        assertThat(op.post(topUpA, "{\"amount\":25,\"reference\":\"wire-7\"}").status()).isEqualTo(200);
        ApiClient.Response again = op.post(topUpA, "{\"amount\":25,\"reference\":\"wire-7\"}");
        ApiClient.Response other = op.post(topUpA, "{\"amount\":30,\"reference\":\"wire-7\"}");
        ApiClient.Response elsewhere = op.post("/api/v1/accounts/" + b.accountId() + "/top-ups", "{\"amount\":5,\"reference\":\"wire-7\"}");
        ApiClient.Response opening = op.post(topUpA, "{\"amount\":1,\"reference\":\"opening:" + a.accountId() + "\"}");

        assertThat(again.status()).isEqualTo(200);
        assertThat(new BigDecimal(again.body().get("balance").asText())).isEqualByComparingTo("125");
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.body().get("code").asText()).isEqualTo("IdempotentParameterMismatch");
        assertThat(elsewhere.status()).isEqualTo(200);
        assertThat(new BigDecimal(elsewhere.body().get("balance").asText())).isEqualByComparingTo("105");
        assertThat(opening.status()).isEqualTo(200);
        assertThat(new BigDecimal(op.get("/api/v1/accounts/" + a.accountId()).body().get("balance").asText())).isEqualByComparingTo("126");
    }

    private static long accounts() {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM accounts").mapTo(Long.class).one());
    }

    private static void assertClient(ApiClient.Response r) {
        assertThat(r.status()).as(r.body().toString()).isBetween(400, 499);
        assertThat(r.body().has("code")).as(r.body().toString()).isTrue();
    }
}
