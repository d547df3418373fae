package io.billow.store;

import io.billow.store.DatabaseStartException.Reason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server that Billow runs itself, keeping its data under a data directory
 * ({@code <dataDir>/pg}, with the server log in {@code <dataDir>/postgres.log}).
 *
 * <p>The server is made safe for money rather than for tests: it always runs with
 * {@code fsync} and {@code synchronous_commit} on, listens on 127.0.0.1 only, lets in only
 * Billow's role with its password ({@link ClusterPassword}), and Billow checks
 * after connecting that the server answering is the one serving its own data directory. While it
 * runs, Billow holds {@code <dataDir>/billow.lock}; a postmaster found on the data directory
 * without that lock held was left by a Billow that died, and is stopped before starting afresh.
 *
 * <p>{@link #close()} stops the server; a shutdown hook does the same if the JVM exits first.
 */
public final class LocalPostgres implements AutoCloseable {

    /** The superuser initdb creates; the only role allowed to connect. */
    public static final String SUPERUSER = "billow";
    /** The database Billow's schema lives in. */
    public static final String DATABASE = "billow";

    static final String PG_DIR = "pg";
    static final String LOG_FILE = "postgres.log";
    /** A free port picked automatically can be taken by someone else before postgres binds it. */
    private static final int PORT_ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);

    /**
     * What to start.
     *
     * @param dataDirectory where the data, lock and log live; created if missing
     * @param port the TCP port on 127.0.0.1, or 0 to pick a free one
     * @param binariesCache where the PostgreSQL binaries are unpacked once
     */
    public record Settings(Path dataDirectory, int port, Path binariesCache) {
        public Settings {
            Objects.requireNonNull(dataDirectory, "dataDirectory");
            Objects.requireNonNull(binariesCache, "binariesCache");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 (pick a free one) or 1..65535, got " + port);
            }
        }

        public static Settings of(Path dataDirectory) {
            return new Settings(dataDirectory, 0, PostgresBinaries.defaultCacheRoot());
        }

        public Settings withPort(int port) {
            return new Settings(dataDirectory, port, binariesCache);
        }

        public Settings withBinariesCache(Path binariesCache) {
            return new Settings(dataDirectory, port, binariesCache);
        }
    }

    private final Path dataDirectory;
    private final Path pgDir;
    private final int port;
    private final PostgresPrograms programs;
    private final DataDirectoryLock lock;
    private final String password;
    private final Thread shutdownHook;
    private boolean closed;

    private LocalPostgres(Path dataDirectory, Path pgDir, int port, PostgresPrograms programs, DataDirectoryLock lock,
                          String password) {
        this.dataDirectory = dataDirectory;
        this.password = password;
        this.pgDir = pgDir;
        this.port = port;
        this.programs = programs;
        this.lock = lock;
        this.shutdownHook = new Thread(this::close, "billow-postgres-stop");
    }

    /** Starts a server on {@code dataDirectory}, on a free port. */
    public static LocalPostgres start(Path dataDirectory) {
        return start(Settings.of(dataDirectory));
    }

    /**
     * Starts the server, creating the data directory on first use and keeping everything in it
     * otherwise.
     *
     * @throws DatabaseStartException with a {@link Reason} and a message that says what to do
     */
    public static LocalPostgres start(Settings settings) {
        DataDirectoryLock lock = DataDirectoryLock.acquire(settings.dataDirectory().toAbsolutePath());
        try {
            Path dataDirectory = settings.dataDirectory().toRealPath();
            Path pgDir = dataDirectory.resolve(PG_DIR);
            ClusterDirectory.check(pgDir);
            RunAs runAs = RunAs.detect();
            PostgresBinaries binaries = PostgresBinaries.install(settings.binariesCache());
            PostgresPrograms programs = new PostgresPrograms(binaries, runAs, dataDirectory.resolve(LOG_FILE));
            stopStalePostmaster(pgDir, programs);
            boolean trusting = ClusterPassword.trustsConnections(pgDir);
            String password = ClusterPassword.loadOrCreate(dataDirectory, pgDir);
            if (!Files.exists(pgDir)) {
                ClusterDirectory.create(dataDirectory, pgDir, programs);
            }
            int port = launch(pgDir, settings.port(), programs);
            try {
                if (trusting) {
                    ServerCheck.run(port, pgDir, Optional.empty());
                    ClusterPassword.migrate(port, pgDir, password);
                }
                ServerCheck.run(port, pgDir, Optional.of(password));
            } catch (RuntimeException e) {
                programs.stopServer(pgDir);
                throw e;
            }
            LocalPostgres server = new LocalPostgres(dataDirectory, pgDir, port, programs, lock, password);
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            log.info("PostgreSQL {} serving {} on 127.0.0.1:{}{}", PostgresBinaries.VERSION, pgDir, port,
                    runAs.usesUserNamespace() ? " (as uid " + RunAs.NAMESPACE_ID + " in a user namespace)" : "");
            return server;
        } catch (IOException e) {
            lock.close();
            throw new DatabaseStartException(Reason.START_FAILED,
                    "cannot use data directory " + settings.dataDirectory() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The JDBC URL of Billow's database; connect as {@link #user()} with {@link #password()}. */
    public String jdbcUrl() {
        return jdbcUrl(port, DATABASE);
    }

    public String user() {
        return SUPERUSER;
    }

    /** The role's password, as kept in {@code <dataDir>/postgres.password}. */
    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** The data directory given at start (holding {@code pg/}, the lock and the log). */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The server's log file. */
    public Path logFile() {
        return programs.logFile();
    }

    /** Stops the server (fast shutdown: open transactions roll back) and releases the lock. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            programs.stopServer(pgDir);
        } finally {
            lock.close();
            removeShutdownHook();
        }
    }

    /**
     * For tests: behave like a Billow killed with {@code kill -9}, which leaves the server running
     * and the lock released (the operating system drops it with the process).
     */
    synchronized void abandonWithoutStopping() {
        closed = true;
        lock.close();
        removeShutdownHook();
    }

    private void removeShutdownHook() {
        if (Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook will find us closed.
        }
    }

    static String jdbcUrl(int port, String database) {
        // 127.0.0.1, not localhost: localhost may resolve to ::1, where a stranger could listen.
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * We hold the lock, so no live Billow uses this directory: a live postmaster on it was left by
     * one that died. A dead pid in postmaster.pid is left to postgres, which cleans it up itself,
     * once the dead process has been reaped.
     */
    private static void stopStalePostmaster(Path pgDir, PostgresPrograms programs) {
        PostmasterPid.read(pgDir).flatMap(pid -> pid.liveProcess(pgDir)).ifPresent(process -> {
            log.warn("stopping PostgreSQL (pid {}) left running on {} by a Billow that exited without stopping it",
                    process.pid(), pgDir);
            programs.stopServer(pgDir);
        });
        // Read again: a clean stop removes the file, a kill -9 leaves it behind.
        PostmasterPid.read(pgDir).flatMap(PostmasterPid::unreaped).ifPresent(zombie -> {
            if (!PostgresPrograms.reaped(zombie)) {
                throw new DatabaseStartException(Reason.START_FAILED,
                        "PostgreSQL process " + zombie.pid() + " that served " + pgDir + " has exited, but its parent"
                                + zombie.parent().map(parent -> " (pid " + parent.pid() + ")").orElse("")
                                + " has not reaped it in " + PostgresPrograms.EXIT_WAIT_SECONDS + " s, and PostgreSQL"
                                + " will not start while that pid exists. In a container, run Billow under an init"
                                + " that reaps orphans (docker run --init, or tini)");
            }
        });
    }

    /** Starts the server on the given port, or on a free one; returns the port. */
    private static int launch(Path pgDir, int requestedPort, PostgresPrograms programs) {
        if (requestedPort != 0) {
            // Checked first so a stranger on the port is named as such, not as a failed start.
            if (!isFree(requestedPort)) {
                throw portInUse(requestedPort);
            }
            long logBefore = programs.logLength();
            if (programs.start(pgDir, requestedPort) != 0 && portWasTaken(programs, logBefore)) {
                throw portInUse(requestedPort);
            }
            requireRunning(pgDir, programs);
            return requestedPort;
        }
        for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
            int port = freePort();
            long logBefore = programs.logLength();
            if (programs.start(pgDir, port) == 0) {
                return port;
            }
            if (!portWasTaken(programs, logBefore)) {
                break;
            }
        }
        throw notRunning(pgDir, programs);
    }

    private static DatabaseStartException portInUse(int port) {
        return new DatabaseStartException(Reason.PORT_IN_USE,
                "port " + port + " on 127.0.0.1 is already in use by another process; stop it, or give Billow"
                        + " another port (or none, to pick a free one)");
    }

    /** Only this attempt's part of the log counts: an old failure may still be in it. */
    private static boolean portWasTaken(PostgresPrograms programs, long logBefore) {
        return programs.logSince(logBefore).contains("Address already in use");
    }

    private static void requireRunning(Path pgDir, PostgresPrograms programs) {
        if (PostmasterPid.read(pgDir).flatMap(pid -> pid.liveProcess(pgDir)).isEmpty()) {
            throw notRunning(pgDir, programs);
        }
    }

    private static DatabaseStartException notRunning(Path pgDir, PostgresPrograms programs) {
        return new DatabaseStartException(Reason.START_FAILED,
                "PostgreSQL did not start on " + pgDir + "; see " + programs.logFile() + ":\n" + programs.logTail());
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new DatabaseStartException(Reason.START_FAILED, "cannot find a free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

}
