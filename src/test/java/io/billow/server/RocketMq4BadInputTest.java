package io.billow.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.cli.ApiClient;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.billow.server.RocketMq4EditionTest.STANDARD;
import static io.billow.server.RocketMq4EditionTest.balance;
import static io.billow.server.RocketMq4EditionTest.change;
import static io.billow.server.RocketMq4EditionTest.created;
import static org.assertj.core.api.Assertions.assertThat;

/** What a RocketMQ 4.x user can get wrong: each refusal has its code and message, and nothing is written. */
class RocketMq4BadInputTest {

    @Test
    void upgradesWithUnknownSpecsUnsoldTermsOrTooLittleMoneyChangeNothing() {
        TestServer.Tenant t = TestServer.newTenant("USD", "100", "UTC");
        ApiClient api = t.api();
        String id = created(api.post("/api/v1/instances", STANDARD));
        assertRefused(api, id, "{\"action\":\"upgradeEdition\",\"instanceClass\":\"ep.tps.7k\",\"months\":1}", "InvalidInstanceClass.NotFound");
        assertRefused(api, id, "{\"action\":\"upgradeEdition\",\"instanceClass\":\"standard\",\"months\":1}", "InvalidInstanceClass.NotFound");
        assertRefused(api, id, "{\"action\":\"upgradeEdition\",\"instanceClass\":\"ep.tps.5k\",\"months\":5}", "InvalidPeriod");
        assertRefused(api, id, "{\"action\":\"upgradeEdition\",\"instanceClass\":\"ep.tps.5k\"}", "InvalidPeriod");
        assertRefused(api, id, "{\"action\":\"upgradeEdition\",\"instanceClass\":\"ep.tps.5k\",\"months\":1}", "InsufficientBalance");
        assertRefused(api, id, "{\"action\":\"renew\",\"months\":1}", "InvalidPayType.NotSupported");
        assertRefused(api, id, "{\"action\":\"setPostExpirationAction\",\"postExpirationAction\":\"DowngradeToStandard\"}",
                "InvalidPayType.NotSupported");
        assertRefused(api, id, "{\"action\":\"teleport\"}", "InvalidParameter");
        JsonNode after = api.get("/api/v1/instances/" + id).body();
        assertThat(after.get("edition").asText()).isEqualTo("Standard");
        assertThat(after.get("status").asText()).isEqualTo("Running");
        assertThat(api.get("/api/v1/orders?instanceId=" + id).body().get("orders")).as("only the NEW order").hasSize(1);
        assertThat(balance(api, t)).isEqualByComparingTo(new BigDecimal("100"));
        JsonNode estimate = api.post("/api/v1/estimates", "{\"instanceId\":\"" + id + "\",\"action\":\"upgradeEdition\","
                + "\"instanceClass\":\"ep.tps.5k\",\"months\":1}").body();
        assertThat(estimate.get("eligible").asBoolean()).isFalse();
        assertThat(estimate.get("violations").get(0).get("code").asText()).isEqualTo("InsufficientBalance");
    }

    @Test
    void topicAndGroupNamesAreCheckedAsTheOnsApiDoesAndTheClassCapacityHolds() {
        TestServer.Tenant t = TestServer.newTenant("USD", "100", "UTC");
        ApiClient api = t.api();
        String id = created(api.post("/api/v1/instances", STANDARD));
        for (String bad : new String[]{"ab", "CID_orders", "GID_orders", "has space", "x".repeat(65)}) {
            assertThat(api.post("/api/v1/instances/" + id + "/topics", "{\"name\":\"" + bad + "\"}").code()).as(bad)
                    .isEqualTo("InvalidParameter");
        }
        assertThat(api.post("/api/v1/instances/" + id + "/topics", "{\"name\":\"orders\",\"attributes\":{\"messageType\":3}}").code())
                .isEqualTo("InvalidParameter");
        assertThat(api.post("/api/v1/instances/" + id + "/groups", "{\"name\":\"GID_a\",\"attributes\":{\"groupType\":\"udp\"}}").code())
                .isEqualTo("InvalidParameter");
        assertThat(api.post("/api/v1/instances/" + id + "/topics", "{\"name\":\"orders\"}").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/instances/" + id + "/topics", "{\"name\":\"orders\"}").code()).isEqualTo("ResourceAlreadyExists");
        assertThat(api.delete("/api/v1/instances/" + id + "/topics/missing").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/instances/" + id + "/topics").body().get("topics")).hasSize(1);
        assertThat(api.get("/api/v1/instances/" + id + "/timeline").body().get("events")).as("created, and the one topic (count, counter)")
                .hasSize(3);

        // Enterprise Platinum ep.tps.5k holds 25 topics.
        TestServer.Tenant rich = TestServer.newTenant("USD", "5000", "UTC");
        String ep = created(rich.api().post("/api/v1/instances", "{\"product\":\"rocketmq-4\",\"region\":\"cn-hangzhou\","
                + "\"edition\":\"EnterprisePlatinum\",\"instanceClass\":\"ep.tps.5k\",\"billingMethod\":\"Subscription\",\"months\":1}"));
        for (int n = 1; n <= 25; n++) {
            assertThat(rich.api().post("/api/v1/instances/" + ep + "/topics", "{\"name\":\"topic-" + n + "\"}").status()).isEqualTo(201);
        }
        assertThat(rich.api().post("/api/v1/instances/" + ep + "/topics", "{\"name\":\"topic-26\"}").code()).isEqualTo("QuotaExceeded.Resource");
    }

    @Test
    void anotherTenantsInstanceLooksExactlyLikeAMissingOne() {
        TestServer.Tenant owner = TestServer.newTenant("USD", "100", "UTC");
        String id = created(owner.api().post("/api/v1/instances", STANDARD));
        owner.api().post("/api/v1/instances/" + id + "/topics", "{\"name\":\"orders\"}");
        ApiClient stranger = TestServer.newTenant("USD", "100000", "UTC").api();
        for (String body : new String[]{"{\"action\":\"upgradeEdition\",\"instanceClass\":\"ep.tps.5k\",\"months\":1}",
                "{\"action\":\"renew\",\"months\":1}", "{\"action\":\"unsubscribe\"}"}) {
            ApiClient.Response theirs = change(stranger, id, body);
            ApiClient.Response missing = change(stranger, "MQ_INST_0000000000000000_missing0", body);
            assertThat(theirs.status()).isEqualTo(404);
            assertThat(theirs.code()).isEqualTo(missing.code());
        }
        assertThat(stranger.get("/api/v1/instances/" + id + "/topics").status()).isEqualTo(404);
        assertThat(stranger.delete("/api/v1/instances/" + id + "/topics/orders").status()).isEqualTo(404);
        assertThat(owner.api().get("/api/v1/instances/" + id + "/topics").body().get("topics")).hasSize(1);
    }

    private static void assertRefused(ApiClient api, String id, String body, String code) {
        ApiClient.Response r = change(api, id, body);
        assertThat(r.status()).as(body).isBetween(400, 499);
        assertThat(r.code()).as(body + " → " + r.body()).isEqualTo(code);
        assertThat(r.body().get("message").asText()).isNotBlank();
    }
}
