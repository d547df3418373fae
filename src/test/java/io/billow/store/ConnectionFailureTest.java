package io.billow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class ConnectionFailureTest {

    @Test
    void connectionClassAndShutdownStatesCountAsLost() {
        assertThat(ConnectionFailure.isLostState("08006")).as("connection failure").isTrue();
        assertThat(ConnectionFailure.isLostState("08001")).as("unable to connect").isTrue();
        assertThat(ConnectionFailure.isLostState("08003")).as("connection does not exist").isTrue();
        assertThat(ConnectionFailure.isLostState("57P01")).as("admin shutdown").isTrue();
        assertThat(ConnectionFailure.isLostState("57P02")).as("crash shutdown").isTrue();
        assertThat(ConnectionFailure.isLostState("57P03")).as("cannot connect now").isTrue();
    }

    @Test
    void refusalsByALiveDatabaseAreNotLost() {
        assertThat(ConnectionFailure.isLostState("23505")).as("unique violation").isFalse();
        assertThat(ConnectionFailure.isLostState("40001")).as("serialization failure").isFalse();
        assertThat(ConnectionFailure.isLostState("40P01")).as("deadlock").isFalse();
        assertThat(ConnectionFailure.isLostState("57014")).as("query canceled, class 57 but not a shutdown").isFalse();
        assertThat(ConnectionFailure.isLostState("25006")).as("read-only transaction").isFalse();
        assertThat(ConnectionFailure.isLostState(null)).isFalse();
        assertThat(ConnectionFailure.isLost(new IllegalStateException("a bug"))).isFalse();
        assertThat(ConnectionFailure.isLost(new UnableToExecuteStatementException(
                new PSQLException("duplicate key", PSQLState.UNIQUE_VIOLATION), null))).isFalse();
    }

    @Test
    void foundAnywhereInTheCauseChainAsJdbiWrapsIt() {
        RuntimeException io = new UnableToExecuteStatementException(
                new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE), null);
        assertThat(ConnectionFailure.lostState(new IllegalStateException("settling", io))).hasValue("08006");
        RuntimeException terminated = new UnableToExecuteStatementException(
                new SQLException("terminating connection due to administrator command", "57P01"), null);
        assertThat(ConnectionFailure.lostState(terminated)).hasValue("57P01");
        // What the pool throws while no server accepts connections: no SQLState of its own.
        RuntimeException poolTimeout = new ConnectionException(
                new SQLTransientConnectionException("billow-db - Connection is not available, request timed out after 10000ms"));
        assertThat(ConnectionFailure.lostState(poolTimeout)).hasValue("08001");
    }

    @Test
    void retriesOnlyALostConnection() {
        AtomicInteger calls = new AtomicInteger();
        String result = ConnectionFailure.retried("test", Duration.ofSeconds(10), () -> {
            if (calls.incrementAndGet() < 3) {
                throw new ConnectionException(new PSQLException("Connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT));
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(calls).hasValue(3);

        AtomicInteger refused = new AtomicInteger();
        assertThatThrownBy(() -> ConnectionFailure.runRetried("test", Duration.ofSeconds(10), () -> {
            refused.incrementAndGet();
            throw new IllegalArgumentException("bad input");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(refused).as("anything but a lost connection is not retried").hasValue(1);
    }

    @Test
    void givesUpWhenTheBudgetIsSpent() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> ConnectionFailure.runRetried("test", Duration.ofMillis(250), () -> {
            calls.incrementAndGet();
            throw new ConnectionException(new SQLException("gone", "08006"));
        })).isInstanceOf(ConnectionException.class);
        // Pauses of 100 ms, then 200 ms: the second would end past the budget, so two tries.
        assertThat(calls).hasValue(2);
    }

    @Test
    void aTerminatedSessionIsLostAndThePoolReplacesIt(@TempDir Path dataDir) throws Exception {
        LocalPostgres server = LocalPostgres.start(dataDir);
        try (Database database = Database.embedded(server, 1)) {
            int before;
            RuntimeException failure;
            try (Handle h = database.jdbi().open()) {
                before = h.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();
                terminate(server, before);
                failure = catching(() -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
            }
            assertThat(ConnectionFailure.isLost(failure)).as("%s", failure).isTrue();
            // A pool of one: the next handle works only if the broken connection was evicted.
            int after = database.jdbi().withHandle(h -> h.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one());
            assertThat(after).isNotEqualTo(before);
        }
    }

    private static void terminate(LocalPostgres server, int pid) throws SQLException {
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password())) {
            admin.createStatement().execute("SELECT pg_terminate_backend(" + pid + ", 5000)");
        }
    }

    private static RuntimeException catching(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("the terminated session still answered");
    }
}
