package io.billow.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code billow serve} in its own JVM, started like a user would and killed like a crash. */
final class BillowProcess implements AutoCloseable {

    private final Process process;
    private final String url;

    private BillowProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    static BillowProcess serve(Path dataDir, int port, String adminKey, String clockStart) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.billow.cli.BillowCommand", "serve", "--data", dataDir.toString(), "--port", String.valueOf(port),
                "--admin-key", adminKey, "--simulated-clock", "--clock-start", clockStart))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("Billow listening on ")) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe from filling up
                        }
                    } catch (IOException ignored) {
                        // the process is gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return new BillowProcess(process, line.substring("Billow listening on ".length()).trim());
            }
            seen.append(line).append('\n');
        }
        process.destroyForcibly();
        throw new IllegalStateException("billow serve did not start:\n" + seen);
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
