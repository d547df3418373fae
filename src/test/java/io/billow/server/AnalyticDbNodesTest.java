package io.billow.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.cli.ApiClient;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;

import static io.billow.server.RocketMq4EditionTest.change;
import static io.billow.server.RocketMq4EditionTest.created;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * AnalyticDB compute bills node-seconds at the node spec's price (domain.md §7), and a node-count
 * change bills the original count while Scaling and the new one from the Running instant.
 * Sample price: 4C16G USD 0.18 per node-hour; a spec change takes 5 minutes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalyticDbNodesTest {

    private static final Instant HOUR = Instant.parse("2026-06-01T10:00:00Z");

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(HOUR);

    private static final String WAREHOUSE = "{\"product\":\"analyticdb-postgresql\",\"region\":\"cn-hangzhou\",\"edition\":\"ElasticStorage\","
            + "\"instanceClass\":\"4C16G\",\"billingMethod\":\"PayAsYouGo\",\"storageGb\":100";

    @Test
    @Order(1)
    void computeBillsNodeSecondsAndANodeCountChangeTakesEffectWhenItCompletes() {
        TestServer.Tenant t = SERVER.newTenant("USD", "100");
        ApiClient api = t.api();
        String id = created(api.post("/api/v1/instances", WAREHOUSE + ",\"nodeCount\":4}"));
        SERVER.clockTo(HOUR.plusSeconds(1800));
        assertThat(change(api, id, "{\"action\":\"modifySpec\",\"nodeCount\":6}").status()).isEqualTo(202);
        SERVER.clockTo(HOUR.plusSeconds(3600));

        JsonNode bill = api.get("/api/v1/bills?instanceId=" + id).body().get("bills").get(0);
        JsonNode compute = null;
        for (JsonNode l : bill.get("lines")) {
            compute = l.get("item").asText().equals("compute") ? l : compute;
        }
        // 4 nodes × 2,100 s (Running, then Scaling at the original count) + 6 nodes × 1,500 s
        assertThat(compute.get("quantity").asText()).isEqualTo("17400");
        assertThat(compute.get("amount").asText()).isEqualTo("0.870000");
    }

    @Test
    @Order(2)
    void nodeCountsAndStorageOutsideTheClassesBoundsAreRefused() {
        TestServer.Tenant t = SERVER.newTenant("USD", "100");
        ApiClient api = t.api();
        assertThat(api.post("/api/v1/instances", WAREHOUSE + ",\"nodeCount\":3}").code()).isEqualTo("InvalidSegNodeNum");
        assertThat(api.post("/api/v1/instances", WAREHOUSE + ",\"nodeCount\":514}").code()).isEqualTo("InvalidSegNodeNum");
        assertThat(api.post("/api/v1/instances", WAREHOUSE.replace("\"storageGb\":100", "\"storageGb\":75") + "}").code())
                .isEqualTo("InvalidDBInstanceStorage");
        assertThat(api.post("/api/v1/instances", WAREHOUSE.replace("\"storageGb\":100", "\"storageGb\":6050") + "}").code())
                .isEqualTo("InvalidDBInstanceStorage");
        String id = created(api.post("/api/v1/instances", WAREHOUSE + "}"));
        assertThat(api.get("/api/v1/instances/" + id + "/timeline").body().get("events").get(0).get("data").toString())
                .as("the class's minimum: 2 nodes").contains("\"nodes\":2");
        assertThat(change(api, id, "{\"action\":\"modifySpec\",\"nodeCount\":5}").code()).isEqualTo("InvalidSegNodeNum");
        assertThat(api.get("/api/v1/instances/" + id).body().get("status").asText()).isEqualTo("Running");
        assertThat(api.post("/api/v1/instances", "{\"product\":\"polardb-postgresql\",\"region\":\"cn-hangzhou\",\"edition\":\"Enterprise\","
                + "\"instanceClass\":\"polar.pg.x4.medium\",\"billingMethod\":\"PayAsYouGo\",\"storageGb\":50,\"nodeCount\":17}").code())
                .as("a PolarDB cluster has 1–16 nodes").isEqualTo("InvalidSegNodeNum");
    }

    /** Paused from 12:50 (Pausing until 13:00), resumed at 13:30 (Starting until 13:40): the pause spans two periods. */
    @Test
    @Order(3)
    void aPauseInOnePeriodAndAResumeInTheNextBillOnlyRunningAndPausingAndWrongStatesAreRefused() {
        Instant noon = Instant.parse("2026-06-01T12:00:00Z");
        SERVER.clockTo(noon);
        TestServer.Tenant t = SERVER.newTenant("USD", "100");
        ApiClient api = t.api();
        String id = created(api.post("/api/v1/instances", WAREHOUSE + "}"));
        assertThat(change(api, id, "{\"action\":\"resume\"}").code()).as("resume while Running").isEqualTo("IncorrectDBInstanceState");
        SERVER.clockTo(noon.plusSeconds(3000));
        assertThat(change(api, id, "{\"action\":\"pause\"}").status()).isEqualTo(202);
        assertThat(change(api, id, "{\"action\":\"pause\"}").code()).as("pause while Pausing").isEqualTo("IncorrectDBInstanceState");
        assertThat(change(api, id, "{\"action\":\"resume\"}").code()).as("resume while Pausing").isEqualTo("IncorrectDBInstanceState");
        assertThat(change(api, id, "{\"action\":\"modifySpec\",\"nodeCount\":4}").code()).as("scale while a pause runs")
                .isEqualTo("IncorrectDBInstanceState");
        SERVER.clockTo(noon.plusSeconds(5400));
        assertThat(api.get("/api/v1/instances/" + id).body().get("status").asText()).isEqualTo("Paused");
        assertThat(change(api, id, "{\"action\":\"pause\"}").code()).as("pause while Paused").isEqualTo("IncorrectDBInstanceState");
        assertThat(change(api, id, "{\"action\":\"modifySpec\",\"nodeCount\":4}").code()).as("only resume and release while Paused")
                .isEqualTo("IncorrectDBInstanceState");
        assertThat(change(api, id, "{\"action\":\"resume\"}").status()).isEqualTo(202);
        SERVER.clockTo(noon.plusSeconds(7200));

        JsonNode bills = api.get("/api/v1/bills?instanceId=" + id).body().get("bills");
        assertThat(ServerlessFlowTest.quantity(bills.get(0).get("lines"), "compute")).as("12:00–13:00, Running and Pausing, 2 nodes")
                .isEqualTo("7200");
        assertThat(ServerlessFlowTest.quantity(bills.get(1).get("lines"), "compute")).as("13:40–14:00 Running, 2 nodes").isEqualTo("2400");
        assertThat(ServerlessFlowTest.quantity(bills.get(1).get("lines"), "storage")).as("storage bills all hour").isEqualTo("360000");

        // Release while Paused is allowed, and billing stops at that second.
        assertThat(change(api, id, "{\"action\":\"pause\"}").status()).isEqualTo(202);
        SERVER.clockTo(noon.plusSeconds(7200 + 900));
        assertThat(api.delete("/api/v1/instances/" + id).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/instances/" + id).body().get("status").asText()).isEqualTo("Released");
    }
}
