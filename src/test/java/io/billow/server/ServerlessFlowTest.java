package io.billow.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.catalog.BillingMethod;
import io.billow.cli.ApiClient;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 000 through the native API: the switch to serverless, its failure modes, and serverless metering. */
class ServerlessFlowTest {

    static final String SWITCH = "{\"payType\":\"Serverless\",\"instanceClass\":\"pg.n2.serverless.2c\",\"minCapacity\":0.5,"
            + "\"maxCapacity\":4,\"autoPause\":false,\"switchForce\":false}";

    static Instant now() {
        return Instant.parse(TestServer.operator().get("/api/v1/clock").body().get("now").asText());
    }

    static void advance(long seconds) {
        TestServer.operator().post("/api/v1/clock", "{\"advanceSeconds\":" + seconds + "}");
    }

    /** Moves the shared clock to {@code minutes} past the next hour (or the next midnight). */
    static Instant moveTo(boolean midnight, long secondsPast) {
        long unit = midnight ? 86_400 : 3600;
        Instant target = Instant.ofEpochSecond((now().getEpochSecond() / unit + 1) * unit + secondsPast);
        TestServer.operator().post("/api/v1/clock", "{\"to\":\"" + target + "\"}");
        return target;
    }

    static TestServer.Tenant tenantWithRoles() {
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
        for (String role : new String[]{"AliyunServiceRoleForRdsPgsqlOnEcs", "AliyunServiceRoleForRDSProxyOnEcs"}) {
            t.api().post("/api/v1/accounts/" + t.accountId() + "/service-linked-roles", "{\"roleName\":\"" + role + "\"}");
        }
        return t;
    }

    static String createPayg(ApiClient api) {
        return api.post("/api/v1/instances", RestApiTest.RDS).body().get("instanceId").asText();
    }

    static JsonNode lines(ApiClient api, String id, Instant periodStart) {
        JsonNode bills = api.get("/api/v1/bills?instanceId=" + id + "&from=" + periodStart + "&to=" + periodStart.plusSeconds(3600))
                .body().get("bills");
        assertThat(bills).hasSize(1);
        return bills.get(0).get("lines");
    }

    static String quantity(JsonNode lines, String item) {
        for (JsonNode l : lines) {
            if (l.get("item").asText().equals(item)) {
                return l.get("quantity").asText();
            }
        }
        return "none";
    }

    @Test
    void theSwitchBillsPayAsYouGoUpToItsSecondAndServerlessAfterItWithTheIdUnchanged() {
        TestServer.Tenant t = tenantWithRoles();
        Instant switchAt = moveTo(false, 600);
        String id = createPayg(t.api());
        Instant created = now();

        ApiClient.Response r = t.api().post("/api/v1/instances/" + id + "/switch", SWITCH);

        assertThat(r.status()).isEqualTo(202);
        assertThat(r.body().get("status").asText()).isEqualTo("DBInstanceClassChanging");
        assertThat(r.body().get("orderId").asText()).isNotEmpty();
        advance(60);
        JsonNode after = t.api().get("/api/v1/instances/" + id).body();
        assertThat(after.get("status").asText()).isEqualTo("Running");
        assertThat(after.get("billingMethod").asText()).isEqualTo(BillingMethod.SERVERLESS.catalogName());
        assertThat(after.get("instanceClass").asText()).isEqualTo("pg.n2.serverless.2c");
        advance(3600);
        JsonNode lines = lines(t.api(), id, switchAt.minusSeconds(600));
        long payg = switchAt.getEpochSecond() + 60 - created.getEpochSecond();
        assertThat(quantity(lines, "compute")).isEqualTo(String.valueOf(payg));
        // MinCapacity 0.5 RCU before any sample, × 2 for High-availability, from the switch second to the hour's end.
        assertThat(Double.parseDouble(quantity(lines, "rcu"))).isEqualTo((3600 - 600 - 60) * 1.0);
        JsonNode order = t.api().get("/api/v1/orders?instanceId=" + id).body().get("orders").get(1);
        assertThat(order.get("type").asText()).isEqualTo("CONVERT");
        assertThat(order.get("status").asText()).isEqualTo("FULFILLED");
        assertThat(order.get("cashPaid").asText()).isEqualTo("0.00");
        JsonNode events = t.api().get("/api/v1/events?instanceId=" + id).body().get("events");
        assertThat(events).extracting(e -> e.get("type").asText()).contains("instance.connection-interrupted");
    }

