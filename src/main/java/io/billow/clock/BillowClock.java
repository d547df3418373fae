package io.billow.clock;

import java.time.Instant;

/**
 * The one source of "now" in Billow. Everything that needs the time is given one of these;
 * nothing else reads the wall clock, so tests and demos can drive time.
 */
public interface BillowClock {

    /** The current instant, truncated to the whole second. */
    Instant now();

    /** True if the clock can be set through the API ({@code serve --simulated-clock}). */
    default boolean isSimulated() {
        return false;
    }
}
