package io.billow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL lets in Billow's role with its password only, kept owner-only in the
 * data directory; a data directory an earlier Billow made (trusting every local connection, no
 * password file) still starts, with its data, and asks for a password from then on.
 */
class ClusterPasswordTest {

    /** What Billow wrote into pg_hba.conf before it used a password. */
    private static final String EARLIER_HBA = """
            # Written by Billow. The server listens on 127.0.0.1 only; Billow's superuser is the only role.
            host  all  billow  127.0.0.1/32  trust
            """;

    @Test
    void aNewDataDirectoryAsksForThePasswordKeptOwnerOnly(@TempDir Path dataDir) throws Exception {
        try (LocalPostgres server = LocalPostgres.start(dataDir)) {
            Path file = dataDir.resolve("postgres.password");

            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(file)).isEqualTo(server.password() + "\n");
            assertThat(server.password()).matches("[A-Za-z0-9_-]{43}");
            assertThat(Files.readString(dataDir.resolve("pg/pg_hba.conf"))).doesNotContain("trust").contains("scram-sha-256");
            assertRefusedWithout(server);
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password())) {
                assertThat(query(connection, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
                assertThat(query(connection, "SHOW password_encryption")).isEqualTo("scram-sha-256");
            }
        }
    }

    @Test
    void aDataDirectoryOfAnEarlierBillowIsMovedToThePasswordAndKeepsItsData(@TempDir Path dataDir) throws Exception {
        try (LocalPostgres server = LocalPostgres.start(dataDir);
                Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (note text)");
            statement.execute("INSERT INTO kept VALUES ('from the earlier version')");
            statement.execute("ALTER ROLE billow PASSWORD NULL");
        }
        Files.writeString(dataDir.resolve("pg/pg_hba.conf"), EARLIER_HBA);
        Files.delete(dataDir.resolve("postgres.password"));

        try (LocalPostgres server = LocalPostgres.start(dataDir)) {
            assertThat(Files.getPosixFilePermissions(dataDir.resolve("postgres.password")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(dataDir.resolve("pg/pg_hba.conf"))).isEqualTo(ClusterPassword.HBA);
            assertRefusedWithout(server);
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password())) {
                assertThat(query(connection, "SELECT note FROM kept")).isEqualTo("from the earlier version");
            }
        }
        try (LocalPostgres again = LocalPostgres.start(dataDir);
                Connection connection = DriverManager.getConnection(again.jdbcUrl(), again.user(), again.password())) {
            assertThat(query(connection, "SELECT note FROM kept")).isEqualTo("from the earlier version");
        }
    }

    @Test
    void aMissingPasswordFileIsNamedRatherThanRegenerated(@TempDir Path dataDir) throws Exception {
        LocalPostgres.start(dataDir).close();
        Files.delete(dataDir.resolve("postgres.password"));

        assertThatThrownBy(() -> LocalPostgres.start(dataDir)).isInstanceOf(DatabaseStartException.class)
                .hasMessage(dataDir.toRealPath().resolve("postgres.password") + " is missing, and the PostgreSQL in "
                        + dataDir.toRealPath().resolve("pg") + " asks for the password it held; restore the file from a backup of the data directory");
        assertThat(dataDir.resolve("postgres.password")).doesNotExist();
        DataDirectoryLock.acquire(dataDir).close();
    }

    private static void assertRefusedWithout(LocalPostgres server) {
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), server.user(), "")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), server.user(), "not-the-password"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl() + "?user=postgres"))
                .isInstanceOf(SQLException.class);
    }

    private static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).isTrue();
            return result.getString(1);
        }
    }
}
