package io.billow.server;

import io.billow.cli.ApiClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Creating and releasing an instance go through the provisioner: its zone capacity and its failures. */
class ProvisionedCreationTest {

    private static final String ZONE_K = RestApiTest.RDS.replace("}", ",\"zoneId\":\"cn-hangzhou-k\"}");

    @Test
    void aFullZoneRefusesACreationAndAReleaseGivesItsRoomBack() {
        TestServer.Tenant t = TestServer.newTenant("USD", "100", "UTC");
        TestServer.operator().put("/api/v1/provisioner", "{\"capacity\":[{\"product\":\"rds-postgresql\",\"zoneId\":\"cn-hangzhou-k\","
                + "\"billingMethod\":\"PayAsYouGo\",\"instances\":1}]}");

        ApiClient.Response first = t.api().post("/api/v1/instances", ZONE_K);
        ApiClient.Response second = t.api().post("/api/v1/instances", ZONE_K);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(403);
        assertThat(second.code()).isEqualTo("InsufficientResourceCapacity");
        assertThat(t.api().get("/api/v1/instances").body().get("instances")).hasSize(1);
        assertThat(t.api().get("/api/v1/orders").body().get("orders")).hasSize(1);

        assertThat(t.api().delete("/api/v1/instances/" + first.body().get("instanceId").asText()).status()).isEqualTo(200);
        assertThat(t.api().post("/api/v1/instances", ZONE_K).status()).isEqualTo(201);
    }

    @Test
    void aFailedBuildCreatesNothingAndChargesNothing() {
        TestServer.Tenant t = TestServer.newTenant("USD", "100", "UTC");
        TestServer.operator().put("/api/v1/provisioner", "{\"failNext\":{\"CREATE\":1}}");

        ApiClient.Response failed = t.api().post("/api/v1/instances", RestApiTest.RDS);

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.code()).isEqualTo("ProvisioningFailed");
        assertThat(t.api().get("/api/v1/instances").body().get("instances")).isEmpty();
        assertThat(t.api().get("/api/v1/orders").body().get("orders")).isEmpty();
        assertThat(t.api().get("/api/v1/accounts/" + t.accountId()).body().get("balance").asText()).startsWith("100");
        assertThat(t.api().post("/api/v1/instances", RestApiTest.RDS).status()).as("the next one is built").isEqualTo(201);
    }
}
