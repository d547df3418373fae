package io.billow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billow.store.DatabaseStartException.Reason;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresTest {

    /** One server for the tests that only look at a running server, to keep the suite quick. */
    @TempDir
    static Path sharedDir;
    static LocalPostgres shared;

    @BeforeAll
    static void startShared() {
        shared = LocalPostgres.start(sharedDir);
    }

    @AfterAll
    static void stopShared() {
        shared.close();
    }

    @Test
    void runsDurablyOnLoopbackOnly() throws Exception {
        try (Connection connection = connect(shared)) {
            assertThat(show(connection, "fsync")).isEqualTo("on");
            assertThat(show(connection, "synchronous_commit")).isEqualTo("on");
            assertThat(show(connection, "full_page_writes")).isEqualTo("on");
            assertThat(show(connection, "listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(show(connection, "server_version")).startsWith("17.");
            assertThat(Path.of(show(connection, "data_directory"))).isEqualTo(sharedDir.toRealPath().resolve("pg"));
        }
        assertThat(shared.logFile()).exists().isRegularFile();
    }

    @Test
    void restartKeepsData(@TempDir Path dataDir) throws SQLException {
        try (LocalPostgres server = LocalPostgres.start(dataDir);
                Connection connection = connect(server);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (id int PRIMARY KEY, note text NOT NULL)");
            statement.execute("INSERT INTO kept VALUES (1, 'first life')");
        }
        try (LocalPostgres server = LocalPostgres.start(dataDir);
                Connection connection = connect(server)) {
            assertThat(query(connection, "SELECT note FROM kept WHERE id = 1")).isEqualTo("first life");
        }
    }

    @Test
    void stopsServerLeftRunningByBillowThatDied(@TempDir Path dataDir) throws SQLException {
        LocalPostgres dead = LocalPostgres.start(dataDir);
        try (Connection connection = connect(dead); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (note text)");
            statement.execute("INSERT INTO kept VALUES ('before the crash')");
        }
        long stalePid = postmasterPid(dataDir);
        dead.abandonWithoutStopping();
        assertThat(ProcessHandle.of(stalePid)).hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());

        try (LocalPostgres server = LocalPostgres.start(dataDir); Connection connection = connect(server)) {
            assertThat(ProcessHandle.of(stalePid).filter(PostmasterPid::isRunning)).isEmpty();
            assertThat(postmasterPid(dataDir)).isNotEqualTo(stalePid);
            assertThat(query(connection, "SELECT note FROM kept")).isEqualTo("before the crash");
        }
    }

    @Test
    void stopsServerStartedOnItsDirectoryWithoutBillow(@TempDir Path dataDir) throws Exception {
        LocalPostgres.start(dataDir).close();
        Path pgDir = dataDir.resolve("pg");
        PostgresPrograms programs = new PostgresPrograms(
                PostgresBinaries.install(PostgresBinaries.defaultCacheRoot()), RunAs.detect(), dataDir.resolve("postgres.log"));
        int strayPort = freePort();
        assertThat(programs.start(pgDir, strayPort)).isZero();
        long strayPid = postmasterPid(dataDir);

        try (LocalPostgres server = LocalPostgres.start(dataDir); Connection connection = connect(server)) {
            assertThat(ProcessHandle.of(strayPid).filter(PostmasterPid::isRunning)).isEmpty();
            assertThat(query(connection, "SELECT current_user")).isEqualTo("billow");
        }
    }

    @Test
    void recoversAfterServerAndBillowWereBothKilled(@TempDir Path dataDir) throws Exception {
        LocalPostgres dead = LocalPostgres.start(dataDir);
        try (Connection connection = connect(dead); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (note text)");
            statement.execute("INSERT INTO kept VALUES ('committed before kill -9')");
        }
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid(dataDir)).orElseThrow();
        List<ProcessHandle> children = postmaster.descendants().toList();
        dead.abandonWithoutStopping();
        postmaster.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        assertThat(dataDir.resolve("pg/postmaster.pid")).exists();

        try (LocalPostgres server = LocalPostgres.start(dataDir); Connection connection = connect(server)) {
            assertThat(query(connection, "SELECT note FROM kept")).isEqualTo("committed before kill -9");
        }
    }

    @Test
    void refusesSecondBillowWhileFirstRuns() throws SQLException {
        assertThatThrownBy(() -> LocalPostgres.start(sharedDir))
                .isInstanceOfSatisfying(DatabaseStartException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.DATA_DIRECTORY_IN_USE))
                .hasMessageContaining("in use by")
                .hasMessageContaining("pid " + ProcessHandle.current().pid());
        try (Connection connection = connect(shared)) {
            assertThat(query(connection, "SELECT 'still serving'")).isEqualTo("still serving");
        }
    }

    @Test
    void refusesGivenPortHeldByStranger(@TempDir Path dataDir) throws Exception {
        try (ServerSocket stranger = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = stranger.getLocalPort();
            assertThatThrownBy(() -> LocalPostgres.start(LocalPostgres.Settings.of(dataDir).withPort(port)))
                    .isInstanceOfSatisfying(DatabaseStartException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.PORT_IN_USE))
                    .hasMessageContaining("port " + port)
                    .hasMessageContaining("in use");
        }
        // The refusal released the data directory.
        DataDirectoryLock.acquire(dataDir).close();
    }

    @Test
    void refusesServerOfAnotherDirectoryAnsweringOnItsPort(@TempDir Path otherDir) throws Exception {
        Path otherPgDir = Files.createDirectories(otherDir.resolve("pg"));
        assertThatThrownBy(() -> ServerCheck.run(shared.port(), otherPgDir, java.util.Optional.of(shared.password())))
                .isInstanceOfSatisfying(DatabaseStartException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.STRANGER_ON_PORT))
                .hasMessageContaining("127.0.0.1:" + shared.port())
                .hasMessageContaining("did not use it");
    }

    @Test
    void refusesDataDirectoryOfAnotherMajorVersion(@TempDir Path dataDir) throws Exception {
        Files.createDirectories(dataDir.resolve("pg"));
        Files.writeString(dataDir.resolve("pg/PG_VERSION"), "16\n");
        assertThatThrownBy(() -> LocalPostgres.start(dataDir))
                .isInstanceOfSatisfying(DatabaseStartException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.VERSION_MISMATCH))
                .hasMessageContaining("PostgreSQL 16")
                .hasMessageContaining("PostgreSQL 17");
        assertThat(Files.readString(dataDir.resolve("pg/PG_VERSION"))).isEqualTo("16\n");
    }

    @Test
    void refusesDirectoryThatIsNotPostgres(@TempDir Path dataDir) throws Exception {
        Files.createDirectories(dataDir.resolve("pg"));
        Files.writeString(dataDir.resolve("pg/notes.txt"), "mine");
        assertThatThrownBy(() -> LocalPostgres.start(dataDir))
                .isInstanceOfSatisfying(DatabaseStartException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_DATA_DIRECTORY))
                .hasMessageContaining("not a PostgreSQL data directory");
    }

    private static Connection connect(LocalPostgres server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
    }

    private static String show(Connection connection, String setting) throws SQLException {
        return query(connection, "SHOW " + setting);
    }

    private static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).as("a row from %s", sql).isTrue();
            return result.getString(1);
        }
    }

    private static long postmasterPid(Path dataDir) {
        return PostmasterPid.read(dataDir.resolve("pg")).orElseThrow().pid();
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
