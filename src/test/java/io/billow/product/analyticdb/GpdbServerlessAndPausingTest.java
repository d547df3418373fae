package io.billow.product.analyticdb;

import com.aliyun.gpdb20160503.models.CreateDBInstanceRequest;
import com.aliyun.gpdb20160503.models.DeleteDBInstanceRequest;
import com.aliyun.gpdb20160503.models.PauseInstanceRequest;
import com.aliyun.gpdb20160503.models.UpgradeDBInstanceRequest;
import com.aliyun.tea.TeaException;
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
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Serverless mode through the GPDB SDK: compute units bill by the second, storage by the hour
 * (domain.md §7: any second of storage in a period bills the whole hour); and a scaling asked while
 * a pause is in flight is refused, with nothing changed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GpdbServerlessAndPausingTest {

    private static final Instant DAY = Instant.parse("2026-08-01T00:00:00Z");

    @RegisterExtension
    static final GpdbServer SERVER = new GpdbServer(DAY);

    /** Created 10:15, released 11:20, 8 ACU and 100 GB: compute 2,700 s and 1,200 s × 8; storage two whole hours × 100 GB. */
    @Test
    @Order(1)
    void serverlessStorageBillsWholeHoursAndComputeTheSeconds() throws Exception {
        SERVER.clockTo(DAY.plusSeconds(10 * 3600 + 15 * 60));
        GpdbServer.Tenant t = SERVER.newTenant("1000");
        String id = GpdbServer.create(t, new CreateDBInstanceRequest().setRegionId("cn-hangzhou").setZoneId("cn-hangzhou-h")
                .setEngine("gpdb").setEngineVersion("6.0").setDBInstanceMode("Serverless").setInstanceSpec("4C16G")
                .setServerlessResource(8).setStorageSize(100L).setPayType("Postpaid"));
        SERVER.clockTo(DAY.plusSeconds(11 * 3600 + 20 * 60));
        t.gpdb().deleteDBInstance(new DeleteDBInstanceRequest().setDBInstanceId(id));
        SERVER.clockTo(DAY.plusSeconds(12 * 3600));
        String ten = DAY.plusSeconds(10 * 3600).toString();
        String eleven = DAY.plusSeconds(11 * 3600).toString();
        assertThat(quantities(t, id, "serverless_compute")).containsExactly(Map.entry(ten, "21600.0"), Map.entry(eleven, "9600.0"));
        assertThat(quantities(t, id, "serverless_storage")).containsExactly(Map.entry(ten, "360000"), Map.entry(eleven, "360000"));
    }

    @Test
    @Order(2)
    void aScalingAskedWhileAPauseIsInFlightIsRefused() throws Exception {
        SERVER.clockTo(DAY.plusSeconds(86_400));
        GpdbServer.Tenant t = SERVER.newTenant("1000");
        String id = GpdbServer.create(t, GpdbServer.elastic("Basic", "4C16G", 2));
        t.gpdb().pauseInstance(new PauseInstanceRequest().setDBInstanceId(id));
        JsonNode before = GpdbServer.timeline(t, id);
        TeaException e = catchThrowableOfType(TeaException.class, () -> t.gpdb().upgradeDBInstance(new UpgradeDBInstanceRequest()
                .setDBInstanceId(id).setUpgradeType(0L).setSegNodeNum("4")));
        assertThat(e.getCode()).isEqualTo("IncorrectDBInstanceState");
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(GpdbServer.timeline(t, id)).isEqualTo(before);
        assertThat(GpdbServer.attribute(t, id).getSegNodeNum()).isEqualTo(2);
    }

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
}
