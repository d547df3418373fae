package io.billow.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.cli.ApiClient;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A day of a High-availability serverless instance with automatic stop and restart: RCU-seconds
 * per period against figures computed by hand.
 *
 * 00:00 2 RCU, 5 connections · 06:00 4 RCU · 12:00 no connections → Suspending at 12:10:00,
 * Suspended at 12:10:30 · 14:00 3 connections → Starting, Running at 14:00:30 · 18:00 1 RCU.
 * High-availability bills × 2; Suspended and Starting are not billed.
 */
class ServerlessDayTest {

    @Test
    void rcuSecondsPerPeriodOverADayMatchTheHandComputedFigures() {
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
        Instant day = ServerlessFlowTest.moveTo(true, 0);
        ApiClient api = t.api();
        String id = api.post("/api/v1/instances", "{\"product\":\"rds-postgresql\",\"region\":\"cn-hangzhou\",\"edition\":\"HighAvailability\","
                + "\"instanceClass\":\"pg.n2.serverless.2c\",\"billingMethod\":\"Serverless\",\"storageGb\":50,\"minCapacity\":0.5,"
                + "\"maxCapacity\":8}").body().get("instanceId").asText();
        assertThat(api.post("/api/v1/instances/" + id + "/switch", "{\"payType\":\"Serverless\",\"minCapacity\":0.5,\"maxCapacity\":8,"
                + "\"autoPause\":true,\"switchForce\":false}").status()).isEqualTo(202);
        sample(api, id, "a", "\"rcu\":2,\"connections\":5");
        at(day, 6 * 3600);
        sample(api, id, "b", "\"rcu\":4");
        at(day, 12 * 3600);
        sample(api, id, "c", "\"connections\":0");
        at(day, 13 * 3600);
        assertThat(api.get("/api/v1/instances/" + id).body().get("status").asText()).isEqualTo("Suspended");
        at(day, 14 * 3600);
        sample(api, id, "d", "\"connections\":3");
        at(day, 18 * 3600);
        assertThat(api.get("/api/v1/instances/" + id).body().get("status").asText()).isEqualTo("Running");
        sample(api, id, "e", "\"rcu\":1");
        at(day, 24 * 3600);

        long[] expected = new long[24];
        for (int h = 0; h < 24; h++) {
            expected[h] = h < 6 ? 2 * 2 * 3600 : h < 12 ? 4 * 2 * 3600 : h < 18 ? 4 * 2 * 3600 : 1 * 2 * 3600;
        }
        expected[12] = 630 * 4 * 2;   // Running 12:00–12:10 and Suspending 12:10:00–12:10:30
        expected[13] = 0;             // Suspended all hour
        expected[14] = 3570 * 4 * 2;  // Starting 14:00:00–14:00:30 is not billed
        JsonNode bills = api.get("/api/v1/bills?instanceId=" + id).body().get("bills");
        assertThat(bills).hasSize(24);
        for (int h = 0; h < 24; h++) {
            JsonNode b = bills.get(h);
            assertThat(b.get("periodStart").asText()).isEqualTo(day.plusSeconds(3600L * h).toString());
            assertThat(Double.parseDouble(ServerlessFlowTest.quantity(b.get("lines"), "rcu").replace("none", "0")))
                    .as("RCU-seconds in hour " + h).isEqualTo((double) expected[h]);
            // storage keeps billing through the pause: 50 GB × 2 for High-availability
            assertThat(ServerlessFlowTest.quantity(b.get("lines"), "serverless_storage")).isEqualTo(String.valueOf(50 * 2 * 3600));
        }
        JsonNode events = api.get("/api/v1/events?instanceId=" + id).body().get("events");
        assertThat(events).extracting(e -> e.get("type").asText()).contains("instance.auto-paused", "instance.auto-resumed");
    }

    private static void sample(ApiClient api, String id, String eventId, String fields) {
        assertThat(api.post("/api/v1/instances/" + id + "/usage", "{\"eventId\":\"" + id + eventId + "\"," + fields + "}").status())
                .isEqualTo(201);
    }

    private static void at(Instant day, long seconds) {
        TestServer.operator().post("/api/v1/clock", "{\"to\":\"" + day.plusSeconds(seconds) + "\"}");
    }
}
