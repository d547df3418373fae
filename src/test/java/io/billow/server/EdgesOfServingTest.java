package io.billow.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A scheduled switch, the CLI's client commands, and a port held by another program. */
class EdgesOfServingTest {

    @Test
    void aScheduledSwitchLeavesTheInstanceRunningUntilItStartsAndBlocksOtherChangesMeanwhile() {
        TestServer.Tenant t = ServerlessFlowTest.tenantWithRoles();
        String id = ServerlessFlowTest.createPayg(t.api());
        Instant at = ServerlessFlowTest.now().plusSeconds(7200);

        JsonNode accepted = t.api().post("/api/v1/instances/" + id + "/switch", ServerlessFlowTest.SWITCH.replace("}",
                ",\"effectiveTime\":\"ScheduleTime\",\"switchTime\":\"" + at + "\"}")).body();

        assertThat(accepted.get("status").asText()).isEqualTo("Running");
        assertThat(t.api().post("/api/v1/instances/" + id + "/changes", "{\"action\":\"modifySpec\",\"instanceClass\":\"pg.n4.large.2c\"}")
                .code()).isEqualTo("IncorrectDBInstanceState");
        TestServer.operator().post("/api/v1/clock", "{\"to\":\"" + at.plusSeconds(30) + "\"}");
        assertThat(t.api().get("/api/v1/instances/" + id).body().get("status").asText()).isEqualTo("DBInstanceClassChanging");
        TestServer.operator().post("/api/v1/clock", "{\"to\":\"" + at.plusSeconds(60) + "\"}");
        JsonNode after = t.api().get("/api/v1/instances/" + id).body();
        assertThat(after.get("status").asText()).isEqualTo("Running");
        assertThat(after.get("billingMethod").asText()).isEqualTo("Serverless");
    }

    @Test
    void aMaintainTimeSwitchStartsAtTheNextMaintenanceWindow() {
        TestServer.Tenant t = ServerlessFlowTest.tenantWithRoles();
        String id = ServerlessFlowTest.createPayg(t.api());
        Instant now = ServerlessFlowTest.now();
        // The default window is 18:00Z–22:00Z: the switch starts at the next 18:00Z.
        Instant window = now.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plusSeconds(18 * 3600);
        if (!window.isAfter(now)) {
            window = window.plusSeconds(86_400);
        }

        t.api().post("/api/v1/instances/" + id + "/switch", ServerlessFlowTest.SWITCH.replace("}", ",\"effectiveTime\":\"MaintainTime\"}"));

        TestServer.operator().post("/api/v1/clock", "{\"to\":\"" + window.minusSeconds(1) + "\"}");
        assertThat(t.api().get("/api/v1/instances/" + id).body().get("billingMethod").asText()).isEqualTo("PayAsYouGo");
        TestServer.operator().post("/api/v1/clock", "{\"to\":\"" + window.plusSeconds(60) + "\"}");
        assertThat(t.api().get("/api/v1/instances/" + id).body().get("billingMethod").asText()).isEqualTo("Serverless");
    }

    @Test
    void theCliListsInstancesBillsAndOrdersOfARunningServer() {
        TestServer.Tenant t = TestServer.newTenant("USD", "100", "UTC");
        String id = ServerlessFlowTest.createPayg(t.api());
        TestServer.operator().post("/api/v1/clock", "{\"advanceSeconds\":3600}");
        String key = t.accessKeyId() + ":" + t.accessKeySecret();

        String instances = cli("instances", "--url", TestServer.get().url(), "--key", key);
        String bills = cli("bills", "--url", TestServer.get().url(), "--key", key, "--instance", id);
        String orders = cli("orders", "--url", TestServer.get().url(), "--key", key);

        assertThat(instances).contains(id, "pg.n2.medium.2c", "PayAsYouGo", "Running");
        assertThat(bills).contains(id, "compute", "TOTAL PAYABLE:");
        assertThat(orders).contains("NEW", "FULFILLED");
        assertThat(cli("instances", "--url", TestServer.get().url(), "--key", "nobody:wrong")).contains("Unauthorized");
    }

    @Test
    void aPortHeldByAnotherProgramIsAClearErrorNotAConnectionToIt(@TempDir Path data) throws Exception {
        try (ServerSocket stranger = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> BillowServer.start(new BillowServer.Options("127.0.0.1", stranger.getLocalPort(), data, null, true,
                    TestServer.START, null, "k", 100)))
                    .hasMessageContaining("port " + stranger.getLocalPort())
                    .hasMessageContaining("already in use");
        }
    }

    private static String cli(String... args) {
        return CliRun.run(args);
    }
}
