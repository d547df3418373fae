package io.billow.clock;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that only moves when told to, and never backwards. */
public final class SimulatedClock implements BillowClock {

    private final AtomicReference<Instant> now;

    public SimulatedClock(Instant start) {
        this.now = new AtomicReference<>(start.truncatedTo(ChronoUnit.SECONDS));
    }

    @Override
    public Instant now() {
        return now.get();
    }

    @Override
    public boolean isSimulated() {
        return true;
    }

    /** Moves to {@code to}; refuses to go backwards. */
    public void moveTo(Instant to) {
        Instant target = to.truncatedTo(ChronoUnit.SECONDS);
        now.updateAndGet(current -> {
            if (target.isBefore(current)) {
                throw new IllegalArgumentException("the clock cannot go backwards from " + current + " to " + target);
            }
            return target;
        });
    }
}
