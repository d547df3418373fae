package io.billow.clock;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where a simulated clock's time lives. In memory for a test of the core; in the database for a
 * server, so that a restart finds the clock where it stood and every node on one database reads
 * one time.
 */
public interface ClockStore {

    /** The stored time. */
    Instant load();

    /** Moves the stored time to {@code to} unless it is already later; returns the time now stored. */
    Instant moveForward(Instant to);

    /** A clock time kept in this process only. */
    static ClockStore inMemory(Instant start) {
        AtomicReference<Instant> now = new AtomicReference<>(start);
        return new ClockStore() {
            @Override
            public Instant load() {
                return now.get();
            }

            @Override
            public Instant moveForward(Instant to) {
                return now.accumulateAndGet(to, (a, b) -> b.isAfter(a) ? b : a);
            }
        };
    }
}
