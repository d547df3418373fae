package io.billow.time;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * How instants enter Billow: UTC, truncated (floor) to the whole second, and within the years
 * 1970–9999. The range is Billow's own: {@code java.time} reaches a billion years either way, which
 * neither PostgreSQL's timestamps nor month arithmetic survive, and no bill falls outside it.
 */
public final class Instants {

    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    /** The range as messages name it. */
    public static final String RANGE = EARLIEST + ".." + LATEST;

    private Instants() {
    }

    public static Instant enter(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * Parses an ISO-8601 instant and truncates it to the second.
     *
     * @throws DateTimeParseException when the text is not an instant, or is one outside {@link #RANGE}
     */
    public static Instant parse(String text) {
        Instant parsed = enter(Instant.parse(text));
        if (!inRange(parsed)) {
            throw new DateTimeParseException("the instant is outside " + RANGE, text, 0);
        }
        return parsed;
    }

    public static boolean inRange(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }
}