    @Test
    void aProvisionerFailureChargesNothingFailsTheOrderAndLeavesThePayAsYouGoInstanceRunning() {
        TestServer.Tenant t = tenantWithRoles();
        String id = createPayg(t.api());
        TestServer.get().provisioner().failNext("CONVERT", 1);

        assertThat(t.api().post("/api/v1/instances/" + id + "/switch", SWITCH).status()).isEqualTo(202);
        advance(120);

        JsonNode after = t.api().get("/api/v1/instances/" + id).body();
        assertThat(after.get("status").asText()).isEqualTo("Running");
        assertThat(after.get("billingMethod").asText()).isEqualTo("PayAsYouGo");
        JsonNode orders = t.api().get("/api/v1/orders?instanceId=" + id).body().get("orders");
        assertThat(orders.get(1).get("status").asText()).isEqualTo("FAILED");
        assertThat(orders.get(1).get("cashPaid").asText()).isEqualTo("0.00");
        advance(3600);
        JsonNode bills = t.api().get("/api/v1/bills?instanceId=" + id).body().get("bills");
        for (JsonNode b : bills) {
            for (JsonNode l : b.get("lines")) {
                assertThat(l.get("billingMethod").asText()).isEqualTo("PayAsYouGo");
            }
        }
        // The failed switch does not count for the 24-hour limit: a retry is allowed at once.
        assertThat(t.api().post("/api/v1/instances/" + id + "/switch", SWITCH).status()).isEqualTo(202);
    }

    @Test
    void aZoneWithoutServerlessCapacityRefusesBeforeAnythingIsWritten() {
        TestServer.Tenant t = tenantWithRoles();
        String id = t.api().post("/api/v1/instances", RestApiTest.RDS.replace("}", ",\"zoneId\":\"cn-hangzhou-j\"}")).body()
                .get("instanceId").asText();
        TestServer.get().provisioner().setCapacity("rds-postgresql", "cn-hangzhou-j", BillingMethod.SERVERLESS, 0);

        ApiClient.Response r = t.api().post("/api/v1/instances/" + id + "/switch", SWITCH);

        assertThat(r.code()).isEqualTo("InsufficientResourceCapacity");
        assertThat(t.api().get("/api/v1/orders?instanceId=" + id).body().get("orders")).hasSize(1);
        assertThat(t.api().get("/api/v1/instances/" + id).body().get("status").asText()).isEqualTo("Running");
    }

