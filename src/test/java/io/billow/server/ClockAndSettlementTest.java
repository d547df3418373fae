package io.billow.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulated clock drives settlement: every period in order, exactly once, balance to the cent. */
class ClockAndSettlementTest {

    private static Instant now() {
        return Instant.parse(TestServer.operator().get("/api/v1/clock").body().get("now").asText());
    }

    /** Moves the shared clock to the next UTC hour so an instance starts on a period boundary. */
    private static void toNextHour() {
        Instant now = now();
        long next = (now.getEpochSecond() / 3600 + 1) * 3600;
        TestServer.operator().post("/api/v1/clock", "{\"to\":\"" + Instant.ofEpochSecond(next) + "\"}");
    }

    @Test
    void advancingThirtyDaysSettles720PeriodsInOrderAndTheBalanceFollowsTheLedger() {
        toNextHour();
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
        JsonNode instance = t.api().post("/api/v1/instances", RestApiTest.RDS).body();
        Instant created = Instant.parse(instance.get("createdAt").asText());

        JsonNode clock = TestServer.operator().post("/api/v1/clock", "{\"advanceSeconds\":" + 30 * 86_400 + "}").body();

        assertThat(Instant.parse(clock.get("now").asText())).isEqualTo(created.plusSeconds(30 * 86_400));
        JsonNode bills = t.api().get("/api/v1/bills?limit=10000&instanceId=" + instance.get("instanceId").asText()).body().get("bills");
        assertThat(bills).hasSize(720);
        BigDecimal payable = BigDecimal.ZERO;
        for (int i = 0; i < bills.size(); i++) {
            JsonNode b = bills.get(i);
            assertThat(Instant.parse(b.get("periodStart").asText())).isEqualTo(created.plusSeconds(3600L * i));
            // 0.16/h compute + 100 GB × 0.0002/h storage = 0.18 per hour, exactly.
            assertThat(new BigDecimal(b.get("gross").asText())).isEqualByComparingTo("0.18");
            assertThat(new BigDecimal(b.get("payable").asText())).isEqualByComparingTo("0.18");
            payable = payable.add(new BigDecimal(b.get("payable").asText()));
        }
        assertThat(payable).isEqualByComparingTo("129.60");
        // In order: the account's settlement events, in the order they were written, name consecutive periods.
        java.util.List<Instant> settled = new java.util.ArrayList<>();
        for (JsonNode e : t.api().get("/api/v1/events?limit=10000").body().get("events")) {
            if (e.get("type").asText().equals("bills.settled")) {
                settled.add(Instant.parse(e.get("data").get("periodStart").asText()));
            }
        }
        assertThat(settled).hasSize(720);
        for (int i = 0; i < settled.size(); i++) {
            assertThat(settled.get(i)).as("settlement #%d", i).isEqualTo(created.plusSeconds(3600L * i));
        }
        JsonNode account = t.api().get("/api/v1/accounts/" + t.accountId()).body();
        assertThat(new BigDecimal(account.get("balance").asText())).isEqualByComparingTo(new BigDecimal("1000").subtract(payable));
        assertThat(new BigDecimal(account.get("ledgerSum").asText())).isEqualByComparingTo(new BigDecimal("1000").subtract(payable));
    }

    @Test
    void subCentHourlyAmountsAreChargedByCumulativeRoundDownWithinEachMonth() {
        toNextHour();
        TestServer.Tenant t = TestServer.newTenant("USD", "100", "UTC");
        // 0.04 per hour for the class + 20 GB × 0.0002 = 0.044 per hour.
        String id = t.api().post("/api/v1/instances", "{\"product\":\"rds-postgresql\",\"region\":\"cn-hangzhou\",\"edition\":\"Basic\","
                + "\"instanceClass\":\"pg.n2.small.1\",\"billingMethod\":\"PayAsYouGo\",\"storageGb\":20}").body().get("instanceId").asText();

        TestServer.operator().post("/api/v1/clock", "{\"advanceSeconds\":" + 48 * 3600 + "}");

        JsonNode bills = t.api().get("/api/v1/bills?instanceId=" + id).body().get("bills");
        assertThat(bills).hasSize(48);
        BigDecimal cycleGross = BigDecimal.ZERO;
        BigDecimal cyclePayable = BigDecimal.ZERO;
        String month = "";
        for (JsonNode b : bills) {
            String m = b.get("periodStart").asText().substring(0, 7);
            if (!m.equals(month)) {
                month = m;
                cycleGross = BigDecimal.ZERO;
                cyclePayable = BigDecimal.ZERO;
            }
            assertThat(new BigDecimal(b.get("gross").asText())).isEqualByComparingTo("0.044");
            cycleGross = cycleGross.add(new BigDecimal("0.044"));
            BigDecimal expected = cycleGross.setScale(2, java.math.RoundingMode.FLOOR).subtract(cyclePayable);
            assertThat(new BigDecimal(b.get("payable").asText())).as(b.get("periodStart").asText()).isEqualByComparingTo(expected);
            cyclePayable = cyclePayable.add(expected);
        }
    }

