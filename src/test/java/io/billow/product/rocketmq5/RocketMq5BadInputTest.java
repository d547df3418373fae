package io.billow.product.rocketmq5;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.catalog.CatalogException;
import io.billow.catalog.CatalogLoader;
import io.billow.cli.ApiClient;
import io.billow.server.OwnServer;
import io.billow.server.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad input to RocketMQ 5.x serverless: each refusal has its stable code and a message that says
 * what to do, and changes nothing (no instance, no order, no usage, the edition and endpoints as
 * they were); another tenant's instance looks exactly like a missing one.
 */
class RocketMq5BadInputTest {

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(Instant.parse("2026-05-01T00:00:00Z"));

    @Test
    void creationsTheProductDoesNotSellAreRefusedAndCreateNothing() {
        TestServer.Tenant t = SERVER.newTenant("USD", "100");
        ApiClient api = t.api();
        refused(api, Mq5.body("Ultimate", "serverless.standard", null), "InvalidParameter", "unknown edition 'Ultimate'");
        refused(api, Mq5.body("Shared", "shared.s9", null), "InvalidDBInstanceClass.NotFound", "shared.s9");
        refused(api, Mq5.body("Shared", "dedicated.d1", null), "IncorrectTargetClasscode", "belongs to edition Dedicated");
        refused(api, Mq5.body("Standard", "serverless.standard", "{\"capacityType\":\"reserved\",\"reservedCapacity\":\"100\"}"),
                "InvalidParameter.CapacityType", "Shared and Dedicated editions only");
        refused(api, Mq5.body("Shared", "shared.s1", "{\"capacityType\":\"reserved\",\"reservedCapacity\":\"-5\"}"),
                "InvalidParameter", "within 1–10000 for shared.s1");
        refused(api, Mq5.body("Shared", "shared.s1", "{\"capacityType\":\"reserved\",\"reservedCapacity\":\"20000\"}"),
                "InvalidParameter", "within 1–10000");
        refused(api, Mq5.body("Shared", "shared.s1", "{\"capacityType\":\"reserved\"}"), "MissingParameter", "needs reservedCapacity");
        refused(api, Mq5.body("Shared", "shared.s1", "{\"capacityType\":\"burst\"}"), "InvalidParameter", "cumulative or reserved");
        refused(api, Mq5.body("Shared", "shared.s1", "{\"reservedCapacity\":\"10\"}"), "InvalidParameter", "capacityType reserved only");
        refused(api, Mq5.body("Shared", "shared.s1", "{\"autoPause\":\"true\"}"), "UnknownField", "capacityType, reservedCapacity");
        assertThat(api.get("/api/v1/instances").body().get("instances")).isEmpty();
        assertThat(api.get("/api/v1/orders").body().get("orders")).isEmpty();
    }

