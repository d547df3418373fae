package io.billow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billow.store.DatabaseStartException.Reason;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two Billow processes and one data directory, as on a real machine. */
class SeparateBillowTest {

    @Test
    void refusesDirectoryOfLiveBillowThenTakesOverWhenItIsKilled(@TempDir Path dataDir) throws Exception {
        try (SeparateBillow other = SeparateBillow.start(dataDir)) {
            assertThatThrownBy(() -> LocalPostgres.start(dataDir))
                    .isInstanceOfSatisfying(DatabaseStartException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.DATA_DIRECTORY_IN_USE))
                    .hasMessageContaining("another Billow (pid " + other.pid() + ")");
            long orphanedPostmaster = PostmasterPid.read(dataDir.resolve("pg")).orElseThrow().pid();

            other.killHard();

            assertThat(ProcessHandle.of(orphanedPostmaster).filter(PostmasterPid::isRunning)).isPresent();
            try (LocalPostgres server = LocalPostgres.start(dataDir);
                    Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                    Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT 1")) {
                assertThat(ProcessHandle.of(orphanedPostmaster).filter(PostmasterPid::isRunning)).isEmpty();
                assertThat(result.next()).isTrue();
            }
        }
    }

    @Test
    void terminatedBillowStopsItsServer(@TempDir Path dataDir) throws Exception {
        try (SeparateBillow other = SeparateBillow.start(dataDir)) {
            long postmaster = PostmasterPid.read(dataDir.resolve("pg")).orElseThrow().pid();

            other.terminate();

            assertThat(other.isAlive()).isFalse();
            assertThat(ProcessHandle.of(postmaster).filter(PostmasterPid::isRunning)).isEmpty();
            assertThat(dataDir.resolve("pg/postmaster.pid")).doesNotExist();
        }
    }
}
