package io.billow.clock;

import java.time.Instant;

/**
 * Where a simulated clock's position survives a restart. Saved before work at a new instant
 * runs, so a restarted server never finds its clock behind what it already recorded.
 */
@FunctionalInterface
public interface ClockStore {

    ClockStore NONE = now -> { };

    void save(Instant now);
}
