package io.billow.api.rpc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Locale;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A PostgreSQL for the JDBI store tests, named by {@code -Dbillow.test.db.url=jdbc:postgresql://...}
 * or the {@code BILLOW_TEST_DB_URL} variable; tests that need it are skipped without one. Each
 * call makes a fresh schema holding copies of the two tables as the real schema defines them,
 * so tests neither need Flyway nor see each other's rows.
 */
final class TestDatabase {

    private TestDatabase() {
    }

    static Jdbi freshSchema() {
        String url = System.getProperty("billow.test.db.url", System.getenv("BILLOW_TEST_DB_URL"));
        assumeTrue(url != null && !url.isBlank(), "no test database given (billow.test.db.url)");
        String schema = "rpc_test_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
        Jdbi jdbi = Jdbi.create(() -> {
            Connection connection = DriverManager.getConnection(url);
            connection.setSchema(schema);
            return connection;
        });
        jdbi.useHandle(handle -> {
            handle.execute("CREATE SCHEMA " + schema);
            handle.execute("CREATE TABLE " + schema + ".idempotency_records (account_id text NOT NULL,"
                    + " client_token text NOT NULL, request_hash text NOT NULL, response jsonb NOT NULL,"
                    + " created_at timestamptz NOT NULL, PRIMARY KEY (account_id, client_token))");
            handle.execute("CREATE TABLE " + schema + ".signature_nonces (access_key_id text, nonce text,"
                    + " expires_at timestamptz, PRIMARY KEY (access_key_id, nonce))");
        });
        return jdbi;
    }
}
