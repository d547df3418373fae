package io.billow.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Waits for the JVM's JIT compiler to finish what it has queued, so that a measured run does not
 * share its two cores with compiler threads still optimising code a long-running server would
 * have compiled hours ago.
 */
final class JitCompiler {

    private static final long POLL_MS = 100;
    /** The compiler counts as idle once its total time has not moved for this long. */
    private static final long QUIET_MS = 300;
    private static final long LIMIT_MS = 10_000;

    private JitCompiler() {
    }

    /** Seconds waited; returns at once where the JVM does not report compilation time. */
    static double awaitIdle() throws InterruptedException {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return 0;
        }
        long start = System.nanoTime();
        long last = jit.getTotalCompilationTime();
        long quietSince = start;
        while (elapsedMs(start) < LIMIT_MS && elapsedMs(quietSince) < QUIET_MS) {
            Thread.sleep(POLL_MS);
            long now = jit.getTotalCompilationTime();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
        return elapsedMs(start) / 1000.0;
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
