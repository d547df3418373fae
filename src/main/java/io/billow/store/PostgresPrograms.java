package io.billow.store;

import io.billow.store.DatabaseStartException.Reason;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs initdb and pg_ctl from the bundled binaries. Everything they print, and the server's own
 * log, is appended to one log file in the data directory, never to Billow's stdout.
 */
final class PostgresPrograms {

    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration INITDB_TIMEOUT = Duration.ofSeconds(120);
    /** How much of the log an error message quotes. */
    private static final int LOG_TAIL_BYTES = 2000;
    static final long EXIT_WAIT_SECONDS = 10;
    private static final Logger log = LoggerFactory.getLogger(PostgresPrograms.class);

    private final PostgresBinaries binaries;
    private final RunAs runAs;
    private final Path logFile;

    PostgresPrograms(PostgresBinaries binaries, RunAs runAs, Path logFile) {
        this.binaries = binaries;
        this.runAs = runAs;
        this.logFile = logFile;
    }

    Path logFile() {
        return logFile;
    }

    /**
     * Creates a cluster owned by {@code superuser}, who signs in with the password in
     * {@code passwordFile}, with checksums so disk corruption is caught.
     */
    void initdb(Path pgDir, String superuser, Path passwordFile) {
        int status = run(List.of(binaries.program("initdb").toString(),
                "--pgdata=" + pgDir,
                "--username=" + superuser,
                "--pwfile=" + passwordFile,
                "--encoding=UTF8",
                "--locale=C",
                "--auth=scram-sha-256",
                "--data-checksums"), INITDB_TIMEOUT.plusSeconds(5));
        if (status != 0) {
            throw new DatabaseStartException(Reason.START_FAILED,
                    "initdb failed with exit status " + status + " for " + pgDir + "; see " + logFile + ":\n" + logTail());
        }
    }

    /**
     * Starts the server and waits until it accepts connections. The durability settings are on
     * the command line, where they override anything in postgresql.conf or ALTER SYSTEM.
     *
     * @return pg_ctl's exit status (0 when the server is up)
     */
    int start(Path pgDir, int port) {
        String options = String.join(" ",
                "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1",
                // TCP only: no socket file in /tmp or /var/run that could clash or need permissions.
                "-c", "unix_socket_directories=''",
                "-c", "fsync=on",
                "-c", "synchronous_commit=on",
                "-c", "full_page_writes=on",
                // Sizing for hourly settlement writes: larger buffers keep the bill indexes in memory,
                // and more WAL between checkpoints spreads a big settlement's writes (durability unchanged).
                "-c", "shared_buffers=256MB",
                "-c", "max_wal_size=4GB",
                "-c", "checkpoint_timeout=15min");
        return run(List.of(binaries.program("pg_ctl").toString(), "start",
                "--pgdata=" + pgDir,
                "--log=" + logFile,
                "--wait", "--timeout=" + START_TIMEOUT.toSeconds(),
                "--options=" + options), START_TIMEOUT.plusSeconds(5));
    }

    /** pg_ctl stop with a fast shutdown: open transactions roll back, then a checkpoint. */
    private boolean pgCtlStop(Path pgDir) {
        return run(List.of(binaries.program("pg_ctl").toString(), "stop",
                "--pgdata=" + pgDir,
                "--mode=fast",
                "--wait", "--timeout=" + STOP_TIMEOUT.toSeconds()), STOP_TIMEOUT.plusSeconds(5)) == 0;
    }

    /**
     * pg_ctl stop, then waits for the postmaster to exit: pg_ctl returns when postmaster.pid is
     * gone, a moment before the process is. If the postmaster outlives both, kills it and its
     * children, so that no old process still holds the shared memory a new server needs.
     */
    void stopServer(Path pgDir) {
        Optional<ProcessHandle> postmaster = PostmasterPid.read(pgDir).flatMap(pid -> pid.liveProcess(pgDir));
        List<ProcessHandle> children = postmaster.map(process -> process.descendants().toList()).orElse(List.of());
        boolean stopped = pgCtlStop(pgDir);
        if (postmaster.isEmpty() || stopped && exited(postmaster.get())) {
            return;
        }
        ProcessHandle process = postmaster.get();
        log.warn("PostgreSQL (pid {}) on {} did not stop; killing it. See {}", process.pid(), pgDir, logFile);
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        if (!exited(process)) {
            throw new DatabaseStartException(Reason.START_FAILED,
                    "PostgreSQL process " + process.pid() + " on " + pgDir + " did not exit within "
                            + EXIT_WAIT_SECONDS + " s of SIGKILL; stop it by hand");
        }
        children.forEach(PostgresPrograms::exited);
    }

    /** Waits for {@code process} to exit (a zombie counts as exited); true if it did in time. */
    private static boolean exited(ProcessHandle process) {
        return within(EXIT_WAIT_SECONDS, () -> !PostmasterPid.isRunning(process));
    }

    /**
     * Waits for an exited process to be reaped by its parent, which postgres needs: it refuses to
     * start while the pid in postmaster.pid still exists, and a zombie does.
     */
    static boolean reaped(ProcessHandle process) {
        return within(EXIT_WAIT_SECONDS, () -> !process.isAlive());
    }

    /**
     * Polls: {@code onExit()} of a process that is not our child polls too, but backs off to a
     * second at a time, and it cannot tell a zombie from a running process.
     */
    private static boolean within(long seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
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

    /** The end of the log, for error messages. */
    String logTail() {
        try {
            return logSince(Math.max(0, Files.size(logFile) - LOG_TAIL_BYTES));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Where the log ends now; with {@link #logSince(long)}, what one command wrote. */
    long logLength() {
        try {
            return Files.exists(logFile) ? Files.size(logFile) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The log from {@code offset} on, at most {@value #LOG_TAIL_BYTES} bytes of it. */
    String logSince(long offset) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = Math.min(file.length() - offset, LOG_TAIL_BYTES);
            if (length <= 0) {
                return "";
            }
            byte[] bytes = new byte[(int) length];
            file.seek(offset);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private int run(List<String> command, Duration timeout) {
        List<String> wrapped = runAs.wrap(command);
        ProcessBuilder builder = new ProcessBuilder(wrapped)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                // Never the JVM's stdin: under Maven Surefire that is the fork's command channel.
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> environment = builder.environment();
        // PGDATA, PGPORT and friends would silently change what the programs do.
        environment.keySet().removeIf(name -> name.startsWith("PG"));
        environment.put("TZ", "UTC");
        environment.put("LC_ALL", "C");
        try {
            Files.createDirectories(logFile.getParent());
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new DatabaseStartException(Reason.START_FAILED,
                        String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s; see " + logFile);
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new DatabaseStartException(Reason.START_FAILED,
                    "could not run " + String.join(" ", wrapped) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseStartException(Reason.START_FAILED, "interrupted while running " + command.get(0), e);
        }
    }
}
