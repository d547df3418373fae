package io.billow.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.cli.ApiClient;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.billow.server.RocketMq4EditionTest.STANDARD;
import static io.billow.server.RocketMq4EditionTest.change;
import static io.billow.server.RocketMq4EditionTest.created;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end of an Enterprise Platinum subscription across the simulated clock: DeleteResource locks
 * at expiry and releases exactly 7 days later (warned 7, 3 and 1 days ahead); a renewal on day 6
 * restores everything; DowngradeToStandard converts at the expiry second with every topic and
 * group; unsubscribing while the action deletes is refused unless confirmed; the five-day
 * no-reason refund once a year. Each upgrade completes 600 s after it is asked for.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RocketMq4ExpiryTest {

    private static final Instant START = Instant.parse("2026-05-01T00:00:00Z");
    private static final long DAY = 86_400;

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(START);

    /** A Standard instance with a topic and a group, upgraded to ep.tps.5k for a month; returns its id once Enterprise Platinum. */
    private static String platinum(ApiClient api) {
        String id = created(api.post("/api/v1/instances", STANDARD));
        assertThat(api.post("/api/v1/instances/" + id + "/topics", "{\"name\":\"orders\"}").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/instances/" + id + "/groups", "{\"name\":\"GID_orders\"}").status()).isEqualTo(201);
        assertThat(change(api, id, "{\"action\":\"upgradeEdition\",\"instanceClass\":\"ep.tps.5k\",\"months\":1}").status()).isEqualTo(200);
        SERVER.clockTo(SERVER.now().plusSeconds(600));
        assertThat(api.get("/api/v1/instances/" + id).body().get("edition").asText()).isEqualTo("EnterprisePlatinum");
        return id;
    }

    @Test
    @Order(1)
    void expiryWithEachActionLocksReleasesRenewsOrDowngradesAtItsSecond() {
        TestServer.Tenant t = SERVER.newTenant("USD", "20000");
        ApiClient api = t.api();
        String deleting = platinum(api);
        Instant deletingExpiry = Instant.parse(api.get("/api/v1/instances/" + deleting).body().get("subscription").get("expiresAt").asText());
        String renewed = created(api.post("/api/v1/instances", STANDARD));
        String downgrading = created(api.post("/api/v1/instances", STANDARD));
        for (String id : new String[]{renewed, downgrading}) {
            api.post("/api/v1/instances/" + id + "/topics", "{\"name\":\"orders\"}");
            change(api, id, "{\"action\":\"upgradeEdition\",\"instanceClass\":\"ep.tps.5k\",\"months\":1}");
        }
        Instant completed = SERVER.now().plusSeconds(600);
        SERVER.clockTo(completed);
        assertThat(change(api, downgrading, "{\"action\":\"setPostExpirationAction\",\"postExpirationAction\":\"DowngradeToStandard\"}")
                .status()).isEqualTo(200);
        Instant expiry = Instant.parse(api.get("/api/v1/instances/" + renewed).body().get("subscription").get("expiresAt").asText());
        assertThat(expiry).isEqualTo(completed.atZone(java.time.ZoneOffset.UTC).plusMonths(1).toInstant());

        SERVER.clockTo(expiry.minusSeconds(1));
        assertThat(warnings(api, renewed)).as("warned 7, 3 and 1 days before an expiry that deletes").containsExactly(
                expiry.minusSeconds(7 * DAY).toString(), expiry.minusSeconds(3 * DAY).toString(), expiry.minusSeconds(DAY).toString());
        assertThat(warnings(api, downgrading)).as("an expiry that downgrades deletes nothing: no warning").isEmpty();

        SERVER.clockTo(expiry);
        JsonNode locked = api.get("/api/v1/instances/" + renewed).body();
        assertThat(locked.get("status").asText()).isEqualTo("Locked");
        assertThat(locked.get("subscription").get("releaseAt").asText()).isEqualTo(expiry.plusSeconds(7 * DAY).toString());
        JsonNode standard = api.get("/api/v1/instances/" + downgrading).body();
        assertThat(standard.get("edition").asText()).isEqualTo("Standard");
        assertThat(standard.get("billingMethod").asText()).isEqualTo("PayAsYouGo");
        assertThat(api.get("/api/v1/instances/" + downgrading + "/topics").body().get("topics")).hasSize(1);

        // Day 6 after expiry: a renewal restores it, with its new term from the renewal.
        Instant day6 = expiry.plusSeconds(6 * DAY);
        SERVER.clockTo(day6);
        JsonNode renewal = change(api, renewed, "{\"action\":\"renew\",\"months\":1}").body();
        assertThat(renewal.get("status").asText()).isEqualTo("Running");
        assertThat(renewal.get("order").get("cashPaid").asText()).isEqualTo("3000.00");
        JsonNode restored = api.get("/api/v1/instances/" + renewed).body().get("subscription");
        assertThat(restored.get("expiresAt").asText()).isEqualTo(day6.atZone(java.time.ZoneOffset.UTC).plusMonths(1).toInstant().toString());
        assertThat(restored.get("releaseAt").isNull()).isTrue();

        SERVER.clockTo(deletingExpiry.plusSeconds(7 * DAY - 1));
        assertThat(api.get("/api/v1/instances/" + deleting).body().get("status").asText()).isEqualTo("Locked");
        assertThat(api.get("/api/v1/instances/" + deleting + "/topics").body().get("topics")).as("a locked instance keeps its topics").hasSize(1);
        assertThat(api.post("/api/v1/instances/" + deleting + "/topics", "{\"name\":\"late\"}").code()).isEqualTo("InstanceExpired");
        assertThat(change(api, deleting, "{\"action\":\"unsubscribe\",\"confirmDeleteResource\":true}").code())
                .isEqualTo("IncorrectDBInstanceState");
        assertThat(change(api, deleting, "{\"action\":\"setPostExpirationAction\",\"postExpirationAction\":\"DowngradeToStandard\"}")
                .code()).isEqualTo("IncorrectDBInstanceState");
        SERVER.clockTo(deletingExpiry.plusSeconds(7 * DAY));
        assertThat(api.get("/api/v1/instances/" + deleting).body().get("status").asText()).isEqualTo("Released");
        assertThat(api.get("/api/v1/instances/" + deleting + "/topics").status()).isEqualTo(404);
        assertThat(change(api, deleting, "{\"action\":\"renew\",\"months\":1}").status()).as("released: gone").isEqualTo(404);
        assertThat(api.get("/api/v1/instances/" + renewed + "/topics").body().get("topics")).hasSize(1);
        assertThat(api.get("/api/v1/instances/" + renewed).body().get("status").asText()).isEqualTo("Running");
    }

    @Test
    @Order(2)
    void unsubscribingWhileTheActionDeletesNeedsAConfirmationAndTheFiveDayRefundComesOnceAYear() {
        SERVER.clockTo(Instant.parse("2026-08-01T00:00:00Z"));
        TestServer.Tenant t = SERVER.newTenant("USD", "20000");
        ApiClient api = t.api();
        String first = platinum(api);   // paid at 00:00, an Enterprise Platinum from 00:10
        String second = platinum(api);  // paid at 00:10, from 00:20 to 2026-09-01T00:20 (31 days)

        ApiClient.Response refused = change(api, first, "{\"action\":\"unsubscribe\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("OperationDenied.DeleteResourceNotConfirmed");
        assertThat(refused.body().get("message").asText()).contains("1 topics and 1 groups", "DowngradeToStandard");
        assertThat(api.get("/api/v1/instances/" + first).body().get("edition").asText()).isEqualTo("EnterprisePlatinum");
        assertThat(refunds(api, first)).as("refused: no order").isZero();

        // Within five days of payment: the first gets all its cash back, once this year; the second only the unused part.
        SERVER.clockTo(SERVER.now().plusSeconds(DAY));
        JsonNode full = change(api, first, "{\"action\":\"unsubscribe\",\"confirmDeleteResource\":true}").body();
        assertThat(full.get("status").asText()).isEqualTo("Released");
        assertThat(full.get("order").get("cashPaid").asText()).isEqualTo("-3000.00");
        JsonNode part = change(api, second, "{\"action\":\"setPostExpirationAction\",\"postExpirationAction\":\"DowngradeToStandard\"}").body();
        assertThat(part.get("status").asText()).isEqualTo("Running");
        assertThat(api.get("/api/v1/instances/" + second).body().get("subscription").get("expiresAt").asText())
                .isEqualTo("2026-09-01T00:20:00Z");
        SERVER.clockTo(Instant.parse("2026-08-02T00:20:00Z"));
        JsonNode proRata = change(api, second, "{\"action\":\"unsubscribe\"}").body();
        // 30 of the term's 31 days unused: 3000 × 30 ÷ 31 = 2903.2258… → 2903.23 (HALF_UP once)
        assertThat(proRata.get("order").get("cashPaid").asText()).isEqualTo("-2903.23");
        assertThat(proRata.get("edition").asText()).isEqualTo("Standard");
    }

    @Test
    @Order(3)
    void autoRenewalRenewsAtExpiryWhenTheBalanceCoversItAndSaysWhyWhenItDoesNot() {
        SERVER.clockTo(Instant.parse("2026-10-01T00:00:00Z"));
        TestServer.Tenant covered = SERVER.newTenant("USD", "6500");
        TestServer.Tenant short_ = SERVER.newTenant("USD", "3500");
        String renewing = platinum(covered.api());
        String failing = platinum(short_.api());
        for (var pair : List.of(List.of(covered.api(), renewing), List.of(short_.api(), failing))) {
            assertThat(change((ApiClient) pair.get(0), (String) pair.get(1), "{\"action\":\"setAutoRenew\",\"enabled\":true,\"months\":1}")
                    .status()).isEqualTo(200);
        }
        Instant renewingExpiry = Instant.parse(covered.api().get("/api/v1/instances/" + renewing).body().get("subscription")
                .get("expiresAt").asText());
        Instant failingExpiry = Instant.parse(short_.api().get("/api/v1/instances/" + failing).body().get("subscription")
                .get("expiresAt").asText());
        SERVER.clockTo(failingExpiry);

        JsonNode renewed = covered.api().get("/api/v1/instances/" + renewing).body();
        assertThat(renewed.get("status").asText()).isEqualTo("Running");
        assertThat(renewed.get("subscription").get("expiresAt").asText())
                .isEqualTo(renewingExpiry.atZone(java.time.ZoneOffset.UTC).plusMonths(1).toInstant().toString());
        // 6500 − 3000 (upgrade) − 0.30 (a topic-day while Standard on Oct 1) − 3000 (renewal)
        assertThat(RocketMq4EditionTest.balance(covered.api(), covered)).isEqualByComparingTo("499.70");
        JsonNode locked = short_.api().get("/api/v1/instances/" + failing).body();
        assertThat(locked.get("status").asText()).isEqualTo("Locked");
        JsonNode failed = null;
        for (JsonNode e : short_.api().get("/api/v1/events?instanceId=" + failing).body().get("events")) {
            if (e.get("type").asText().equals("instance.auto-renew-failed")) {
                failed = e;
            }
        }
        assertThat(failed).as("the owner is told why it was not renewed").isNotNull();
        assertThat(failed.get("at").asText()).isEqualTo(failingExpiry.toString());
        assertThat(failed.get("data").get("code").asText()).isEqualTo("InsufficientBalance");
        assertThat(failed.get("data").get("reason").asText()).contains("3000.00", "499.70");
        assertThat(RocketMq4EditionTest.balance(short_.api(), short_)).as("nothing charged").isEqualByComparingTo("499.70");
    }

    private static List<String> warnings(ApiClient api, String id) {
        List<String> at = new ArrayList<>();
        for (JsonNode e : api.get("/api/v1/events?instanceId=" + id).body().get("events")) {
            if (e.get("type").asText().equals("instance.expiry-warning")) {
                at.add(e.get("at").asText());
                assertThat(e.get("data").get("message").asText()).contains("permanently deleted", "1 topics");
            }
        }
        return at;
    }

    private static int refunds(ApiClient api, String id) {
        int n = 0;
        for (JsonNode o : api.get("/api/v1/orders?instanceId=" + id).body().get("orders")) {
            if (o.get("type").asText().equals("REFUND")) {
                n++;
            }
        }
        return n;
    }
}
