package io.billow.simulation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code billow serve} in a child JVM on one data directory and port, with the simulated clock:
 * started as a user would, killed with SIGKILL as a crash would, restarted on the same directory.
 * What it prints is kept, for the caller to read.
 */
public final class ServeProcess implements AutoCloseable {

    private static final String LISTENING = "Billow listening on ";

    private final Path data;
    private final int port;
    private final String adminKey;
    private final String clockStart;
    private final List<String> extra;
    private final StringBuilder output = new StringBuilder();
    private Process process;
    private String url;
    private String startup;

    private ServeProcess(Path data, int port, String adminKey, String clockStart, List<String> extra) {
        this.data = data;
        this.port = port;
        this.adminKey = adminKey;
        this.clockStart = clockStart;
        this.extra = extra;
    }

    /** Starts a server on {@code data} and a free port. */
    public static ServeProcess start(Path data, String adminKey, String clockStart) {
        return start(data, freePort(), adminKey, clockStart);
    }

    /** Starts a server on {@code data} and {@code port}, with {@code extra} options; no {@code --admin-key} when {@code adminKey} is null. */
    public static ServeProcess start(Path data, int port, String adminKey, String clockStart, String... extra) {
        ServeProcess serve = new ServeProcess(data, port, adminKey, clockStart, List.of(extra));
        serve.launch();
        return serve;
    }

    /** What the server printed since it was last listening. */
    public String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    /** What the server printed before it was last listening. */
    public String startup() {
        return startup;
    }

    public String url() {
        return url;
    }

    public String adminKey() {
        return adminKey;
    }

    /** SIGKILL, no shutdown hook; the embedded PostgreSQL stays behind as it would after a crash. */
    public void kill() {
        process.destroyForcibly();
        waitFor(30);
    }

    /** Starts again on the same data directory and port, after a kill. */
    public void restart() {
        launch();
    }

    private void launch() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.billow.cli.BillowCommand", "serve", "--data", data.toString(), "--port", String.valueOf(port),
                "--simulated-clock", "--clock-start", clockStart));
        if (adminKey != null) {
            command.addAll(List.of("--admin-key", adminKey));
        }
        command.addAll(extra);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("BILLOW_ADMIN_KEY");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start billow serve", e);
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(LISTENING)) {
                    url = line.substring(LISTENING.length()).trim();
                    startup = seen.toString();
                    synchronized (output) {
                        output.setLength(0);
                    }
                    drain(out);
                    return;
                }
                seen.append(line).append('\n');
            }
        } catch (IOException e) {
            seen.append(e).append('\n');
        }
        process.destroyForcibly();
        throw new IllegalStateException("billow serve did not start:\n" + seen);
    }

    /** Reads what the server prints from now on, so that a full pipe never blocks it, and keeps it. */
    private void drain(BufferedReader out) {
        Thread drain = new Thread(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException gone) {
                // the process was killed
            }
        }, "billow-serve-output");
        drain.setDaemon(true);
        drain.start();
    }

    private void waitFor(int seconds) {
        try {
            process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, as a service manager stops it: the exit code, or -1 if it still runs after a minute. */
    public int terminate() {
        process.destroy();
        waitFor(60);
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** A port nothing listens on now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM: the server closes its database as a service manager would have it. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        waitFor(60);
        if (process.isAlive()) {
            process.destroyForcibly();
            waitFor(30);
        }
    }
}
