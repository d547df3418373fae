package io.billow.store;

import io.billow.store.DatabaseStartException.Reason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server that Billow runs itself, keeping its data under a data directory
 * ({@code <dataDir>/pg}, with the server log in {@code <dataDir>/postgres.log}).
 *
 * <p>The server is made safe for money rather than for tests: it always runs with
 * {@code fsync} and {@code synchronous_commit} on, listens on 127.0.0.1 only, and Billow checks
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
    /** initdb writes here first, so a crash mid-initdb never leaves a half-made {@code pg}. */
    private static final String INITDB_PREFIX = "pg.initdb-";
    /** A free port picked automatically can be taken by someone else before postgres binds it. */
    private static final int PORT_ATTEMPTS = 3;
    private static final long EXIT_WAIT_SECONDS = 10;
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
    private final Thread shutdownHook;
    private boolean closed;

    private LocalPostgres(Path dataDirectory, Path pgDir, int port, PostgresPrograms programs, DataDirectoryLock lock) {
        this.dataDirectory = dataDirectory;
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
            checkExistingCluster(pgDir);
            RunAs runAs = RunAs.detect();
            PostgresBinaries binaries = PostgresBinaries.install(settings.binariesCache());
            PostgresPrograms programs = new PostgresPrograms(binaries, runAs, dataDirectory.resolve(LOG_FILE));
            stopStalePostmaster(pgDir, programs);
            if (!Files.exists(pgDir)) {
                initialize(dataDirectory, pgDir, programs);
            }
            int port = launch(pgDir, settings.port(), programs);
            try {
                checkServer(port, pgDir);
            } catch (RuntimeException e) {
                stopServer(pgDir, programs);
                throw e;
            }
            LocalPostgres server = new LocalPostgres(dataDirectory, pgDir, port, programs, lock);
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

    /** The JDBC URL of Billow's database; connect as {@link #user()} with no password. */
    public String jdbcUrl() {
        return jdbcUrl(port, DATABASE);
    }

    public String user() {
        return SUPERUSER;
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
            stopServer(pgDir, programs);
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

    /** Refuses a data directory made by another major version, or something that is not one. */
    private static void checkExistingCluster(Path pgDir) throws IOException {
        if (!Files.exists(pgDir)) {
            return;
        }
        Path versionFile = pgDir.resolve("PG_VERSION");
        if (!Files.isRegularFile(versionFile)) {
            throw new DatabaseStartException(Reason.NOT_A_DATA_DIRECTORY,
                    pgDir + " exists but is not a PostgreSQL data directory (it has no PG_VERSION);"
                            + " move it away, or give Billow another data directory");
        }
        String version = Files.readString(versionFile, StandardCharsets.UTF_8).strip();
        if (!version.equals(PostgresBinaries.MAJOR_VERSION)) {
            throw new DatabaseStartException(Reason.VERSION_MISMATCH,
                    "data directory " + pgDir + " was created by PostgreSQL " + version
                            + ", but Billow's embedded server is PostgreSQL " + PostgresBinaries.MAJOR_VERSION
                            + "; upgrade the directory with pg_upgrade, or run Billow with --db-url pointing at a"
                            + " PostgreSQL " + version + " server");
        }
    }

    /**
     * We hold the lock, so no live Billow uses this directory: a live postmaster on it was left by
     * one that died. A dead pid in postmaster.pid is left to postgres, which cleans it up itself.
     */
    private static void stopStalePostmaster(Path pgDir, PostgresPrograms programs) {
        PostmasterPid.read(pgDir).flatMap(pid -> pid.liveProcess(pgDir)).ifPresent(process -> {
            log.warn("stopping PostgreSQL (pid {}) left running on {} by a Billow that exited without stopping it",
                    process.pid(), pgDir);
            stopServer(pgDir, programs);
        });
    }

    /**
     * pg_ctl stop, then waits for the postmaster to exit: pg_ctl returns when postmaster.pid is
     * gone, a moment before the process is. If the postmaster outlives both, kills it and its
     * children, so that no old process still holds the shared memory a new server needs.
     */
    private static void stopServer(Path pgDir, PostgresPrograms programs) {
        Optional<ProcessHandle> postmaster = PostmasterPid.read(pgDir).flatMap(pid -> pid.liveProcess(pgDir));
        List<ProcessHandle> children = postmaster.map(process -> process.descendants().toList()).orElse(List.of());
        boolean stopped = programs.stop(pgDir);
        if (postmaster.isEmpty() || stopped && exited(postmaster.get())) {
            return;
        }
        ProcessHandle process = postmaster.get();
        log.warn("PostgreSQL (pid {}) on {} did not stop; killing it. See {}", process.pid(), pgDir, programs.logFile());
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        if (!exited(process)) {
            throw new DatabaseStartException(Reason.START_FAILED,
                    "PostgreSQL process " + process.pid() + " on " + pgDir + " did not exit within "
                            + EXIT_WAIT_SECONDS + " s of SIGKILL; stop it by hand");
        }
        children.forEach(LocalPostgres::exited);
    }

    /**
     * Waits for {@code process} to exit; true if it did within {@link #EXIT_WAIT_SECONDS}. Polls:
     * {@code onExit()} of a process that is not our child polls too, but backs off to a second,
     * and it waits for the zombie to be reaped.
     */
    private static boolean exited(ProcessHandle process) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EXIT_WAIT_SECONDS);
        while (PostmasterPid.isRunning(process)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static void initialize(Path dataDirectory, Path pgDir, PostgresPrograms programs) throws IOException {
        deleteLeftoverInitdbDirectories(dataDirectory);
        Path fresh = dataDirectory.resolve(INITDB_PREFIX + ProcessHandle.current().pid());
        programs.initdb(fresh, SUPERUSER);
        // Replaces initdb's rules: one role, over loopback TCP, nothing else.
        Files.writeString(fresh.resolve("pg_hba.conf"), """
                # Written by Billow. The server listens on 127.0.0.1 only; Billow's superuser is the only role.
                host  all  %s  127.0.0.1/32  trust
                """.formatted(SUPERUSER));
        try {
            Files.move(fresh, pgDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + fresh + " to " + pgDir + " atomically", e);
        }
        log.info("created a PostgreSQL {} data directory at {}", PostgresBinaries.MAJOR_VERSION, pgDir);
    }

    private static void deleteLeftoverInitdbDirectories(Path dataDirectory) throws IOException {
        List<Path> leftovers;
        try (Stream<Path> entries = Files.list(dataDirectory)) {
            leftovers = entries.filter(path -> path.getFileName().toString().startsWith(INITDB_PREFIX)).toList();
        }
        for (Path leftover : leftovers) {
            try (Stream<Path> paths = Files.walk(leftover)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** Starts the server on the given port, or on a free one; returns the port. */
    private static int launch(Path pgDir, int requestedPort, PostgresPrograms programs) {
        if (requestedPort != 0) {
            // Checked first so a stranger on the port is named as such, not as a failed start.
            if (!isFree(requestedPort)) {
                throw portInUse(requestedPort);
            }
            if (programs.start(pgDir, requestedPort) != 0 && portWasTaken(programs)) {
                throw portInUse(requestedPort);
            }
            requireRunning(pgDir, programs);
            return requestedPort;
        }
        for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
            int port = freePort();
            if (programs.start(pgDir, port) == 0) {
                return port;
            }
            if (!portWasTaken(programs)) {
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

    private static boolean portWasTaken(PostgresPrograms programs) {
        return programs.logTail().contains("Address already in use");
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

    /**
     * Checks, before anything else uses it, that the server on {@code port} is ours and durable,
     * then creates Billow's database if it is new. A stranger's connection is closed unused.
     */
    static void checkServer(int port, Path pgDir) {
        try (Connection connection = connect(port); Statement statement = connection.createStatement()) {
            checkServesOurDirectory(statement, port, pgDir);
            checkDurable(statement, pgDir);
            createBillowDatabase(statement);
        } catch (SQLException e) {
            throw new DatabaseStartException(Reason.START_FAILED,
                    "setting up PostgreSQL on 127.0.0.1:" + port + " failed: " + e.getMessage(), e);
        }
    }

    private static Connection connect(int port) {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("connectTimeout", "10");
        try {
            return new org.postgresql.Driver().connect(jdbcUrl(port, "postgres"), properties);
        } catch (SQLException e) {
            throw new DatabaseStartException(Reason.START_FAILED,
                    "cannot connect to PostgreSQL on 127.0.0.1:" + port + " as " + SUPERUSER + ": " + e.getMessage(), e);
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
                "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            if (exists.next()) {
                return;
            }
        }
        statement.execute("CREATE DATABASE " + DATABASE);
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
