package io.billow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billow.store.DatabaseStartException.Reason;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @Test
    void embeddedDatabaseIsMigratedOnceAndKeepsData(@TempDir Path dataDir) {
        try (Database database = Database.startEmbedded(dataDir)) {
            assertThat(appliedMigrations(database.jdbi())).containsExactlyElementsOf(shippedMigrations());
            database.jdbi().useHandle(handle ->
                    handle.execute("INSERT INTO schema_info (key, value) VALUES ('written', 'before restart')"));
        }
        try (Database database = Database.embedded(LocalPostgres.start(dataDir), 2)) {
            assertThat(appliedMigrations(database.jdbi())).containsExactlyElementsOf(shippedMigrations());
            String kept = database.jdbi().withHandle(handle -> handle
                    .createQuery("SELECT value FROM schema_info WHERE key = 'written'").mapTo(String.class).one());
            assertThat(kept).isEqualTo("before restart");
            assertThat(database.toString()).contains(dataDir.getFileName().toString());
        }
    }

    @Test
    void closingEmbeddedDatabaseStopsItsServer(@TempDir Path dataDir) {
        LocalPostgres server = LocalPostgres.start(dataDir);
        int port = server.port();
        Database.embedded(server, 1).close();
        assertThatThrownBy(() -> DriverManager.getConnection(LocalPostgres.jdbcUrl(port, "billow"), "billow", ""))
                .hasMessageContaining("Connection");
        // The lock is free again: a new Billow may start on the directory.
        DataDirectoryLock.acquire(dataDir).close();
    }

    @Test
    void externalUrlsInBothFormsReachTheSameServer(@TempDir Path dataDir) throws Exception {
        try (LocalPostgres server = LocalPostgres.start(dataDir)) {
            DatabaseUrl libpqForm = DatabaseUrl.parse("postgresql://billow:" + server.password() + "@127.0.0.1:" + server.port() + "/billow");
            try (Database database = Database.external(libpqForm, 2)) {
                assertThat(appliedMigrations(database.jdbi())).containsExactlyElementsOf(shippedMigrations());
            }
            DatabaseUrl jdbcForm = DatabaseUrl.parse(server.jdbcUrl() + "?user=billow&password=" + server.password());
            try (Database database = Database.external(jdbcForm, 2)) {
                assertThat(appliedMigrations(database.jdbi())).containsExactlyElementsOf(shippedMigrations());
            }
            // Closing an external database leaves its server alone.
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), "billow", server.password())) {
                assertThat(connection.isValid(1)).isTrue();
            }
        }
    }

    @Test
    void unreachableExternalUrlGivesClearErrorWithoutPassword() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:s3cret@127.0.0.1:" + closedPort + "/billow");
        assertThatThrownBy(() -> Database.external(url, 1))
                .isInstanceOfSatisfying(DatabaseStartException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.START_FAILED))
                .hasMessageContaining("cannot connect to app@jdbc:postgresql://127.0.0.1:" + closedPort + "/billow")
                .hasMessageContaining("--db-url")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void refusesPoolSizeOutOfRange() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://127.0.0.1:1/billow");
        assertThatThrownBy(() -> Database.external(url, 0)).hasMessageContaining("pool size must be 1..64");
        assertThatThrownBy(() -> Database.external(url, 65)).hasMessageContaining("pool size must be 1..64");
    }

    private static List<String> appliedMigrations(Jdbi jdbi) {
        return jdbi.withHandle(handle -> handle
                .createQuery("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")
                .mapTo(String.class).list());
    }

    /** The versions of the migration files in the build, in order: each must be applied exactly once. */
    private static java.util.List<String> shippedMigrations() {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of(DatabaseTest.class.getResource("/db/migration").toURI());
            try (var files = java.nio.file.Files.list(dir)) {
                return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                        .map(n -> n.substring(1, n.indexOf("__"))).sorted(java.util.Comparator.comparingInt(Integer::parseInt)).toList();
            }
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
