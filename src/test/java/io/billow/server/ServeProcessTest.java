package io.billow.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.cli.ApiClient;
import io.billow.simulation.ServeProcess;
import io.billow.store.PostmasterPid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code billow serve} as an operator runs it: no key given, stopped by SIGTERM, started again on the same data. */
class ServeProcessTest {

    @Test
    void sigtermStopsTheServerAndItsPostgresAndARestartKeepsEverything(@TempDir Path data) throws Exception {
        int port = ServeProcess.freePort();
        BillowProcess billow = BillowProcess.serve(data, port, null, "2026-03-01T00:00:00Z");
        // No key given: one is made, shown once and kept in the data directory.
        String key = Files.readString(data.resolve("admin.key")).trim();
        assertThat(billow.startup()).contains("Operator key (shown once; saved in " + data.resolve("admin.key") + "): " + key);
        ApiClient op = new ApiClient(billow.url(), key);
        JsonNode account = op.post("/api/v1/accounts", "{\"name\":\"s\",\"currency\":\"USD\",\"balance\":100}").body();
        String accountId = account.get("accountId").asText();
        ApiClient tenant = op.as(account.get("accessKeyId").asText() + ":" + account.get("accessKeySecret").asText());
        String instanceId = tenant.post("/api/v1/instances", RestApiTest.RDS).body().get("instanceId").asText();
        op.post("/api/v1/clock", "{\"advanceSeconds\":7200}");
        JsonNode before = op.get("/api/v1/accounts/" + accountId).body();
        int billsBefore = tenant.get("/api/v1/bills?instanceId=" + instanceId).body().get("bills").size();
        long postmaster = Long.parseLong(Files.readAllLines(data.resolve("pg/postmaster.pid")).get(0).trim());

        int exit = billow.terminate();

        assertThat(exit).as("exit code after SIGTERM (143 = terminated by the signal, hooks run)").isIn(0, 143);
        assertThat(ProcessHandle.of(postmaster).filter(PostmasterPid::isRunning)).as("embedded PostgreSQL stopped").isEmpty();
        assertThat(data.resolve("pg/postmaster.pid")).doesNotExist();

        try (BillowProcess again = BillowProcess.serve(data, port, null, "2026-03-01T00:00:00Z")) {
            assertThat(again.startup()).doesNotContain("Operator key");
            ApiClient op2 = new ApiClient(again.url(), key);
            ApiClient tenant2 = op2.as(account.get("accessKeyId").asText() + ":" + account.get("accessKeySecret").asText());
            assertThat(op2.get("/api/v1/clock").body().get("now").asText()).as("the simulated clock is kept")
                    .isEqualTo("2026-03-01T02:00:00Z");
            assertThat(op2.get("/api/v1/accounts/" + accountId).body().get("balance").asText())
                    .isEqualTo(before.get("balance").asText());
            assertThat(billsBefore).isEqualTo(2);
            assertThat(tenant2.get("/api/v1/bills?instanceId=" + instanceId).body().get("bills").size()).isEqualTo(billsBefore);
            assertThat(tenant2.get("/api/v1/instances/" + instanceId).status()).isEqualTo(200);
        }
    }
}
