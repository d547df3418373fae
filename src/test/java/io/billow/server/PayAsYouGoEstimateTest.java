package io.billow.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.cli.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;

import static io.billow.server.RocketMq4EditionTest.change;
import static io.billow.server.RocketMq4EditionTest.created;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Estimates of the changes that make no order (pause, resume, a pay-as-you-go spec change): one
 * hour before and after at the sample catalog prices, and exactly the refusals the change meets.
 * AnalyticDB USD: compute 4C16G 0.18, 16C64G 0.72 per node-hour, storage 0.00018 per GB-hour.
 * PolarDB USD: compute x4.large 1.2, x4.xlarge 1.5 per node-hour, storage 0.0005 per GB-hour.
 */
class PayAsYouGoEstimateTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(START);

    private static JsonNode estimate(ApiClient api, String id, String change) {
        ApiClient.Response r = api.post("/api/v1/estimates", change.replace("{", "{\"instanceId\":\"" + id + "\","));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r.body();
    }

    @Test
    void aWarehousePausedPaysStorageOnlyAndResumedPaysComputeAgain() {
        TestServer.Tenant t = SERVER.newTenant("USD", "100");
        ApiClient api = t.api();
        String id = created(api.post("/api/v1/instances", "{\"product\":\"analyticdb-postgresql\",\"region\":\"cn-hangzhou\","
                + "\"edition\":\"ElasticStorage\",\"instanceClass\":\"4C16G\",\"billingMethod\":\"PayAsYouGo\",\"storageGb\":100,\"nodeCount\":4}"));

        JsonNode pause = estimate(api, id, "{\"action\":\"pause\"}");
        assertThat(pause.get("eligible").asBoolean()).isTrue();
        assertThat(pause.get("hourlyBefore").asText()).as("4 × 0.18 + 100 × 0.00018").isEqualTo("0.738000");
        assertThat(pause.get("hourlyAfter").asText()).as("100 × 0.00018").isEqualTo("0.018000");
        assertThat(pause.get("currency").asText()).as("no order names it: the account's").isEqualTo("USD");
        assertThat(pause.get("hourlyItemsBefore").get("compute").asText()).isEqualTo("0.720000");
        assertThat(pause.get("hourlyItemsAfter").has("compute")).isFalse();
        assertThat(pause.has("orderAmount") || pause.has("refund")).isFalse();
        assertThat(api.get("/api/v1/instances/" + id).body().get("status").asText()).as("an estimate changes nothing").isEqualTo("Running");

        JsonNode early = estimate(api, id, "{\"action\":\"resume\"}");
        ApiClient.Response refused = change(api, id, "{\"action\":\"resume\"}");
        assertThat(early.get("eligible").asBoolean()).isFalse();
        assertThat(early.get("violations").get(0).get("code").asText()).isEqualTo("IncorrectDBInstanceState").isEqualTo(refused.code());

        JsonNode bigger = estimate(api, id, "{\"action\":\"modifySpec\",\"nodeCount\":8}");
        assertThat(bigger.get("hourlyAfter").asText()).as("8 × 0.18 + 0.018").isEqualTo("1.458000");
        JsonNode otherSpec = estimate(api, id, "{\"action\":\"modifySpec\",\"instanceClass\":\"16C64G\",\"storageGb\":200}");
        assertThat(otherSpec.get("hourlyAfter").asText()).as("4 × 0.72 + 200 × 0.00018").isEqualTo("2.916000");
        JsonNode offStep = estimate(api, id, "{\"action\":\"modifySpec\",\"nodeCount\":5}");
        assertThat(offStep.get("violations").get(0).get("code").asText()).isEqualTo("InvalidSegNodeNum")
                .isEqualTo(change(api, id, "{\"action\":\"modifySpec\",\"nodeCount\":5}").code());

        assertThat(change(api, id, "{\"action\":\"pause\"}").status()).isEqualTo(202);
        SERVER.clockTo(START.plusSeconds(900)); // Paused after 600 s
        JsonNode resume = estimate(api, id, "{\"action\":\"resume\"}");
        assertThat(resume.get("eligible").asBoolean()).isTrue();
        assertThat(resume.get("hourlyBefore").asText()).isEqualTo("0.018000");
        assertThat(resume.get("hourlyAfter").asText()).isEqualTo("0.738000");
        assertThat(estimate(api, id, "{\"action\":\"modifySpec\",\"nodeCount\":8}").get("violations").get(0).get("code").asText())
                .as("while Paused only resume and release").isEqualTo("IncorrectDBInstanceState");
    }

    @Test
    void aPayAsYouGoClusterNodeChangeShowsTheHourBeforeAndAfter() {
        TestServer.Tenant t = SERVER.newTenant("USD", "100");
        ApiClient api = t.api();
        String id = created(api.post("/api/v1/instances", "{\"product\":\"polardb-postgresql\",\"region\":\"cn-hangzhou\",\"edition\":\"Enterprise\","
                + "\"instanceClass\":\"polar.pg.x4.large\",\"billingMethod\":\"PayAsYouGo\",\"storageGb\":50,\"nodeCount\":2}"));

        JsonNode more = estimate(api, id, "{\"action\":\"modifySpec\",\"nodeCount\":3}");
        assertThat(more.get("eligible").asBoolean()).isTrue();
        assertThat(more.get("hourlyBefore").asText()).as("2 × 1.2 + 50 × 0.0005").isEqualTo("2.425000");
        assertThat(more.get("hourlyAfter").asText()).as("3 × 1.2 + 0.025").isEqualTo("3.625000");
        assertThat(more.get("hourlyItemsAfter").get("compute").asText()).isEqualTo("3.600000");
        assertThat(more.get("hourlyItemsAfter").get("storage").asText()).isEqualTo("0.025000");
        JsonNode bigger = estimate(api, id, "{\"action\":\"modifySpec\",\"instanceClass\":\"polar.pg.x4.xlarge\"}");
        assertThat(bigger.get("hourlyAfter").asText()).as("2 × 1.5 + 0.025").isEqualTo("3.025000");
        JsonNode fewer = estimate(api, id, "{\"action\":\"modifySpec\",\"nodeCount\":1}");
        assertThat(fewer.get("hourlyAfter").asText()).as("1 × 1.2 + 0.025").isEqualTo("1.225000");

        String unknown = "{\"action\":\"modifySpec\",\"instanceClass\":\"polar.pg.x9\"}";
        assertThat(estimate(api, id, unknown).get("violations").get(0).get("code").asText()).isEqualTo("InvalidDBInstanceClass.NotFound")
                .isEqualTo(change(api, id, unknown).code());
        assertThat(estimate(api, id, "{\"action\":\"pause\"}").get("violations").get(0).get("code").asText())
                .as("a cluster has no paused state").isEqualTo("OperationDenied").isEqualTo(change(api, id, "{\"action\":\"pause\"}").code());
        assertThat(api.get("/api/v1/instances/" + id + "/timeline").body().get("events")).as("only its creation").hasSize(1);
    }
}
