package io.billow.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.billow.store.DatabaseStartException.Reason;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Billow's database, ready to use: a small connection pool and a {@link Jdbi} on either the
 * embedded server ({@link LocalPostgres}) or an external PostgreSQL ({@code --db-url}), with the
 * schema migrated to the latest version from {@code classpath:db/migration}.
 *
 * <p>{@link #close()} closes the pool, then stops the embedded server if there is one.
 */
public final class Database implements AutoCloseable {

    /** Enough for the API and the scheduler; the measured throughput peaks around eight. */
    public static final int DEFAULT_POOL_SIZE = 8;
    /** PostgreSQL's default max_connections is 100; several Billow nodes share it. */
    public static final int MAX_POOL_SIZE = 64;

    private static final String MIGRATIONS = "classpath:db/migration";
    private static final long CONNECTION_TIMEOUT_MILLIS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final Optional<LocalPostgres> embedded;
    private final String description;
    private boolean closed;

    private Database(HikariDataSource pool, Optional<LocalPostgres> embedded, String description) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
        this.embedded = embedded;
        this.description = description;
    }

    /** Starts the embedded server on {@code dataDirectory} and opens a default-sized pool on it. */
    public static Database startEmbedded(Path dataDirectory) {
        return embedded(LocalPostgres.start(dataDirectory), DEFAULT_POOL_SIZE);
    }

    /**
     * Opens {@code server}'s database, which from now on belongs to the returned Database: it is
     * stopped on {@link #close()}, or right away if opening fails.
     */
    public static Database embedded(LocalPostgres server, int poolSize) {
        try {
            Target target = new Target(server.jdbcUrl(), Optional.of(server.user()), Optional.of(server.password()),
                    "embedded PostgreSQL in " + server.dataDirectory());
            return migrated(new Database(openPool(target, poolSize), Optional.of(server), target.description()), target);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Opens an external PostgreSQL, the production setup. */
    public static Database external(DatabaseUrl url, int poolSize) {
        Target target = new Target(url.jdbcUrl(), url.user(), url.password(), url.toString());
        Database database = new Database(openPool(target, poolSize), Optional.empty(), target.description());
        try {
            database.warnIfNotDurable();
        } catch (RuntimeException e) {
            database.close();
            throw new DatabaseStartException(Reason.START_FAILED,
                    "cannot read the settings of " + url + ": " + rootMessage(e), e);
        }
        return migrated(database, target);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The pool itself, for what JDBI does not cover (PgJDBC's CopyManager for bulk writes). */
    public DataSource dataSource() {
        return pool;
    }

    /** What this database is, without secrets: for logs and the status page. */
    @Override
    public String toString() {
        return description;
    }

    /** Closes the pool, then stops the embedded server. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            pool.close();
        } finally {
            embedded.ifPresent(LocalPostgres::close);
        }
    }

    /** How to connect, and how to name the server in messages (never with its password). */
    private record Target(String jdbcUrl, Optional<String> user, Optional<String> password, String description) {
    }

    private static HikariDataSource openPool(Target target, int poolSize) {
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("pool size must be 1.." + MAX_POOL_SIZE + ", got " + poolSize);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("billow-db");
        config.setJdbcUrl(target.jdbcUrl());
        target.user().ifPresent(config::setUsername);
        target.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        try {
            // Hikari connects once here, so a wrong URL fails now and not on the first request.
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new DatabaseStartException(Reason.START_FAILED,
                    "cannot connect to " + target.description() + ": " + rootMessage(e)
                            + "; check --db-url (host, port, database, user, password) and that the server is up", e);
        }
    }

    /**
     * Flyway gets its own connections rather than the pool's: it holds one for its lock while it
     * migrates on another, which would deadlock a pool of one.
     */
    private static Database migrated(Database database, Target target) {
        try {
            Flyway.configure()
                    .dataSource(target.jdbcUrl(), target.user().orElse(null), target.password().orElse(null))
                    .locations(MIGRATIONS)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            return database;
        } catch (FlywayException e) {
            database.close();
            throw new DatabaseStartException(Reason.START_FAILED,
                    "migrating the schema of " + database + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Billow cannot make an external server durable, only say so. A warning, not a refusal: some
     * managed services report these settings differently while being durable by other means.
     */
    private void warnIfNotDurable() {
        for (String setting : List.of("fsync", "synchronous_commit")) {
            String value = jdbi.withHandle(handle -> handle.createQuery("SHOW " + setting).mapTo(String.class).one());
            if (!value.equals("on")) {
                log.warn("{} runs with {}={}: a crash can lose committed bills", description, setting, value);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return Optional.ofNullable(root.getMessage()).orElse(root.getClass().getSimpleName());
    }
}
