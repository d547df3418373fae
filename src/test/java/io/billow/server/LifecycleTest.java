package io.billow.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.cli.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** domain.md §9: subscription expiry and release, and the overdue lifecycle of pay-as-you-go. */
class LifecycleTest {

    /** Its own server: a month of settling its instances, not every other test's. */
    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(TestServer.START);


    private static String status(ApiClient api, String id) {
        return api.get("/api/v1/instances/" + id).body().get("status").asText();
    }

    private static void to(Instant t) {
        SERVER.operator().post("/api/v1/clock", "{\"to\":\"" + t + "\"}");
    }

    @Test
    void aSubscriptionIsPaidUpFrontNeverMeteredLockedAtExpiryAndReleasedFifteenDaysLater() {
        TestServer.Tenant t = SERVER.newTenant("USD", "1000");
        // Its zone has room for one subscription instance.
        SERVER.operator().put("/api/v1/provisioner", "{\"capacity\":[{\"product\":\"rds-postgresql\",\"zoneId\":\"cn-hangzhou-i\","
                + "\"billingMethod\":\"Subscription\",\"instances\":1}]}");
        String subscription = "{\"product\":\"rds-postgresql\",\"region\":\"cn-hangzhou\",\"zoneId\":\"cn-hangzhou-i\","
                + "\"edition\":\"HighAvailability\",\"instanceClass\":\"pg.n2.medium.2c\",\"billingMethod\":\"Subscription\","
                + "\"storageGb\":100,\"months\":1}";
        JsonNode created = t.api().post("/api/v1/instances", subscription).body();
        String id = created.get("instanceId").asText();
        Instant expires = Instant.parse(created.get("attributes").get("expiresAt").asText());
        JsonNode order = t.api().get("/api/v1/orders?instanceId=" + id).body().get("orders").get(0);
        assertThat(order.get("cashPaid").asText()).isEqualTo("80.00");
        assertThat(new BigDecimal(t.api().get("/api/v1/accounts/" + t.accountId()).body().get("balance").asText())).isEqualByComparingTo("920");

        to(expires.minusSeconds(1));
        assertThat(status(t.api(), id)).isEqualTo("Running");
        assertThat(t.api().get("/api/v1/bills?instanceId=" + id).body().get("bills")).isEmpty();
        to(expires);
        assertThat(status(t.api(), id)).isEqualTo("Locked");
        assertThat(t.api().post("/api/v1/instances", subscription).code()).isEqualTo("InsufficientResourceCapacity");
        to(expires.plusSeconds(15 * 86_400));
        assertThat(status(t.api(), id)).isEqualTo("Released");
        // The release gave the zone its room back.
        assertThat(t.api().post("/api/v1/instances", subscription).status()).isEqualTo(201);
        assertThat(t.api().get("/api/v1/events?instanceId=" + id).body().get("events")).extracting(e -> e.get("type").asText())
                .contains("instance.expired", "instance.released");
    }

    @Test
    void anOverdueAccountRunsFifteenDaysIsStoppedUntilATopUpAndReleasedOnDayThirtyOne() {
        TestServer.Tenant paying = SERVER.newTenant("USD", "0.50");
        TestServer.Tenant neglected = SERVER.newTenant("USD", "0.50");
        String resumed = paying.api().post("/api/v1/instances", RestApiTest.RDS).body().get("instanceId").asText();
        String released = neglected.api().post("/api/v1/instances", RestApiTest.RDS).body().get("instanceId").asText();
        Instant start = Instant.parse(SERVER.operator().get("/api/v1/clock").body().get("now").asText());

        to(start.plusSeconds(5 * 3600));
        JsonNode account = paying.api().get("/api/v1/accounts/" + paying.accountId()).body();
        assertThat(new BigDecimal(account.get("balance").asText())).isNegative();
        Instant overdue = Instant.parse(account.get("overdueSince").asText());
        to(overdue.plusSeconds(15 * 86_400 - 1));
        assertThat(status(paying.api(), resumed)).isEqualTo("Running");
        to(overdue.plusSeconds(15 * 86_400 + 3600));
        assertThat(status(paying.api(), resumed)).isEqualTo("Stopped");
        assertThat(status(neglected.api(), released)).isEqualTo("Stopped");

        SERVER.operator().post("/api/v1/accounts/" + paying.accountId() + "/top-ups", "{\"amount\":500}");
        assertThat(status(paying.api(), resumed)).isEqualTo("Running");
        to(overdue.plusSeconds(30 * 86_400 + 3600));
        assertThat(status(paying.api(), resumed)).isEqualTo("Running");
        assertThat(status(neglected.api(), released)).isEqualTo("Released");
    }
}
