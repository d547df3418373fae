package io.billow.clock;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The wall clock, for production. */
public final class SystemClock implements BillowClock {
    @Override
    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
