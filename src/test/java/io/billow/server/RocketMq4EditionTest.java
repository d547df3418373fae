package io.billow.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.cli.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 001 through the native API: Standard Edition with topics and groups, the upgrade to
 * Enterprise Platinum in place (topic and group operations keep working during it), the
 * post-expiration action, and the unsubscription that brings it back to Standard with every topic
 * and group, against hand-computed figures. Sample prices: ep.tps.5k is USD 3,000 a month, a topic-day 0.30.
 */
class RocketMq4EditionTest {

    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(START);

    static final String STANDARD = "{\"product\":\"rocketmq-4\",\"region\":\"cn-hangzhou\",\"edition\":\"Standard\","
            + "\"instanceClass\":\"standard\",\"billingMethod\":\"PayAsYouGo\"}";

    @Test
    void theSeedsWorkflowUpgradesInPlaceAndUnsubscribesBackToStandardWithEverythingKept() {
        TestServer.Tenant t = SERVER.newTenant("USD", "10000");
        ApiClient api = t.api();
        String id = created(api.post("/api/v1/instances", STANDARD));
        assertThat(id).matches("MQ_INST_[0-9]{16}_[A-Za-z0-9]{8}");
        for (String topic : new String[]{"orders", "payments", "audit"}) {
            assertThat(api.post("/api/v1/instances/" + id + "/topics", "{\"name\":\"" + topic + "\",\"attributes\":{\"messageType\":0}}")
                    .status()).isEqualTo(201);
        }
        for (String group : new String[]{"GID_billing", "GID_audit"}) {
            assertThat(api.post("/api/v1/instances/" + id + "/groups", "{\"name\":\"" + group + "\"}").status()).isEqualTo(201);
        }
        SERVER.clockTo(START.plusSeconds(600));

        String upgrade = "{\"action\":\"upgradeEdition\",\"instanceClass\":\"ep.tps.5k\",\"months\":1}";
        JsonNode estimate = api.post("/api/v1/estimates", upgrade.replace("{", "{\"instanceId\":\"" + id + "\",")).body();
        assertThat(estimate.get("eligible").asBoolean()).isTrue();
        assertThat(estimate.get("orderAmount").asText()).isEqualTo("3000.00");
        assertThat(balance(api, t)).as("an estimate changes nothing").isEqualByComparingTo("10000");

        ApiClient.Response upgraded = api.post("/api/v1/instances/" + id + "/changes", upgrade);
        assertThat(upgraded.status()).isEqualTo(200);
        assertThat(upgraded.body().get("status").asText()).isEqualTo("Upgrading");
        assertThat(upgraded.body().get("order").get("type").asText()).isEqualTo("UPGRADE");
        assertThat(upgraded.body().get("order").get("cashPaid").asText()).isEqualTo("3000.00");
        // Topics and groups keep working while it upgrades.
        SERVER.clockTo(START.plusSeconds(900));
        assertThat(api.post("/api/v1/instances/" + id + "/topics", "{\"name\":\"during\"}").status()).isEqualTo(201);
        assertThat(api.delete("/api/v1/instances/" + id + "/topics/during").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/instances/" + id + "/groups").body().get("groups")).hasSize(2);

        Instant completed = START.plusSeconds(600 + 600);
        SERVER.clockTo(completed);
        JsonNode ep = api.get("/api/v1/instances/" + id).body();
        assertThat(ep.get("instanceId").asText()).isEqualTo(id);
        assertThat(ep.get("edition").asText()).isEqualTo("EnterprisePlatinum");
        assertThat(ep.get("billingMethod").asText()).isEqualTo("Subscription");
        assertThat(ep.get("status").asText()).isEqualTo("Running");
        assertThat(ep.get("subscription").get("expiresAt").asText()).isEqualTo("2026-04-01T00:20:00Z");
        assertThat(ep.get("subscription").get("postExpirationAction").asText()).isEqualTo("DeleteResource");
        assertThat(events(api, id, "topic.migrated")).isEqualTo(3);
        JsonNode timeline = api.get("/api/v1/instances/" + id + "/timeline").body().get("events");
        assertThat(timeline).anySatisfy(e -> {
            assertThat(e.get("kind").asText()).isEqualTo("billing-method-changed");
            assertThat(e.get("at").asText()).isEqualTo(completed.toString());
        });

        assertThat(change(api, id, "{\"action\":\"setPostExpirationAction\",\"postExpirationAction\":\"DowngradeToStandard\"}").status())
                .isEqualTo(200);
        // Ten days after the upgrade: past the five-day window, 21 of the term's 31 days are left.
        Instant unsubscribed = completed.plusSeconds(10 * 86_400);
        SERVER.clockTo(unsubscribed);
        ApiClient.Response done = change(api, id, "{\"action\":\"unsubscribe\"}");
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body().get("order").get("cashPaid").asText()).as("3000 × 21 ÷ 31 days").isEqualTo("-2032.26");
        assertThat(done.body().get("edition").asText()).isEqualTo("Standard");
        assertThat(done.body().get("billingMethod").asText()).isEqualTo("PayAsYouGo");
        assertThat(api.get("/api/v1/instances/" + id + "/topics").body().get("topics")).extracting(n -> n.get("name").asText())
                .containsExactly("audit", "orders", "payments");
        assertThat(api.get("/api/v1/instances/" + id + "/groups").body().get("groups")).hasSize(2);

        // Pay-as-you-go again from that second: the day's three topics bill in the period that ends the day.
        SERVER.clockTo(Instant.parse("2026-03-12T00:00:00Z"));
        JsonNode bills = api.get("/api/v1/bills?instanceId=" + id).body().get("bills");
        JsonNode dayBill = lastBill(bills);
        assertThat(dayBill.get("periodStart").asText()).isEqualTo("2026-03-11T23:00:00Z");
        assertThat(line(dayBill, "topic_days").get("quantity").asText()).isEqualTo("3");
        assertThat(line(dayBill, "topic_days").get("billingMethod").asText()).isEqualTo("PayAsYouGo");
        // The upgrade day: three topics and "during" (created and deleted in the day) bill 4 topic-days, Standard until completion.
        JsonNode firstDay = bill(bills, "2026-03-01T23:00:00Z");
        assertThat(line(firstDay, "topic_days").get("quantity").asText()).isEqualTo("4");
        assertThat(line(firstDay, "topic_days").get("amount").asText()).isEqualTo("1.200000");
    }