    @Test
    void usageForAnItemTheEditionDoesNotBillIsRefusedWhole() {
        TestServer.Tenant t = SERVER.newTenant("USD", "100");
        ApiClient api = t.api();
        String standard = Mq5.create(api, "Standard", "serverless.standard");
        String shared = Mq5.create(api, "Shared", "shared.s1");
        String ep = Mq5.endpoints(api, standard).get(0).get("endpointId").asText();
        usageRefused(api, standard, "{\"eventId\":\"x1\",\"levels\":{\"clients\":10}}", "InvalidParameter.UsageItem",
                "the Standard edition of ApsaraMQ for RocketMQ 5.x (serverless) bills no 'clients' level");
        usageRefused(api, standard, "{\"eventId\":\"x2\",\"endpointId\":\"" + ep + "\",\"counts\":{\"message_requests\":5,\"storage_gb\":1}}",
                "InvalidParameter.UsageItem", "counts no usage named 'storage_gb'");
        usageRefused(api, standard, "{\"eventId\":\"x3\",\"counts\":{\"privatelink_gb\":1}}", "MissingParameter", "endpointId");
        usageRefused(api, standard, "{\"eventId\":\"x4\",\"endpointId\":\"ep-nosuchendpoint00\",\"counts\":{\"privatelink_gb\":1}}",
                "InvalidEndpointId.NotFound", "has no endpoint ep-nosuchendpoint00");
        usageRefused(api, standard, "{\"eventId\":\"x5\",\"endpointId\":\"" + ep + "\",\"counts\":{\"privatelink_gb\":-1}}",
                "InvalidParameter", "counts.privatelink_gb");
        usageRefused(api, shared, "{\"eventId\":\"x6\",\"levels\":{\"clients\":-3}}", "InvalidParameter", "levels.clients");
        usageRefused(api, shared, "{\"eventId\":\"x7\",\"levels\":{\"reserved_tps\":1000}}", "InvalidParameter.UsageItem",
                "part of the instance's configuration");
        for (String id : List.of(standard, shared)) {
            for (JsonNode e : api.get("/api/v1/instances/" + id + "/timeline").body().get("events")) {
                assertThat(e.get("kind").asText()).as("no usage was recorded").isNotIn("usage-recorded", "resource-count-changed");
            }
        }
    }

    @Test
    void upgradesAndDowngradesTheProductDoesNotOfferAreRefusedAndChangeNothing() {
        TestServer.Tenant t = SERVER.newTenant("USD", "100");
        ApiClient api = t.api();
        String standard = Mq5.create(api, "Standard", "serverless.standard");
        String professional = Mq5.create(api, "Professional", "serverless.professional");
        String dedicated = Mq5.create(api, "Dedicated", "dedicated.d1");
        changeRefused(api, standard, "Dedicated", "dedicated.d1", SharedUpgrade.UPGRADE_REFUSED, "upgrades to Shared only");
        changeRefused(api, standard, "Professional", "serverless.professional", SharedUpgrade.UPGRADE_REFUSED, "upgrades to Shared only");
        changeRefused(api, professional, "Standard", "serverless.standard", SharedUpgrade.DOWNGRADE_REFUSED, "never back");
        changeRefused(api, dedicated, "Shared", "shared.s1", SharedUpgrade.DOWNGRADE_REFUSED, "never back");
        changeRefused(api, standard, "Platinum", "shared.s1", "InvalidParameter", "unknown edition 'Platinum'");
        changeRefused(api, standard, "Shared", "dedicated.d1", "InvalidInstanceClass.NotFound", "shared.s1, shared.s2");
        changeRefused(api, standard, "Shared", null, "MissingParameter", "instanceClass is required");
        JsonNode estimate = api.post("/api/v1/estimates", "{\"instanceId\":\"" + professional + "\",\"action\":\"upgradeEdition\","
                + "\"edition\":\"Standard\",\"instanceClass\":\"serverless.standard\"}").body();
        assertThat(estimate.get("eligible").asBoolean()).isFalse();
        assertThat(estimate.get("violations").get(0).get("code").asText()).isEqualTo(SharedUpgrade.DOWNGRADE_REFUSED);
        for (String id : List.of(standard, professional, dedicated)) {
            assertThat(Mq5.endpoints(api, id)).as("no endpoint added or marked").singleElement()
                    .satisfies(e -> assertThat(e.get("status").asText()).isEqualTo("Active"));
        }
        assertThat(api.get("/api/v1/instances/" + standard).body().get("edition").asText()).isEqualTo("Standard");
        assertThat(api.get("/api/v1/instances/" + dedicated).body().get("edition").asText()).isEqualTo("Dedicated");
    }

