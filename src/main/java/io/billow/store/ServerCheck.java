package io.billow.store;

import io.billow.store.DatabaseStartException.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What Billow checks on a freshly started embedded server before anything else uses it: that the
 * server answering is the one serving Billow's data directory, and that it runs durably.
 */
final class ServerCheck {

    /** SQLSTATE invalid_password: the server asked for a password and did not accept ours. */
    private static final String AUTHENTICATION_FAILED = "28P01";

    private ServerCheck() {
    }

    /**
     * Checks, before anything else uses it, that the server on {@code port} is ours and durable,
     * then creates Billow's database if it is new. A stranger's connection is closed unused.
     */
    static void run(int port, Path pgDir, Optional<String> password) {
        try (Connection connection = connect(port, pgDir, password); Statement statement = connection.createStatement()) {
            checkServesOurDirectory(statement, port, pgDir);
            checkDurable(statement, pgDir);
            createBillowDatabase(statement);
        } catch (SQLException e) {
            throw new DatabaseStartException(Reason.START_FAILED,
                    "setting up PostgreSQL on 127.0.0.1:" + port + " failed: " + e.getMessage(), e);
        }
    }

    /** With the password, or without it for a server an earlier Billow left trusting loopback connections. */
    private static Connection connect(int port, Path pgDir, Optional<String> password) {
        Properties properties = new Properties();
        properties.setProperty("user", LocalPostgres.SUPERUSER);
        password.ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("connectTimeout", "10");
        try {
            return new org.postgresql.Driver().connect(LocalPostgres.jdbcUrl(port, "postgres"), properties);
        } catch (SQLException e) {
            if (AUTHENTICATION_FAILED.equals(e.getSQLState())) {
                throw strangerOnPort(port, pgDir, "it refused the password in " + ClusterPassword.FILE
                        + "; if it is Billow's own server, that file was changed since the server was created");
            }
            throw new DatabaseStartException(Reason.START_FAILED,
                    "cannot connect to PostgreSQL on 127.0.0.1:" + port + " as " + LocalPostgres.SUPERUSER + ": " + e.getMessage(), e);
        }
    }

    private static void checkServesOurDirectory(Statement statement, int port, Path pgDir) {
        String served;
        try {
            served = show(statement, "data_directory");
        } catch (SQLException e) {
            // Our own server always lets its superuser read this: failing means someone else answered.
            throw strangerOnPort(port, pgDir, "it would not say which data directory it serves: " + e.getMessage());
        }
        boolean ours;
        try {
            ours = Path.of(served).toRealPath().equals(pgDir.toRealPath());
        } catch (IOException e) {
            ours = false;
        }
        if (!ours) {
            throw strangerOnPort(port, pgDir, "it serves " + served);
        }
    }

    private static void checkDurable(Statement statement, Path pgDir) throws SQLException {
        for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
            String value = show(statement, setting);
            if (!value.equals("on")) {
                throw new DatabaseStartException(Reason.NOT_DURABLE,
                        "PostgreSQL on " + pgDir + " runs with " + setting + "=" + value
                                + ", which can lose committed bills; Billow requires it on");
            }
        }
    }

    private static void createBillowDatabase(Statement statement) throws SQLException {
        try (ResultSet exists = statement.executeQuery(
                "SELECT 1 FROM pg_database WHERE datname = '" + LocalPostgres.DATABASE + "'")) {
            if (exists.next()) {
                return;
            }
        }
        statement.execute("CREATE DATABASE " + LocalPostgres.DATABASE);
    }

    private static DatabaseStartException strangerOnPort(int port, Path pgDir, String finding) {
        return new DatabaseStartException(Reason.STRANGER_ON_PORT,
                "the PostgreSQL answering on 127.0.0.1:" + port + " is not the one serving Billow's data directory "
                        + pgDir + " (" + finding + "); Billow did not use it. Stop whatever else listens on that port,"
                        + " or give Billow another port");
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet result = statement.executeQuery("SHOW " + setting)) {
            result.next();
            return result.getString(1);
        }
    }
}
