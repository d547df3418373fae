package io.billow.server;

import io.billow.simulation.ServeProcess;

import java.nio.file.Path;

/** {@code billow serve} in its own JVM, started like a user would and killed like a crash: the tests' view of {@link ServeProcess}. */
final class BillowProcess implements AutoCloseable {

    private final ServeProcess process;

    private BillowProcess(ServeProcess process) {
        this.process = process;
    }

    /** Starts {@code billow serve} with a simulated clock; no {@code --admin-key} when {@code adminKey} is null. */
    static BillowProcess serve(Path dataDir, int port, String adminKey, String clockStart, String... extra) {
        return new BillowProcess(ServeProcess.start(dataDir, port, adminKey, clockStart, extra));
    }

    /** What the server printed since it was listening. */
    String output() {
        return process.output();
    }

    /** What the server printed before it was listening. */
    String startup() {
        return process.startup();
    }

    String url() {
        return process.url();
    }

    /** SIGKILL: no shutdown hook, no goodbye; the embedded PostgreSQL is left running. */
    void killHard() {
        process.kill();
    }

    /** SIGTERM, as a service manager stops it: returns the exit code, or -1 if it still runs after a minute. */
    int terminate() {
        return process.terminate();
    }

    @Override
    public void close() {
        process.close();
    }
}
