package io.billow.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another Billow in its own JVM, holding a data directory the way a real one does: the lock is
 * a real operating-system lock of another process, and the process can be killed like one.
 */
final class SeparateBillow implements AutoCloseable {

    private final Process process;

    private SeparateBillow(Process process) {
        this.process = process;
    }

    /** Starts the JVM and returns once its server is up. */
    static SeparateBillow start(Path dataDir) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                SeparateBillow.class.getName(), dataDir.toString()))
                .redirectErrorStream(true)
                .start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.equals("ready")) {
                return new SeparateBillow(process);
            }
            seen.append(line).append('\n');
        }
        process.destroyForcibly();
        throw new IllegalStateException("the separate Billow did not start:\n" + seen);
    }

    long pid() {
        return process.pid();
    }

    /** Like {@code kill -9}: no shutdown hook runs. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Like {@code kill} (SIGTERM), what a service manager does: shutdown hooks run. */
    void terminate() throws InterruptedException {
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            terminate();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        LocalPostgres.start(Path.of(args[0]));
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
