package io.billow.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server run from the distribution's packages ({@code /usr/lib/postgresql/N/bin},
 * as Debian installs them), for tests that need what the embedded server does not offer: a
 * primary with a streaming standby, stopped and promoted by hand. Runs as an ordinary user
 * inside a user namespace when the tests run as root, as {@link LocalPostgres} does. Trust
 * authentication on 127.0.0.1 only: a throw-away cluster for one test.
 */
public final class DebianPostgres implements AutoCloseable {

    /** The role every test cluster is made with (trust authentication: no password). */
    public static final String USER = "billow";
    private static final Path PACKAGES = Path.of("/usr/lib/postgresql");
    private static final long PROGRAM_SECONDS = 120;

    private final Path bin;
    private final Path pgDir;
    private final int port;
    private boolean running;

    private DebianPostgres(Path bin, Path pgDir, int port) {
        this.bin = bin;
        this.pgDir = pgDir;
        this.port = port;
    }

    /** The newest installed version's {@code bin} holding every program a primary and standby need. */
    public static Optional<Path> binaries() {
        if (!Files.isDirectory(PACKAGES)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(PACKAGES)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(b -> Stream.of("initdb", "pg_ctl", "pg_basebackup", "postgres").allMatch(p -> Files.isExecutable(b.resolve(p))))
                    .max(Comparator.comparing(b -> versionOf(b.getParent())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A new primary in {@code pgDir}, started. */
    public static DebianPostgres primary(Path bin, Path pgDir) {
        DebianPostgres server = new DebianPostgres(bin, pgDir, freePort());
        server.run("initdb", "--pgdata=" + pgDir, "--username=" + USER, "--auth=trust", "--encoding=UTF8", "--locale=C");
        server.start();
        return server;
    }

    /**
     * A streaming standby of this server in {@code pgDir}, started from a base backup with
     * {@code -R} (its recovery settings); from then on this primary's commits wait for it
     * ({@code synchronous_standby_names}), so that a commit Billow was told of survives the
     * primary's loss. Set after the copy, so the standby, once promoted, commits alone.
     */
    public DebianPostgres standby(Path pgDir) throws SQLException, InterruptedException {
        DebianPostgres standby = new DebianPostgres(bin, pgDir, freePort());
        run("pg_basebackup", "--host=127.0.0.1", "--port=" + port, "--username=" + USER, "--pgdata=" + pgDir,
                "--write-recovery-conf", "--wal-method=stream", "--checkpoint=fast");
        standby.start();
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"))) {
            c.createStatement().execute("ALTER SYSTEM SET synchronous_standby_names = '*'");
            c.createStatement().execute("SELECT pg_reload_conf()");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROGRAM_SECONDS);
            while (!isSynchronous(c)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the standby on port " + standby.port + " did not become synchronous");
                }
                Thread.sleep(20);
            }
        }
        return standby;
    }

    private static boolean isSynchronous(Connection c) throws SQLException {
        try (ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync'")) {
            return r.next() && r.getInt(1) == 1;
        }
    }

    public int port() {
        return port;
    }

    /** A JDBC URL of {@code database} on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    public void createDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"))) {
            c.createStatement().execute("CREATE DATABASE " + name);
        }
    }

    /** What a crash of the server's machine looks like to its clients: every session cut at once, nothing flushed. */
    public void stopImmediately() {
        run("pg_ctl", "stop", "--pgdata=" + pgDir, "--mode=immediate", "--wait");
        running = false;
    }

    /** Makes a standby the primary, and waits until it accepts writes. */
    public void promote() {
        run("pg_ctl", "promote", "--pgdata=" + pgDir, "--wait");
    }

    @Override
    public void close() {
        if (running) {
            running = false;
            run("pg_ctl", "stop", "--pgdata=" + pgDir, "--mode=fast", "--wait");
        }
    }

    /**
     * fsync off: a test stops servers, never the machine, and what a stopped server wrote stays
     * in the operating system's cache, so flushing buys nothing here but time.
     */
    private void start() {
        run("pg_ctl", "start", "--pgdata=" + pgDir, "--log=" + pgDir.resolveSibling(pgDir.getFileName() + ".log"), "--wait",
                "--options=-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off");
        running = true;
    }

    /** Runs one of the programs (as an ordinary user when we are root); throws with its output if it fails. */
    private void run(String program, String... arguments) {
        List<String> command = new ArrayList<>(List.of(bin.resolve(program).toString()));
        command.addAll(List.of(arguments));
        try {
            ProcessBuilder builder = new ProcessBuilder(RunAs.detect().wrap(command)).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(PROGRAM_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + program, e);
        }
    }

    private static int versionOf(Path versionDir) {
        try {
            return Integer.parseInt(versionDir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1", e);
        }
    }
}
