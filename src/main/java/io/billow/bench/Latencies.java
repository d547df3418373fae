package io.billow.bench;

import java.util.Arrays;

/** Request latencies in nanoseconds, appended by one client thread and merged after the run. */
final class Latencies {

    private long[] nanos = new long[4096];
    private int size;

    void add(long elapsedNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = elapsedNanos;
    }

    int count() {
        return size;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) {
            add(other.nanos[i]);
        }
    }

    /** The latency below which {@code fraction} of the requests finished (nearest rank), in milliseconds. */
    double percentileMillis(double fraction) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(fraction * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }
}