    @Test
    void everyFailingPrerequisiteIsListedAndNothingChanges() {
        TestServer.Tenant t = TestServer.newTenant("USD", "100", "UTC");
        String id = createPayg(t.api());
        TestServer.operator().patch("/api/v1/instances/" + id + "/attributes", "{\"sslEnabled\":true,\"engineVersion\":\"13.0\"}");

        ApiClient.Response r = t.api().post("/api/v1/instances/" + id + "/switch", SWITCH.replace("\"maxCapacity\":4", "\"maxCapacity\":1"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("EngineNotSupported");
        assertThat(r.body().get("violations")).extracting(v -> v.get("code").asText()).containsExactly("EngineNotSupported",
                "SSLInstanceNotSupportThisOperation", "ServiceLinkedRole.NotExist", "InvalidRCUValue");
        assertThat(t.api().get("/api/v1/orders?instanceId=" + id).body().get("orders")).hasSize(1);
        assertThat(t.api().get("/api/v1/events?instanceId=" + id).body().get("events"))
                .extracting(e -> e.get("type").asText()).doesNotContain("order.created");
    }

    @Test
    void anEstimateGivesTheHourBeforeAndAfterAndTheBlockingRulesWithoutChangingAnything() {
        TestServer.Tenant t = TestServer.newTenant("USD", "100", "UTC");
        String id = createPayg(t.api());

        JsonNode e = t.api().post("/api/v1/estimates", "{\"instanceId\":\"" + id + "\",\"payType\":\"Serverless\","
                + "\"instanceClass\":\"pg.n2.serverless.2c\",\"minCapacity\":0.5,\"maxCapacity\":8,\"autoPause\":false,"
                + "\"switchForce\":false,\"rcuProfile\":[2,4]}").body();

        assertThat(e.get("orderAmount").asText()).isEqualTo("0.00");
        assertThat(e.get("hourlyBefore").asText()).isEqualTo("0.180000"); // 0.16 class + 100 GB × 0.0002
        // (2 × 1800 s + 4 × 1800 s) × 2 for HA = 6 RCU-hours × 0.12 = 0.72, + 100 GB × 0.0002 × 2 = 0.04
        assertThat(e.get("hourlyAfter").asText()).isEqualTo("0.760000");
        assertThat(e.get("eligible").asBoolean()).isFalse();
        assertThat(e.get("violations")).extracting(v -> v.get("code").asText()).containsOnly("ServiceLinkedRole.NotExist");
        assertThat(t.api().get("/api/v1/orders?instanceId=" + id).body().get("orders")).hasSize(1);
        assertThat(t.api().get("/api/v1/instances/" + id).body().get("billingMethod").asText()).isEqualTo("PayAsYouGo");
    }

    @Test
    void aServerlessInstanceChangesItsRangeUnderTheRangeRulesAloneAndItsEstimatePricesTheNewRange() {
        TestServer.Tenant t = tenantWithRoles();
        String id = createPayg(t.api());
        assertThat(t.api().post("/api/v1/instances/" + id + "/switch", SWITCH).status()).isEqualTo(202);
        advance(60);
        String settings = "{\"payType\":\"Serverless\",\"minCapacity\":%s,\"maxCapacity\":%s,\"autoPause\":false,\"switchForce\":false}";
        String estimate = "{\"instanceId\":\"" + id + "\"," + settings.substring(1);

        JsonNode e = t.api().post("/api/v1/estimates", estimate.formatted("2", "8")).body();

        // No switch happens: neither the pay type rule nor the 24-hour limit applies, only the range.
        assertThat(e.get("eligible").asBoolean()).isTrue();
        assertThat(e.get("violations")).isEmpty();
        // MinCapacity 2 RCU all hour × 2 for High-availability = 4 RCU-hours × 0.12 = 0.48, + 100 GB × 0.0002 × 2 = 0.04
        assertThat(e.get("hourlyAfter").asText()).isEqualTo("0.520000");
        JsonNode bad = t.api().post("/api/v1/estimates", estimate.formatted("0.7", "8")).body();
        assertThat(bad.get("violations")).extracting(v -> v.get("code").asText()).containsOnly("InvalidRCUValue");

        ApiClient.Response applied = t.api().post("/api/v1/instances/" + id + "/switch", settings.formatted("2", "8"));

        assertThat(applied.status()).as(applied.body().toString()).isEqualTo(202);
        JsonNode after = t.api().get("/api/v1/instances/" + id).body();
        assertThat(after.get("attributes").get("minCapacity").asText()).isEqualTo("2");
        assertThat(after.get("attributes").get("maxCapacity").asText()).isEqualTo("8");
        assertThat(t.api().get("/api/v1/orders?instanceId=" + id).body().get("orders")).as("creation and the switch; none for the range")
                .hasSize(2);
    }

    @Test
    void ofThirtyTwoConcurrentSwitchRequestsExactlyOneIsAccepted() throws Exception {
        TestServer.Tenant t = tenantWithRoles();
        String id = createPayg(t.api());
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Callable<ApiClient.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                calls.add(() -> t.api().post("/api/v1/instances/" + id + "/switch", SWITCH));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<ApiClient.Response> f : pool.invokeAll(calls)) {
                statuses.add(f.get().status());
            }
            assertThat(statuses.stream().filter(s -> s == 202).count()).isEqualTo(1);
            assertThat(statuses.stream().filter(s -> s == 400).count()).isEqualTo(31);
        } finally {
            pool.shutdown();
        }
        assertThat(t.api().get("/api/v1/orders?instanceId=" + id).body().get("orders")).hasSize(2);
    }

