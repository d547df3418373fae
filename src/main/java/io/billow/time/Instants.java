package io.billow.time;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How instants enter Billow: UTC, truncated (floor) to the whole second. */
public final class Instants {

    private Instants() {
    }

    public static Instant enter(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }

    /** Parses an ISO-8601 instant and truncates it to the second. */
    public static Instant parse(String text) {
        return enter(Instant.parse(text));
    }
}