    @Test
    void anUpgradeTheInfrastructureFailsIsRefundedInFullAndLeavesStandardBillingAlone() {
        TestServer.Tenant t = SERVER.newTenant("USD", "5000");
        ApiClient api = t.api();
        String id = created(api.post("/api/v1/instances", STANDARD));
        assertThat(SERVER.operator().put("/api/v1/provisioner", "{\"failNext\":{\"UPGRADE_EDITION\":1}}").status()).isEqualTo(200);
        assertThat(change(api, id, "{\"action\":\"upgradeEdition\",\"instanceClass\":\"ep.tps.5k\",\"months\":1}").status())
                .isEqualTo(200);
        assertThat(balance(api, t)).isEqualByComparingTo("2000");
        SERVER.clockTo(SERVER.now().plusSeconds(600));
        JsonNode after = api.get("/api/v1/instances/" + id).body();
        assertThat(after.get("edition").asText()).isEqualTo("Standard");
        assertThat(after.get("status").asText()).isEqualTo("Running");
        assertThat(after.get("billingMethod").asText()).isEqualTo("PayAsYouGo");
        assertThat(balance(api, t)).as("the 3000.00 comes back").isEqualByComparingTo("5000");
        JsonNode orders = api.get("/api/v1/orders?instanceId=" + id).body().get("orders");
        assertThat(orders).extracting(o -> o.get("type").asText() + " " + o.get("status").asText() + " " + o.get("cashPaid").asText())
                .containsExactly("NEW FULFILLED 0.00", "UPGRADE REFUNDED 3000.00", "REFUND REFUNDED -3000.00");
    }

    @Test
    void apiCallsArriveAsCountsOnceByEventIdAndOnlyForItemsTheProductCounts() {
        TestServer.Tenant t = SERVER.newTenant("USD", "100");
        ApiClient api = t.api();
        String id = created(api.post("/api/v1/instances", STANDARD));
        String calls = "{\"eventId\":\"c1\",\"counts\":{\"api_calls\":12000}}";
        assertThat(api.post("/api/v1/instances/" + id + "/usage", calls).status()).isEqualTo(201);
        ApiClient.Response again = api.post("/api/v1/instances/" + id + "/usage", calls);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("duplicate").asBoolean()).isTrue();
        ApiClient.Response unknown = api.post("/api/v1/instances/" + id + "/usage", "{\"eventId\":\"c2\",\"counts\":{\"messages\":5}}");
        assertThat(unknown.code()).isEqualTo("InvalidParameter.UsageItem");
        assertThat(unknown.body().get("message").asText()).contains("api_calls");
        assertThat(api.post("/api/v1/instances/" + id + "/usage", "{\"eventId\":\"c3\",\"rcu\":2}").code()).isEqualTo("InvalidParameter");
        assertThat(api.post("/api/v1/instances/" + id + "/usage", "{\"eventId\":\"c4\",\"counts\":{\"api_calls\":-1}}").code())
                .isEqualTo("InvalidParameter");
        long usage = 0;
        for (JsonNode e : api.get("/api/v1/instances/" + id + "/timeline").body().get("events")) {
            usage += e.get("kind").asText().equals("usage-recorded") ? 1 : 0;
        }
        assertThat(usage).as("one event, however often it was sent").isEqualTo(1);
    }

    static String created(ApiClient.Response r) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        return r.body().get("instanceId").asText();
    }

    static ApiClient.Response change(ApiClient api, String id, String body) {
        return api.post("/api/v1/instances/" + id + "/changes", body);
    }

    static java.math.BigDecimal balance(ApiClient api, TestServer.Tenant t) {
        return new java.math.BigDecimal(api.get("/api/v1/accounts/" + t.accountId()).body().get("balance").asText());
    }

    static int events(ApiClient api, String id, String type) {
        int n = 0;
        for (JsonNode e : api.get("/api/v1/events?instanceId=" + id).body().get("events")) {
            if (e.get("type").asText().equals(type)) {
                n++;
            }
        }
        return n;
    }

    private static JsonNode lastBill(JsonNode bills) {
        return bills.get(bills.size() - 1);
    }

    private static JsonNode bill(JsonNode bills, String periodStart) {
        for (JsonNode b : bills) {
            if (b.get("periodStart").asText().equals(periodStart)) {
                return b;
            }
        }
        throw new AssertionError("no bill for the period starting " + periodStart + " in " + bills);
    }

    private static JsonNode line(JsonNode bill, String item) {
        for (JsonNode l : bill.get("lines")) {
            if (l.get("item").asText().equals(item)) {
                return l;
            }
        }
        throw new AssertionError("no " + item + " line in " + bill);
    }
}
