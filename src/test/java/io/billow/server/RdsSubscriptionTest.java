package io.billow.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.cli.ApiClient;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;

import static io.billow.server.RocketMq4EditionTest.change;
import static io.billow.server.RocketMq4EditionTest.created;
import static org.assertj.core.api.Assertions.assertThat;

/** RDS subscriptions through the same engine: renewal from the term's end, the deletion guard, and its 15-day retention shown. */
class RdsSubscriptionTest {

    @Test
    void anRdsSubscriptionRenewsFromItsEndAndUnsubscribingDeletesOnlyWhenConfirmed() {
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
        ApiClient api = t.api();
        String id = created(api.post("/api/v1/instances", "{\"product\":\"rds-postgresql\",\"region\":\"cn-hangzhou\","
                + "\"edition\":\"HighAvailability\",\"instanceClass\":\"pg.n2.medium.2c\",\"billingMethod\":\"Subscription\","
                + "\"storageGb\":100,\"months\":1}"));
        JsonNode term = api.get("/api/v1/instances/" + id).body().get("subscription");
        Instant end = Instant.parse(term.get("expiresAt").asText());
        assertThat(term.get("postExpirationActions")).extracting(JsonNode::asText).containsExactly("DeleteResource");
        assertThat(change(api, id, "{\"action\":\"setPostExpirationAction\",\"postExpirationAction\":\"DowngradeToStandard\"}").code())
                .as("RDS offers no conversion").isEqualTo("InvalidParameter");
        assertThat(change(api, id, "{\"action\":\"renew\",\"months\":10}").code()).isEqualTo("InvalidPeriod");

        JsonNode renewed = change(api, id, "{\"action\":\"renew\",\"months\":2}").body();
        assertThat(renewed.get("order").get("cashPaid").asText()).isEqualTo("160.00");
        assertThat(api.get("/api/v1/instances/" + id).body().get("subscription").get("expiresAt").asText())
                .isEqualTo(end.atZone(ZoneOffset.UTC).plusMonths(2).toInstant().toString());

        ApiClient.Response guarded = change(api, id, "{\"action\":\"unsubscribe\"}");
        assertThat(guarded.code()).isEqualTo("OperationDenied.DeleteResourceNotConfirmed");
        assertThat(guarded.body().get("message").asText()).contains("releases instance " + id + " at once");
        // Within five days of the first payment: every cash payment of the subscription comes back (80 + 160).
        JsonNode gone = change(api, id, "{\"action\":\"unsubscribe\",\"confirmDeleteResource\":true}").body();
        assertThat(gone.get("status").asText()).isEqualTo("Released");
        assertThat(gone.get("order").get("cashPaid").asText()).isEqualTo("-240.00");
        assertThat(RocketMq4EditionTest.balance(api, t)).isEqualByComparingTo("1000");
    }
}
