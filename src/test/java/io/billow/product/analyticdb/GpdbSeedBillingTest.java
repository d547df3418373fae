package io.billow.product.analyticdb;

import com.aliyun.gpdb20160503.models.DeleteDBInstanceRequest;
import com.aliyun.gpdb20160503.models.PauseInstanceRequest;
import com.aliyun.gpdb20160503.models.ResumeInstanceRequest;
import com.aliyun.gpdb20160503.models.UpgradeDBInstanceRequest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 003's three examples through the GPDB SDK, each on its own day of this class's own server
 * (the clock only moves forward, hence the order). Compute bills node-seconds: 4 nodes here, so
 * each period's compute quantity is 4 × the seconds of the seed's table; storage bills 50 GB-s a second.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GpdbSeedBillingTest {

    private static final Instant DAY = Instant.parse("2026-06-01T00:00:00Z");

    @RegisterExtension
    static final GpdbServer SERVER = new GpdbServer(DAY);

    @Test
    @Order(1)
    void createdAt105930AndReleasedAt125030BillsTheSecondsOfEachHour() throws Exception {
        Instant day = DAY;
        SERVER.clockTo(day.plusSeconds(10 * 3600 + 59 * 60 + 30));
        GpdbServer.Tenant t = SERVER.newTenant("1000");
        String id = GpdbServer.create(t, GpdbServer.elastic("HighAvailability", "4C32G", 4));
        SERVER.clockTo(day.plusSeconds(12 * 3600 + 50 * 60 + 30));
        t.gpdb().deleteDBInstance(new DeleteDBInstanceRequest().setDBInstanceId(id));
        SERVER.clockTo(day.plusSeconds(13 * 3600));

        Map<String, String> compute = quantities(t, id, "compute");
        assertThat(compute).containsExactly(Map.entry(hour(day, 10), "120"), Map.entry(hour(day, 11), "14400"), Map.entry(hour(day, 12), "12120"));
        assertThat(quantities(t, id, "storage")).containsExactly(Map.entry(hour(day, 10), "1500"), Map.entry(hour(day, 11), "180000"),
                Map.entry(hour(day, 12), "151500"));
    }

    @Test
    @Order(2)
    void anUpgradeCompletingAt1130BillsTheOldSpecBeforeAndTheNewAfter() throws Exception {
        Instant day = DAY.plusSeconds(86_400);
        SERVER.clockTo(hour(day, 11, 0));
        GpdbServer.Tenant t = SERVER.newTenant("1000");
        String nodes = GpdbServer.create(t, GpdbServer.elastic("HighAvailability", "4C32G", 4));
        String spec = GpdbServer.create(t, GpdbServer.elastic("HighAvailability", "2C16G", 4));
        // MODIFY_SPEC takes 300 s: asked at 11:25, done at 11:30.
        SERVER.clockTo(hour(day, 11, 25));
        t.gpdb().upgradeDBInstance(new UpgradeDBInstanceRequest().setDBInstanceId(nodes).setUpgradeType(0L).setSegNodeNum("8"));
        t.gpdb().upgradeDBInstance(new UpgradeDBInstanceRequest().setDBInstanceId(spec).setUpgradeType(1L).setInstanceSpec("4C32G"));
        var scaling = GpdbServer.attribute(t, nodes);
        assertThat(scaling.getDBInstanceStatus()).isEqualTo("DBInstanceClassChanging");
        assertThat(scaling.getSegNodeNum()).as("the original count until the change completes").isEqualTo(4);
        SERVER.clockTo(hour(day, 11, 30));
        var done = GpdbServer.attribute(t, nodes);
        assertThat(done.getDBInstanceStatus()).isEqualTo("Running");
        assertThat(done.getSegNodeNum()).isEqualTo(8);
        assertThat(GpdbServer.attribute(t, spec).getCpuCoresPerNode()).isEqualTo(4);
        SERVER.clockTo(hour(day, 12, 0));

        // 4 nodes × 1,800 s (Running, then Scaling at the original count) + 8 nodes × 1,800 s
        assertThat(quantities(t, nodes, "compute")).containsExactly(Map.entry(hour(day, 11), "21600"));
        // The spec change: 2C16G at 4 nodes to 11:30, 4C32G at 4 nodes after, each at its own node-hour price.
        Map<String, String> bySpec = new LinkedHashMap<>();
        for (JsonNode line : GpdbServer.bills(t, spec).get(0).get("lines")) {
            if (line.get("item").asText().equals("compute")) {
                bySpec.put(line.get("spec").asText(), line.get("quantity").asText() + " = " + line.get("amount").asText());
            }
        }
        assertThat(bySpec).containsExactly(Map.entry("2C16G", "7200 = 0.240000"), Map.entry("4C32G", "7200 = 0.480000"));
    }

    @Test
    @Order(3)
    void pausedAt1120AndRunningAgainAt1140BillsNoComputeInBetween() throws Exception {
        Instant day = DAY.plusSeconds(2 * 86_400);
        SERVER.clockTo(hour(day, 11, 0));
        GpdbServer.Tenant t = SERVER.newTenant("1000");
        String id = GpdbServer.create(t, GpdbServer.elastic("HighAvailability", "4C32G", 4));
        // PAUSE and RESUME take 600 s each: Pausing from 11:10, Paused at 11:20; Resuming from 11:30, Running at 11:40.
        SERVER.clockTo(hour(day, 11, 10));
        assertThat(t.gpdb().pauseInstance(new PauseInstanceRequest().setDBInstanceId(id)).getBody().getStatus()).isTrue();
        assertThat(GpdbServer.attribute(t, id).getDBInstanceStatus()).isEqualTo("Pausing");
        SERVER.clockTo(hour(day, 11, 20));
        assertThat(GpdbServer.attribute(t, id).getDBInstanceStatus()).isEqualTo("Paused");
        SERVER.clockTo(hour(day, 11, 30));
        assertThat(t.gpdb().resumeInstance(new ResumeInstanceRequest().setDBInstanceId(id)).getBody().getStatus()).isTrue();
        assertThat(GpdbServer.attribute(t, id).getDBInstanceStatus()).isEqualTo("Resuming");
        SERVER.clockTo(hour(day, 11, 40));
        assertThat(GpdbServer.attribute(t, id).getDBInstanceStatus()).isEqualTo("Running");
        SERVER.clockTo(hour(day, 12, 0));

        // Running and Pausing 11:00–11:20 and Running 11:40–12:00: 4 nodes × 2,400 s; storage the whole hour.
        assertThat(quantities(t, id, "compute")).containsExactly(Map.entry(hour(day, 11), "9600"));
        assertThat(quantities(t, id, "storage")).containsExactly(Map.entry(hour(day, 11), "180000"));
    }

    /** Each bill's quantity of one item, by the start of its period, read by the owner through the native API. */
    private static Map<String, String> quantities(GpdbServer.Tenant t, String id, String item) {
        Map<String, String> byPeriod = new LinkedHashMap<>();
        for (JsonNode b : GpdbServer.bills(t, id)) {
            for (JsonNode line : b.get("lines")) {
                if (line.get("item").asText().equals(item)) {
                    byPeriod.merge(b.get("periodStart").asText(), line.get("quantity").asText(), (x, y) -> x + "+" + y);
                }
            }
        }
        return byPeriod;
    }

    private static String hour(Instant day, int h) {
        return hour(day, h, 0).toString();
    }

    private static Instant hour(Instant day, int h, int minute) {
        return day.plusSeconds(h * 3600L + minute * 60L);
    }
}
