package io.billow.product.rocketmq5;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.cli.ApiClient;
import io.billow.server.OwnServer;
import io.billow.server.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static io.billow.product.rocketmq5.Mq5.bill;
import static io.billow.product.rocketmq5.Mq5.endpoints;
import static io.billow.product.rocketmq5.Mq5.lines;
import static io.billow.product.rocketmq5.Mq5.used;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 002's upgrade, Standard → Shared, through the native API, with hand-computed bills: an
 * estimate first, the edition changing at once, the new free endpoint and the old one marked
 * To Be Unpublished, usage through both counting for the same instance, the warning when the old
 * one is still used a day later, and its fee stopping at the second the user deletes it.
 */
class RocketMq5UpgradeTest {

    private static final Instant H = Instant.parse("2026-04-01T01:00:00Z");

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(Instant.parse("2026-04-01T00:00:00Z"));

    @Test
    void theUpgradeSwitchesEndpointsAndTheOldOneBillsUntilItsDeletionSecond() {
        TestServer.Tenant t = SERVER.newTenant("USD", "1000");
        ApiClient api = t.api();
        SERVER.clockTo(H);
        String id = Mq5.create(api, "Standard", "serverless.standard");
        Mq5.hold(api, id, "topics", "t", 1, 2);
        Mq5.hold(api, id, "groups", "g", 1, 1);
        String old = endpoints(api, id).get(0).get("endpointId").asText();
        SERVER.clockTo(H.plusSeconds(600));
        used(api, id, "{\"eventId\":\"u1\",\"endpointId\":\"" + old + "\",\"counts\":{\"privatelink_gb\":1,\"message_requests\":1000000}}");

        Instant upgradedAt = H.plusSeconds(1800);
        SERVER.clockTo(upgradedAt);
        String upgrade = "{\"action\":\"upgradeEdition\",\"edition\":\"Shared\",\"instanceClass\":\"shared.s1\"}";
        JsonNode estimate = api.post("/api/v1/estimates", upgrade.replace("{", "{\"instanceId\":\"" + id + "\",")).body();
        assertThat(estimate.get("eligible").asBoolean()).as(estimate.toString()).isTrue();
        assertThat(estimate.get("explanation").asText()).contains("Standard → Shared (shared.s1)").contains("To Be Unpublished")
                .endsWith("; instance fee 0.05 USD an hour; the old endpoint 0.01 USD an hour until deleted");
        assertThat(api.get("/api/v1/instances/" + id).body().get("edition").asText()).as("an estimate changes nothing").isEqualTo("Standard");
        assertThat(endpoints(api, id)).hasSize(1);

        ApiClient.Response done = api.post("/api/v1/instances/" + id + "/changes", upgrade);
        assertThat(done.status()).as(done.body().toString()).isEqualTo(200);
        assertThat(done.body().get("edition").asText()).isEqualTo("Shared");
        assertThat(done.body().get("instanceClass").asText()).isEqualTo("shared.s1");
        assertThat(done.body().get("status").asText()).isEqualTo("Running");
        List<JsonNode> after = endpoints(api, id);
        assertThat(after).extracting(e -> e.get("endpointId").asText().equals(old) + " " + e.get("status").asText() + " "
                + e.get("billingModel").asText()).containsExactlyInAnyOrder("true ToBeUnpublished consumer", "false Active provider");
        JsonNode oldView = after.stream().filter(e -> e.get("endpointId").asText().equals(old)).findFirst().orElseThrow();
        assertThat(oldView.get("markedAt").asText()).isEqualTo(upgradedAt.toString());
        String fresh = after.stream().filter(e -> !e.get("endpointId").asText().equals(old)).findFirst().orElseThrow()
                .get("endpointId").asText();
        assertThat(Mq5.events(api, id, "instance.edition-upgraded")).hasSize(1);

        // Both endpoints reach the same instance: usage through either counts for it.
        SERVER.clockTo(H.plusSeconds(2400));
        used(api, id, "{\"eventId\":\"u2\",\"endpointId\":\"" + old + "\",\"counts\":{\"privatelink_gb\":2,\"message_requests\":1000000}}");
        used(api, id, "{\"eventId\":\"u3\",\"endpointId\":\"" + fresh + "\",\"counts\":{\"privatelink_gb\":3,\"message_requests\":1000000}}");
        SERVER.clockTo(H.plusSeconds(7200 + 1));
        JsonNode upgradeHour = bill(api, id, H);
        // Standard until 01:30: 2 topics × 1,800 s at 0.02, 1 M requests at 0.30 per million; Shared from 01:30: the
        // instance fee for 1,800 s, 2 M requests at 0.20 (2 topics and 1 group are within shared.s1's free 100 of both); the old
        // endpoint bills all hour (0.01) with the 1 + 2 GB through it, the 3 GB through the new one are free.
        assertThat(lines(upgradeHour)).containsExactlyInAnyOrder(
                "topics Standard 3600 × 0.02 = 0.020000",
                "instance_fee shared.s1 1800 × 0.05 = 0.025000",
                "privatelink_endpoint * 3600 × 0.01 = 0.010000",
                "privatelink_traffic * 3 × 0.01 = 0.030000",
                "message_requests Standard 1000000 × 0.30 = 0.300000",
                "message_requests Shared 2000000 × 0.20 = 0.400000");
        assertThat(upgradeHour.get("payable").asText()).isEqualTo("0.78");
        assertThat(Mq5.line(upgradeHour, "privatelink_traffic").get("explanation").asText()).contains("traffic through endpoint " + old);
        JsonNode nextHour = bill(api, id, H.plusSeconds(3600));
        assertThat(lines(nextHour)).containsExactlyInAnyOrder("instance_fee shared.s1 3600 × 0.05 = 0.050000",
                "privatelink_endpoint * 3600 × 0.01 = 0.010000");
        assertThat(Mq5.line(nextHour, "privatelink_endpoint").get("explanation").asText())
                .as("each hour's line for the old endpoint says why it is there")
                .contains("why: endpoint " + old + " is marked To Be Unpublished").contains("until deleted");
        assertThat(Mq5.events(api, id, UsageWarnings.OLD_ENDPOINT_USED)).as("within 24 h of the upgrade").isEmpty();

        // A day after the upgrade some client still uses the old endpoint: one warning, however often it is used.
        Instant dayLater = upgradedAt.plusSeconds(86_400 + 60);
        SERVER.clockTo(dayLater);
        used(api, id, "{\"eventId\":\"u4\",\"endpointId\":\"" + old + "\",\"counts\":{\"privatelink_gb\":1}}");
        SERVER.clockTo(dayLater.plusSeconds(60));
        used(api, id, "{\"eventId\":\"u5\",\"endpointId\":\"" + old + "\",\"counts\":{\"message_requests\":10}}");
        assertThat(Mq5.events(api, id, UsageWarnings.OLD_ENDPOINT_USED)).singleElement().satisfies(e ->
                assertThat(e.get("data").get("endpointId").asText()).isEqualTo(old));

        Instant deletedAt = upgradedAt.plusSeconds(86_400 + 1234);
        SERVER.clockTo(deletedAt);
        ApiClient.Response current = api.delete("/api/v1/instances/" + id + "/endpoints/" + fresh);
        assertThat(current.code()).isEqualTo("OperationDenied.EndpointInUse");
        ApiClient.Response deleted = api.delete("/api/v1/instances/" + id + "/endpoints/" + old);
        assertThat(deleted.status()).as(deleted.body().toString()).isEqualTo(200);
        assertThat(deleted.body().get("deletedAt").asText()).isEqualTo(deletedAt.toString());
        assertThat(api.delete("/api/v1/instances/" + id + "/endpoints/" + fresh).code()).isEqualTo("OperationDenied.LastEndpoint");
        assertThat(api.delete("/api/v1/instances/" + id + "/endpoints/" + old).status()).as("already deleted").isEqualTo(404);
        ApiClient.Response late = Mq5.usage(api, id, "{\"eventId\":\"u6\",\"endpointId\":\"" + old + "\",\"counts\":{\"privatelink_gb\":1}}");
        assertThat(late.code()).isEqualTo("InvalidEndpointId.NotFound");

        Instant dayHour = H.plusSeconds(86_400);
        SERVER.clockTo(dayHour.plusSeconds(7200 + 1));
        // Deleted on 2026-04-02 at 01:30:00 + 1,234 s = 01:50:34: 3,034 s of the 01:00 period, 3,034 × 0.01 ÷ 3,600 = 0.0084277…
        // The 1 GB through it a day after the upgrade is billed; the 10 requests through it are the instance's own, at 0.20 per million.
        JsonNode deletionHour = bill(api, id, dayHour);
        assertThat(lines(deletionHour)).containsExactlyInAnyOrder(
                "instance_fee shared.s1 3600 × 0.05 = 0.050000",
                "privatelink_endpoint * 3034 × 0.01 = 0.008428",
                "privatelink_traffic * 1 × 0.01 = 0.010000",
                "message_requests Shared 10 × 0.20 = 0.000002");
        assertThat(lines(bill(api, id, dayHour.plusSeconds(3600)))).containsExactly("instance_fee shared.s1 3600 × 0.05 = 0.050000");

        ApiClient.Response back = api.post("/api/v1/instances/" + id + "/changes",
                "{\"action\":\"upgradeEdition\",\"edition\":\"Standard\",\"instanceClass\":\"serverless.standard\"}");
        assertThat(back.code()).isEqualTo(SharedUpgrade.DOWNGRADE_REFUSED);
        assertThat(back.body().get("message").asText()).contains("never back");
        assertThat(api.get("/api/v1/instances/" + id).body().get("edition").asText()).isEqualTo("Shared");
    }
}