    @Test
    void anotherTenantsEndpointsLookExactlyLikeAMissingInstanceAndAReleasedInstancesAreGoneWithIt() {
        TestServer.Tenant owner = SERVER.newTenant("USD", "100");
        TestServer.Tenant other = SERVER.newTenant("USD", "100");
        String id = Mq5.create(owner.api(), "Standard", "serverless.standard");
        String ep = Mq5.endpoints(owner.api(), id).get(0).get("endpointId").asText();
        for (String target : List.of(id, "rmq-cn-nosuchthing0")) {
            ApiClient.Response list = other.api().get("/api/v1/instances/" + target + "/endpoints");
            assertThat(list.status()).isEqualTo(404);
            assertThat(list.code()).isEqualTo("InvalidDBInstanceId.NotFound");
            assertThat(other.api().delete("/api/v1/instances/" + target + "/endpoints/" + ep).code()).isEqualTo(list.code());
        }
        assertThat(Mq5.endpoints(owner.api(), id)).singleElement().satisfies(e -> assertThat(e.get("deletedAt").isNull()).isTrue());
        ApiClient.Response released = owner.api().delete("/api/v1/instances/" + id);
        assertThat(released.status()).isEqualTo(200);
        // A released instance is still listed (its bills stay readable); its endpoints went with it.
        assertThat(Mq5.endpoints(owner.api(), id)).singleElement().satisfies(e -> assertThat(e.get("deletedAt").asText())
                .isEqualTo(released.body().get("releasedAt").asText()));
        assertThat(owner.api().delete("/api/v1/instances/" + id + "/endpoints/" + ep).code()).isEqualTo("InvalidDBInstanceId.NotFound");
    }

    @Test
    void aCatalogWithAQuotaBelowZeroOrTiersOutOfOrderDoesNotLoad() throws IOException {
        String yaml = Files.readString(Path.of("catalog/rocketmq-5.yaml"));
        String negative = yaml.replace("freeQuota: {shared.s1: 500,", "freeQuota: {shared.s1: -500,");
        assertThatThrownBy(() -> CatalogLoader.fromTexts(List.of(Map.entry("catalog/rocketmq-5.yaml", negative))))
                .isInstanceOf(CatalogException.class).hasMessageContaining("item clients has a negative free quota for shared.s1");
        String tiers = yaml.replace("{above: 1000000000, unitPrice: \"0.18\"}", "{above: 1000, unitPrice: \"0.18\"}");
        assertThatThrownBy(() -> CatalogLoader.fromTexts(List.of(Map.entry("catalog/rocketmq-5.yaml", tiers))))
                .isInstanceOf(CatalogException.class).hasMessageContaining("tiers start above increasing positive quantities");
        String condition = yaml.replace("onlyWhen: {reserved_tps: zero}}", "onlyWhen: {reserved_tps: sometimes}}");
        assertThatThrownBy(() -> CatalogLoader.fromTexts(List.of(Map.entry("catalog/rocketmq-5.yaml", condition))))
                .isInstanceOf(CatalogException.class).hasMessageContaining("onlyWhen.reserved_tps is zero or positive, got 'sometimes'");
    }

    private static void refused(ApiClient api, String body, String code, String message) {
        ApiClient.Response r = api.post("/api/v1/instances", body);
        assertThat(r.code()).as(r.body().toString()).isEqualTo(code);
        assertThat(r.body().toString()).contains(message);
    }

    private static void usageRefused(ApiClient api, String id, String body, String code, String message) {
        ApiClient.Response r = Mq5.usage(api, id, body);
        assertThat(r.code()).as(r.body().toString()).isEqualTo(code);
        assertThat(r.body().toString()).contains(message);
    }

    private static void changeRefused(ApiClient api, String id, String edition, String cls, String code, String message) {
        ApiClient.Response r = api.post("/api/v1/instances/" + id + "/changes", "{\"action\":\"upgradeEdition\",\"edition\":\"" + edition
                + "\"" + (cls == null ? "" : ",\"instanceClass\":\"" + cls + "\"") + "}");
        assertThat(r.code()).as(r.body().toString()).isEqualTo(code);
        assertThat(r.body().toString()).contains(message);
    }
}
