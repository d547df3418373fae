package io.billow.server;

import io.billow.cli.ApiClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The native API's edges: authentication, tenant isolation, and bad input changing nothing. */
class RestApiTest {

    static final String RDS = "{\"product\":\"rds-postgresql\",\"region\":\"cn-hangzhou\",\"edition\":\"HighAvailability\","
            + "\"instanceClass\":\"pg.n2.medium.2c\",\"billingMethod\":\"PayAsYouGo\",\"storageGb\":100}";

    private static long count(String table, String accountId) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table + " WHERE account_id = :a")
                .bind("a", accountId).mapTo(Long.class).one());
    }

    @Test
    void aTenantSeesOnlyItsOwnInstancesAndAnotherTenantsIdAnswersLikeAnUnknownOne() {
        TestServer.Tenant alice = TestServer.newTenant("USD", "100", "UTC");
        TestServer.Tenant bob = TestServer.newTenant("USD", "100", "UTC");
        String id = alice.api().post("/api/v1/instances", RDS).body().get("instanceId").asText();

        ApiClient.Response other = bob.api().get("/api/v1/instances/" + id);
        ApiClient.Response unknown = bob.api().get("/api/v1/instances/pgm-doesnotexist");

        assertThat(other.status()).isEqualTo(404).isEqualTo(unknown.status());
        assertThat(other.code()).isEqualTo("InvalidDBInstanceId.NotFound").isEqualTo(unknown.code());
        assertThat(other.body().get("message").asText()).isEqualTo(unknown.body().get("message").asText().replace("pgm-doesnotexist", id));
        assertThat(bob.api().get("/api/v1/instances").body().get("instances")).isEmpty();
        assertThat(bob.api().get("/api/v1/instances/" + id + "/timeline").status()).isEqualTo(404);
        assertThat(bob.api().delete("/api/v1/instances/" + id).status()).isEqualTo(404);
        assertThat(bob.api().get("/api/v1/bills?instanceId=" + id).body().get("bills")).isEmpty();
        assertThat(alice.api().get("/api/v1/instances/" + id).status()).isEqualTo(200);
        assertThat(bob.api().get("/api/v1/accounts/" + alice.accountId()).status()).isEqualTo(404);
        // Every other door answers the same: as if the instance did not exist, and nothing of it is listed.
        assertThat(bob.api().post("/api/v1/instances/" + id + "/changes", "{\"action\":\"modifySpec\",\"instanceClass\":\"pg.n4.large.2c\"}")
                .status()).isEqualTo(404);
        assertThat(bob.api().post("/api/v1/instances/" + id + "/switch", "{\"payType\":\"Serverless\",\"instanceClass\":\"pg.n2.serverless.2c\","
                + "\"minCapacity\":0.5,\"maxCapacity\":8,\"autoPause\":false,\"switchForce\":false}").status()).isEqualTo(404);
        assertThat(bob.api().post("/api/v1/instances/" + id + "/usage", "{\"eventId\":\"b-1\",\"rcu\":2}").status()).isEqualTo(404);
        assertThat(bob.api().post("/api/v1/estimates", "{\"instanceId\":\"" + id + "\",\"payType\":\"Serverless\",\"minCapacity\":0.5,"
                + "\"maxCapacity\":8,\"autoPause\":false,\"switchForce\":false}").status()).isEqualTo(404);
        assertThat(bob.api().get("/api/v1/orders?accountId=" + alice.accountId()).body().get("orders")).isEmpty();
        assertThat(bob.api().get("/api/v1/events?instanceId=" + id).body().get("events")).isEmpty();
        assertThat(bob.api().get("/api/v1/events?accountId=" + alice.accountId()).body().get("events")).isEmpty();
        assertThat(alice.api().get("/api/v1/events?instanceId=" + id).body().get("events")).isNotEmpty();
        assertThat(bob.api().post("/api/v1/accounts/" + alice.accountId() + "/access-keys", "").status()).isEqualTo(404);
        assertThat(alice.api().get("/api/v1/instances/" + id).body().get("status").asText()).isEqualTo("Running");
    }

    @Test
    void aSecondAccessKeyActsForTheSameAccount() {
        TestServer.Tenant t = TestServer.newTenant("USD", "100", "UTC");
        String id = t.api().post("/api/v1/instances", RDS).body().get("instanceId").asText();

        ApiClient.Response key = t.api().post("/api/v1/accounts/" + t.accountId() + "/access-keys", "");
        ApiClient second = t.api().as(key.body().get("accessKeyId").asText() + ":" + key.body().get("accessKeySecret").asText());

        assertThat(key.status()).isEqualTo(201);
        assertThat(key.body().get("accessKeyId").asText()).startsWith("LTAI").isNotEqualTo(t.accessKeyId());
        assertThat(second.get("/api/v1/instances/" + id).status()).isEqualTo(200);
        assertThat(t.api().get("/api/v1/instances/" + id).status()).as("the first key still works").isEqualTo(200);
        assertThat(second.as(key.body().get("accessKeyId").asText() + ":wrong").get("/api/v1/instances").status()).isEqualTo(401);
    }

    @Test
    void withoutValidCredentialsNothingIsAnswered() {
        ApiClient anonymous = TestServer.operator().as(null);
        assertThat(anonymous.get("/api/v1/instances").status()).isEqualTo(401);
        assertThat(anonymous.as("LTAInothing:wrong").get("/api/v1/instances").code()).isEqualTo("Unauthorized");
        TestServer.Tenant t = TestServer.newTenant("USD", "1", "UTC");
        assertThat(t.api().post("/api/v1/accounts", "{\"name\":\"x\",\"currency\":\"USD\"}").status()).isEqualTo(403);
    }

    @Test
    void badJsonUnknownFieldsAndWrongTypesAreClear4xxAndWriteNothing() {
        TestServer.Tenant t = TestServer.newTenant("USD", "100", "UTC");
        ApiClient api = t.api();
        long orders = count("orders", t.accountId());

        assertThat(api.post("/api/v1/instances", "{\"product\":").code()).isEqualTo("MalformedJson");
        ApiClient.Response unknown = api.post("/api/v1/instances", RDS.replace("}", ",\"colour\":\"red\"}"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo("UnknownField");
        assertThat(unknown.body().get("message").asText()).contains("colour");
        assertThat(api.post("/api/v1/instances", RDS.replace("\"storageGb\":100", "\"storageGb\":\"lots\"")).code()).isEqualTo("InvalidParameter");
        assertThat(api.post("/api/v1/instances", RDS.replace("pg.n2.medium.2c", "pg.nope")).code()).isEqualTo("InvalidDBInstanceClass.NotFound");
        assertThat(api.post("/api/v1/instances", "[1,2]").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/bills?from=yesterday").code()).isEqualTo("InvalidParameter");
        assertThat(api.get("/api/v1/instances?limit=-4").code()).isEqualTo("InvalidParameter");

        assertThat(count("instances", t.accountId())).isZero();
        assertThat(count("orders", t.accountId())).isEqualTo(orders);
    }

    @Test
    void severalMistakesAreListedTogether() {
        TestServer.Tenant t = TestServer.newTenant("USD", "100", "UTC");
        ApiClient.Response r = t.api().post("/api/v1/instances", RDS.replace("HighAvailability", "Gold").replace("PayAsYouGo", "Barter")
                .replace("cn-hangzhou", "mars-1"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("InvalidRegionId.NotFound");
        assertThat(r.body().get("violations")).extracting(v -> v.get("code").asText())
                .contains("InvalidRegionId.NotFound", "InvalidPayType.NotSupported", "InvalidParameter");
        assertThat(count("instances", t.accountId())).isZero();
    }

    @Test
    void negativeAmountsUnknownZonesAndBadCurrenciesAreRefused() {
        ApiClient op = TestServer.operator();
        assertThat(op.post("/api/v1/accounts", "{\"name\":\"n\",\"currency\":\"USD\",\"balance\":-5}").code()).isEqualTo("InvalidParameter.Amount");
        assertThat(op.post("/api/v1/accounts", "{\"name\":\"n\",\"currency\":\"USD\",\"settlementZone\":\"Mars/Olympus\"}").code())
                .isEqualTo("InvalidParameter.SettlementZone");
        assertThat(op.post("/api/v1/accounts", "{\"name\":\"n\",\"currency\":\"dollars\"}").code()).isEqualTo("InvalidParameter.Currency");
        TestServer.Tenant t = TestServer.newTenant("USD", "100", "UTC");
        assertThat(op.post("/api/v1/accounts/" + t.accountId() + "/top-ups", "{\"amount\":-1}").code()).isEqualTo("InvalidParameter.Amount");
        assertThat(op.post("/api/v1/accounts/" + t.accountId() + "/top-ups", "{\"amount\":0.001}").code()).isEqualTo("InvalidParameter.Amount");
        assertThat(op.get("/api/v1/accounts/" + t.accountId()).body().get("balance").asText()).isEqualTo("100.000000");
    }

    @Test
    void aReportedStorageTypeChangesWhatStorageIsBilledAtAndAnUnpricedOneIsRefused() {
        TestServer.Tenant t = TestServer.newTenant("USD", "100", "UTC");
        String id = t.api().post("/api/v1/instances", RDS).body().get("instanceId").asText();

        ApiClient.Response ok = TestServer.operator().patch("/api/v1/instances/" + id + "/attributes",
                "{\"storageType\":\"local_ssd\",\"sslEnabled\":true}");
        ApiClient.Response unpriced = TestServer.operator().patch("/api/v1/instances/" + id + "/attributes", "{\"storageType\":\"tape\"}");

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().get("storageType").asText()).isEqualTo("local_ssd");
        assertThat(ok.body().get("attributes").get("sslEnabled").asBoolean()).isTrue();
        assertThat(ok.body().get("attributes").has("storageType")).isFalse();
        assertThat(unpriced.code()).isEqualTo("InvalidParameter.PriceNotFound");
        assertThat(t.api().get("/api/v1/instances/" + id).body().get("storageType").asText()).isEqualTo("local_ssd");
        assertThat(t.api().get("/api/v1/instances/" + id + "/timeline").body().get("events"))
                .extracting(e -> e.get("kind").asText()).containsExactly("created", "spec-changed");
        assertThat(t.api().patch("/api/v1/instances/" + id + "/attributes", "{\"sslEnabled\":false}").status()).isEqualTo(403);
    }

    @Test
    void anInstanceWithoutAPriceInTheAccountsCurrencyCannotBeCreated() {
        TestServer.Tenant euro = TestServer.newTenant("EUR", "100", "UTC");
        ApiClient.Response r = euro.api().post("/api/v1/instances", RDS);
        assertThat(r.code()).isEqualTo("InvalidParameter.PriceNotFound");
        assertThat(count("instances", euro.accountId())).isZero();
    }

    @Test
    void theOpenApiDocumentAndTheCatalogAreServed() {
        ApiClient.Response doc = TestServer.operator().as(null).get("/api/v1/openapi.json");
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.body().get("paths").has("/api/v1/bills")).isTrue();
        assertThat(TestServer.operator().get("/api/v1/catalog").body().get("products")).hasSize(5);
        assertThat(TestServer.operator().get("/api/v1/nothing-here").status()).isEqualTo(404);
    }
}
