package io.billow.clock;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A clock that only moves when told to, and never backwards. Its time is kept in a
 * {@link ClockStore}: read on every {@link #now()}, so that nodes sharing the store never
 * disagree about the time.
 */
public final class SimulatedClock implements BillowClock {

    private final ClockStore store;

    public SimulatedClock(Instant start) {
        this(ClockStore.inMemory(start.truncatedTo(ChronoUnit.SECONDS)));
    }

    /** A clock whose time is the store's (already holding a time). */
    public SimulatedClock(ClockStore store) {
        this.store = store;
    }

    @Override
    public Instant now() {
        return store.load();
    }

    @Override
    public boolean isSimulated() {
        return true;
    }

    /** Moves to {@code to}; refuses to go backwards. */
    public void moveTo(Instant to) {
        Instant target = to.truncatedTo(ChronoUnit.SECONDS);
        Instant current = store.load();
        if (target.isBefore(current)) {
            throw new IllegalArgumentException("the clock cannot go backwards from " + current + " to " + target);
        }
        store.moveForward(target);
    }
}