    @Test
    void usageSamplesAreIdempotentByEventIdAndTooLateOnesAreRefused() {
        TestServer.Tenant t = TestServer.newTenant("USD", "100", "UTC");
        String id = t.api().post("/api/v1/instances", "{\"product\":\"rds-postgresql\",\"region\":\"cn-hangzhou\",\"edition\":\"Basic\","
                + "\"instanceClass\":\"pg.n2.serverless.1c\",\"billingMethod\":\"Serverless\",\"storageGb\":20,\"minCapacity\":0.5,"
                + "\"maxCapacity\":4}").body().get("instanceId").asText();
        advance(60);
        assertThat(t.api().post("/api/v1/instances/" + id + "/usage", "{\"eventId\":\"e1\",\"rcu\":2}").status()).isEqualTo(201);
        ApiClient.Response again = t.api().post("/api/v1/instances/" + id + "/usage", "{\"eventId\":\"e1\",\"rcu\":3}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("duplicate").asBoolean()).isTrue();
        advance(73 * 3600);
        assertThat(t.api().post("/api/v1/instances/" + id + "/usage", "{\"eventId\":\"e2\",\"rcu\":1,\"at\":\"" + now().minusSeconds(72 * 3600 + 1)
                + "\"}").code()).isEqualTo("UsageTooLate");
        assertThat(t.api().post("/api/v1/instances/" + id + "/usage", "{\"eventId\":\"e3\",\"rcu\":1,\"at\":\"" + now().plusSeconds(5)
                + "\"}").code()).isEqualTo("InvalidParameter");
        JsonNode timeline = t.api().get("/api/v1/instances/" + id + "/timeline").body().get("events");
        assertThat(timeline).extracting(e -> e.get("kind").asText()).containsOnlyOnce("rcu-sampled");
    }

    /** A Basic serverless instance of 1–4 RCU with 20 GB. */
    private static String createServerlessFrom1To4Rcu(TestServer.Tenant t) {
        return t.api().post("/api/v1/instances", "{\"product\":\"rds-postgresql\",\"region\":\"cn-hangzhou\",\"edition\":\"Basic\","
                + "\"instanceClass\":\"pg.n2.serverless.1c\",\"billingMethod\":\"Serverless\",\"storageGb\":20,\"minCapacity\":1,"
                + "\"maxCapacity\":4}").body().get("instanceId").asText();
    }

    @Test
    void aLateSampleForASettledPeriodBecomesAnExplainedAdjustmentInTheNextBill() {
        TestServer.Tenant t = TestServer.newTenant("USD", "100", "UTC");
        Instant hour = moveTo(false, 0);
        String id = createServerlessFrom1To4Rcu(t);
        advance(3600 + 60);
        // The first hour was settled at 1 RCU; a sample says it was 3 RCU from half past.
        assertThat(quantity(lines(t.api(), id, hour), "rcu")).isEqualTo("3600.0");
        assertThat(t.api().post("/api/v1/instances/" + id + "/usage", "{\"eventId\":\"late\",\"rcu\":3,\"at\":\"" + hour.plusSeconds(1800)
                + "\"}").status()).isEqualTo(201);
        advance(3600);

        assertThat(quantity(lines(t.api(), id, hour), "rcu")).as("a settled bill is never rewritten").isEqualTo("3600.0");
        JsonNode next = lines(t.api(), id, hour.plusSeconds(3600));
        JsonNode adjustment = null;
        for (JsonNode l : next) {
            if (l.get("adjustment").asBoolean()) {
                adjustment = l;
            }
        }
        assertThat(adjustment).isNotNull();
        assertThat(Double.parseDouble(adjustment.get("quantity").asText())).isEqualTo(3600.0); // 2 more RCU × 1800 s
        assertThat(adjustment.get("amount").asText()).isEqualTo("0.120000"); // 1 RCU-hour × 0.12
        assertThat(adjustment.get("explanation").asText()).contains("late usage at " + hour.plusSeconds(1800));
        // The hour after the sample is billed at the sampled level.
        assertThat(quantity(next, "rcu")).isEqualTo("10800.0");
    }

    @Test
    void anAdjustmentIsBilledEvenWhenItsInstanceIsReleasedOnTheFirstSecondOfTheNextPeriod() {
        TestServer.Tenant t = TestServer.newTenant("USD", "100", "UTC");
        Instant hour = moveTo(false, 0);
        String id = createServerlessFrom1To4Rcu(t);
        advance(7200);
        // Both hours were settled at 1 RCU; a sample says 3 RCU from half past the first. Then the
        // instance goes at once: it has no second in the next period, yet the adjustment is owed.
        assertThat(t.api().post("/api/v1/instances/" + id + "/usage", "{\"eventId\":\"late\",\"rcu\":3,\"at\":\"" + hour.plusSeconds(1800)
                + "\"}").status()).isEqualTo(201);
        assertThat(t.api().delete("/api/v1/instances/" + id).status()).isEqualTo(200);
        advance(3600);

        JsonNode last = lines(t.api(), id, hour.plusSeconds(7200));
        assertThat(last).hasSize(2).allMatch(l -> l.get("adjustment").asBoolean());
        BigDecimal owed = BigDecimal.ZERO;
        for (JsonNode l : last) {
            owed = owed.add(new BigDecimal(l.get("amount").asText()));
        }
        assertThat(owed).isEqualByComparingTo("0.36"); // 2 more RCU × (1800 s + 3600 s) at 0.12 per RCU-hour
    }
}
