package io.billow.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code billow serve} in its own JVM, started like a user would and killed like a crash. */
final class BillowProcess implements AutoCloseable {

    private final Process process;
    private final String url;
    private final String startup;
    private final StringBuilder output = new StringBuilder();

    private BillowProcess(Process process, String url, String startup) {
        this.process = process;
        this.url = url;
        this.startup = startup;
    }

    /** Starts {@code billow serve} with a simulated clock; no {@code --admin-key} when {@code adminKey} is null. */
    static BillowProcess serve(Path dataDir, int port, String adminKey, String clockStart, String... extra) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.billow.cli.BillowCommand", "serve", "--data", dataDir.toString(), "--port", String.valueOf(port),
                "--simulated-clock", "--clock-start", clockStart));
        if (adminKey != null) {
            command.addAll(List.of("--admin-key", adminKey));
        }
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("BILLOW_ADMIN_KEY");
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("Billow listening on ")) {
                BillowProcess billow = new BillowProcess(process, line.substring("Billow listening on ".length()).trim(), seen.toString());
                Thread drain = new Thread(() -> {
                    try {
                        // keeps the pipe from filling up, and what the server says for tests to read
                        for (String more = out.readLine(); more != null; more = out.readLine()) {
                            synchronized (billow.output) {
                                billow.output.append(more).append('\n');
                            }
                        }
                    } catch (IOException ignored) {
                        // the process is gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return billow;
            }
            seen.append(line).append('\n');
        }
        process.destroyForcibly();
        throw new IllegalStateException("billow serve did not start:\n" + seen);
    }

    /** What the server printed since it was listening. */
    String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    /** What the server printed before it was listening. */
    String startup() {
        return startup;
    }

    String url() {
        return url;
    }

    /** SIGKILL: no shutdown hook, no goodbye; the embedded PostgreSQL is left running. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as a service manager stops it: returns the exit code, or -1 if it still runs after a minute. */
    int terminate() throws InterruptedException {
        process.destroy();
        return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
