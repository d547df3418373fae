package io.billow.store;

import io.billow.store.DatabaseStartException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server's one role signs in with a password (scram-sha-256), generated on first
 * use and kept owner-only in {@code <dataDir>/postgres.password}: listening on 127.0.0.1 alone
 * would still let any local user connect as its superuser.
 *
 * <p>A data directory made by an earlier Billow trusts every loopback connection and has no
 * password file. It is migrated on start: the password is generated, set on the role over a
 * trusted connection (once the server is known to be ours), {@code pg_hba.conf} is rewritten
 * to ask for it, and the configuration reloaded. Each step can be repeated, so a crash in the
 * middle is finished by the next start.
 */
final class ClusterPassword {

    static final String FILE = "postgres.password";
    static final String HBA = """
            # Written by Billow. The server listens on 127.0.0.1 only; Billow's role is the only one, and signs in with
            # the password in the data directory's postgres.password.
            host  all  %s  127.0.0.1/32  scram-sha-256
            """.formatted(LocalPostgres.SUPERUSER);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int RELOAD_ATTEMPTS = 100;
    private static final long RELOAD_WAIT_MILLIS = 50;
    private static final Logger log = LoggerFactory.getLogger(ClusterPassword.class);

    private ClusterPassword() {
    }

    /** The password, created if this is a new data directory or one an earlier Billow made. */
    static String loadOrCreate(Path dataDirectory, Path pgDir) throws IOException {
        Path file = dataDirectory.resolve(FILE);
        if (!Files.exists(file) && Files.exists(pgDir) && !trustsConnections(pgDir)) {
            throw new DatabaseStartException(Reason.START_FAILED, file + " is missing, and the PostgreSQL in " + pgDir
                    + " asks for the password it held; restore the file from a backup of the data directory");
        }
        return SecretFiles.readOrCreate(file, () -> {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            // URL-safe, no padding: no character that needs quoting in SQL, a URL or a pgpass line.
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        });
    }

    /** Whether the directory's pg_hba.conf lets a connection in without a password, as earlier Billows wrote it. */
    static boolean trustsConnections(Path pgDir) throws IOException {
        Path hba = pgDir.resolve("pg_hba.conf");
        return Files.exists(hba) && Files.readAllLines(hba, StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .anyMatch(line -> line.matches(".*\\s(trust|password)(\\s.*)?"));
    }

    static void writeHba(Path pgDir) throws IOException {
        Path hba = pgDir.resolve("pg_hba.conf");
        Path tmp = pgDir.resolve("pg_hba.conf.billow-tmp");
        Files.writeString(tmp, HBA, StandardCharsets.UTF_8);
        Files.move(tmp, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The postmaster reloads its configuration on a signal, a moment later: waits until a trusted sign-in fails. */
    private static void awaitPasswordRequired(int port, Properties trusted) throws SQLException {
        for (int attempt = 0; attempt < RELOAD_ATTEMPTS; attempt++) {
            try (Connection stillTrusted = new org.postgresql.Driver().connect(LocalPostgres.jdbcUrl(port, "postgres"), trusted)) {
                Thread.sleep(RELOAD_WAIT_MILLIS);
            } catch (SQLException refused) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new SQLException("the server still lets Billow's role in without a password after reloading pg_hba.conf");
    }

    /**
     * Moves a running server of an earlier Billow from trust to the password. Called only after
     * {@link ServerCheck} has found the server on {@code port} serving {@code pgDir}, so the
     * password is never told to a stranger.
     */
    static void migrate(int port, Path pgDir, String password) {
        Properties trusted = new Properties();
        trusted.setProperty("user", LocalPostgres.SUPERUSER);
        trusted.setProperty("connectTimeout", "10");
        try (Connection connection = new org.postgresql.Driver().connect(LocalPostgres.jdbcUrl(port, "postgres"), trusted);
                Statement statement = connection.createStatement()) {
            statement.execute("SET password_encryption = 'scram-sha-256'");
            statement.execute("ALTER ROLE " + LocalPostgres.SUPERUSER + " PASSWORD '" + password.replace("'", "''") + "'");
            writeHba(pgDir);
            statement.execute("SELECT pg_reload_conf()");
            awaitPasswordRequired(port, trusted);
            log.info("PostgreSQL in {} now asks for a password (kept in {}); it trusted every local connection before", pgDir, FILE);
        } catch (SQLException | IOException e) {
            throw new DatabaseStartException(Reason.START_FAILED,
                    "moving PostgreSQL in " + pgDir + " to password authentication failed: " + e.getMessage(), e);
        }
    }
}
