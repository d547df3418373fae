package io.billow.api.rpc;

import io.billow.server.TestServer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A PostgreSQL for the JDBI store tests: the embedded one of the shared {@link TestServer}, or
 * an external one named by {@code -Dbillow.test.db.url=jdbc:postgresql://...} or the
 * {@code BILLOW_TEST_DB_URL} variable. Each call makes a fresh schema holding copies of the two
 * tables as the migrations define them (indexes and constraints included), so tests see
 * neither each other's rows nor the server's.
 */
final class TestDatabase {

    private TestDatabase() {
    }

    static Jdbi freshSchema() {
        String url = System.getProperty("billow.test.db.url", System.getenv("BILLOW_TEST_DB_URL"));
        String schema = "rpc_test_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
        ConnectionSource source = url == null || url.isBlank()
                ? TestServer.get().dataSource()::getConnection
                : () -> DriverManager.getConnection(url);
        Jdbi jdbi = Jdbi.create(() -> withSchema(source.open(), schema));
        jdbi.useHandle(handle -> {
            handle.execute("CREATE SCHEMA " + schema);
            if (url == null || url.isBlank()) {
                handle.execute("CREATE TABLE " + schema + ".idempotency_records (LIKE public.idempotency_records INCLUDING ALL)");
                handle.execute("CREATE TABLE " + schema + ".signature_nonces (LIKE public.signature_nonces INCLUDING ALL)");
            } else {
                handle.execute("CREATE TABLE " + schema + ".idempotency_records (account_id text NOT NULL,"
                        + " client_token text NOT NULL, request_hash text NOT NULL, response jsonb NOT NULL,"
                        + " created_at timestamptz NOT NULL, PRIMARY KEY (account_id, client_token))");
                handle.execute("CREATE TABLE " + schema + ".signature_nonces (access_key_id text, nonce text,"
                        + " expires_at timestamptz, PRIMARY KEY (access_key_id, nonce))");
            }
        });
        return jdbi;
    }

    /**
     * The connection with its search path on {@code schema} until it is closed. Closing puts the
     * path back first: the server's pool does not, and its next user must see the real tables.
     */
    private static Connection withSchema(Connection connection, String schema) throws SQLException {
        String original = connection.getSchema();
        connection.setSchema(schema);
        return (Connection) Proxy.newProxyInstance(TestDatabase.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && !connection.isClosed()) {
                        connection.setSchema(original);
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @FunctionalInterface
    private interface ConnectionSource {
        Connection open() throws SQLException;
    }
}