    @Test
    void anInstanceStoredWithoutItsLatestSnapshotIsBilledFromItsTimelineExactlyLikeItsTwin() {
        toNextHour();
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
        String kept = t.api().post("/api/v1/instances", RestApiTest.RDS).body().get("instanceId").asText();
        String older = t.api().post("/api/v1/instances", RestApiTest.RDS).body().get("instanceId").asText();
        TestServer.operator().post("/api/v1/clock", "{\"advanceSeconds\":1800}");
        for (String id : new String[]{kept, older}) {
            assertThat(t.api().post("/api/v1/instances/" + id + "/changes", "{\"action\":\"modifySpec\",\"instanceClass\":\"pg.n4.large.2c\"}")
                    .status())
                    .isEqualTo(202);
        }
        // A row from before instances kept their latest snapshot: settlement must read its timeline.
        TestServer.get().jdbi().useHandle(h -> h.createUpdate("UPDATE instances SET snapshot_id = NULL, snapshot_since = NULL, "
                + "snapshot_event = NULL WHERE id = :id").bind("id", older).execute());

        TestServer.operator().post("/api/v1/clock", "{\"advanceSeconds\":" + (3 * 3600 + 1800) + "}");

        JsonNode keptBills = t.api().get("/api/v1/bills?instanceId=" + kept).body().get("bills");
        JsonNode olderBills = t.api().get("/api/v1/bills?instanceId=" + older).body().get("bills");
        assertThat(keptBills).hasSize(4);
        assertThat(olderBills).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(olderBills.get(i).get("lines")).as("hour %d", i).isEqualTo(keptBills.get(i).get("lines"));
            assertThat(olderBills.get(i).get("payable")).isEqualTo(keptBills.get(i).get("payable"));
        }
        // The larger class shows from the first hour on, and the later hours bill it whole.
        assertThat(new BigDecimal(keptBills.get(3).get("gross").asText())).isGreaterThan(new BigDecimal("0.18"));
        assertThat(keptBills.get(3).get("gross")).isEqualTo(keptBills.get(2).get("gross"));
    }

    @Test
    void theClockRefusesToGoBackwards() {
        Instant now = now();
        var back = TestServer.operator().post("/api/v1/clock", "{\"to\":\"" + now.minusSeconds(1) + "\"}");
        var negative = TestServer.operator().post("/api/v1/clock", "{\"advanceSeconds\":-10}");
        assertThat(back.status()).isEqualTo(400);
        assertThat(back.code()).isEqualTo("ClockBackwards");
        assertThat(negative.code()).isEqualTo("ClockBackwards");
        assertThat(now()).isEqualTo(now);
    }

    @Test
    void onlyTheOperatorMovesTheClock() {
        TestServer.Tenant t = TestServer.newTenant("USD", "1", "UTC");
        assertThat(t.api().post("/api/v1/clock", "{\"advanceSeconds\":10}").status()).isEqualTo(403);
    }

    @Test
    void aKolkataAccountIsSettledOnItsOwnHalfHours() {
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "Asia/Kolkata");
        String id = t.api().post("/api/v1/instances", RestApiTest.RDS).body().get("instanceId").asText();
        TestServer.operator().post("/api/v1/clock", "{\"advanceSeconds\":7200}");
        JsonNode bills = t.api().get("/api/v1/bills?instanceId=" + id).body().get("bills");
        assertThat(bills).isNotEmpty();
        for (JsonNode b : bills) {
            assertThat(b.get("periodStart").asText()).matches(".*T\\d\\d:30:00Z");
        }
    }

    @Test
    void pausingAWarehouseStopsComputeButNotStorage() {
        toNextHour();
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
        TestServer.get().provisioner().setDuration("analyticdb-postgresql:PAUSE", java.time.Duration.ofMinutes(5));
        TestServer.get().provisioner().setDuration("analyticdb-postgresql:RESUME", java.time.Duration.ofMinutes(5));
        String id = t.api().post("/api/v1/instances", "{\"product\":\"analyticdb-postgresql\",\"region\":\"cn-hangzhou\","
                + "\"edition\":\"ElasticStorage\",\"instanceClass\":\"4C16G\",\"billingMethod\":\"PayAsYouGo\",\"storageGb\":1000}")
                .body().get("instanceId").asText();
        TestServer.operator().post("/api/v1/clock", "{\"advanceSeconds\":900}");
        assertThat(t.api().post("/api/v1/instances/" + id + "/changes", "{\"action\":\"pause\"}").status()).isEqualTo(202);
        TestServer.operator().post("/api/v1/clock", "{\"advanceSeconds\":1800}");
        assertThat(t.api().get("/api/v1/instances/" + id).body().get("status").asText()).isEqualTo("Paused");
        assertThat(t.api().post("/api/v1/instances/" + id + "/changes", "{\"action\":\"resume\"}").status()).isEqualTo(202);
        TestServer.operator().post("/api/v1/clock", "{\"advanceSeconds\":900}");

        JsonNode lines = t.api().get("/api/v1/bills?instanceId=" + id).body().get("bills").get(0).get("lines");
        // Running 15 min + Pausing 5 min billed; Paused 25 min and Starting 5 min not; Running 10 min billed: 1,800 s × 2 nodes.
        assertThat(lines.get(0).get("item").asText()).isEqualTo("compute");
        assertThat(lines.get(0).get("quantity").asText()).isEqualTo("3600");
        assertThat(lines.get(1).get("quantity").asText()).isEqualTo(String.valueOf(1000 * 3600));
    }
}
