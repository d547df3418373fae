package io.billow.server;

import io.billow.cli.ApiClient;
import io.billow.store.DatabaseStartException;
import io.billow.store.ThrowAwayDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A data directory remembers whether it ran on a simulated or on the wall clock, and refuses to
 * start on the other one, saying how to go on, rather than moving its time.
 */
class ClockModeTest {

    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    private Path dir;

    @BeforeEach
    void newDirectory() throws Exception {
        dir = Files.createTempDirectory("billow-clock-mode-");
    }

    @AfterEach
    void removeDirectory() throws Exception {
        ThrowAwayDirectory.delete(dir);
    }

    @Test
    void aSimulationRestartedOnTheWallClockIsRefusedAndItsTimeKept() throws Exception {
        try (BillowServer simulated = start(true)) {
            new ApiClient(simulated.url(), TestServer.ADMIN_KEY).post("/api/v1/clock", "{\"advanceSeconds\":2592000}");
        }
        assertThat(Files.readString(dir.resolve("clock-mode"))).isEqualTo("simulated\n");

        assertThatThrownBy(() -> start(false)).isInstanceOfSatisfying(DatabaseStartException.class,
                        e -> assertThat(e.reason()).isEqualTo(DatabaseStartException.Reason.CLOCK_MODE_MISMATCH))
                .hasMessage("data directory " + dir + " runs on a simulated clock (it stands at 2026-02-04T00:00:00Z); started on the"
                        + " wall clock, its time would jump. Start it again with --simulated-clock, or give another --data directory for"
                        + " the wall clock");

        try (BillowServer again = start(true)) {
            assertThat(again.clock().now()).isEqualTo(Instant.parse("2026-02-04T00:00:00Z"));
        }
    }

    @Test
    void aWallClockLedgerRestartedSimulatedIsRefused() throws Exception {
        try (BillowServer wall = start(false)) {
            new ApiClient(wall.url(), TestServer.ADMIN_KEY).post("/api/v1/accounts", "{\"name\":\"real\",\"currency\":\"USD\"}");
        }
        assertThat(Files.readString(dir.resolve("clock-mode"))).isEqualTo("wall\n");

        assertThatThrownBy(() -> start(true)).isInstanceOf(DatabaseStartException.class)
                .hasMessage("data directory " + dir + " runs on the wall clock; a simulated clock would let its time be moved."
                        + " Start it without --simulated-clock, or give another --data directory for a simulation");
        try (BillowServer again = start(false)) {
            assertThat(again.clock().isSimulated()).isFalse();
        }
    }

    @Test
    void aDataDirectoryOfAnEarlierVersionIsJudgedByItsDatabase() throws Exception {
        start(true).close();
        Files.delete(dir.resolve("clock-mode"));

        assertThatThrownBy(() -> start(false)).isInstanceOf(DatabaseStartException.class).hasMessageContaining("runs on a simulated clock");
        assertThat(dir.resolve("clock-mode")).doesNotExist();
        start(true).close();
        assertThat(Files.readString(dir.resolve("clock-mode"))).isEqualTo("simulated\n");
    }

    private BillowServer start(boolean simulated) {
        return BillowServer.start(new BillowServer.Options("127.0.0.1", 0, dir, null, simulated, simulated ? START : null, null,
                TestServer.ADMIN_KEY, 1000));
    }
}
