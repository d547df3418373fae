package io.billow.server;

import io.billow.clock.SimulatedClock;
import io.billow.clock.SystemClock;
import org.jdbi.v3.core.Jdbi;

import java.sql.Timestamp;
import java.time.Instant;

/** A simulated clock kept in the database, so that a restart resumes where time stood. */
final class SavedClock {

    private SavedClock() {
    }

    /** The saved time, or {@code requestedStart} if later (or none is saved), or the wall clock's now. */
    static SimulatedClock start(Jdbi jdbi, Instant requestedStart) {
        Instant saved = jdbi.withHandle(h -> h.createQuery("SELECT now FROM clock_state WHERE id = 1").mapTo(Timestamp.class)
                .findOne().map(Timestamp::toInstant).orElse(null));
        Instant start = saved != null ? saved : requestedStart != null ? requestedStart : new SystemClock().now();
        if (saved != null && requestedStart != null && requestedStart.isAfter(saved)) {
            start = requestedStart;
        }
        save(jdbi, start);
        return new SimulatedClock(start);
    }

    static void save(Jdbi jdbi, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO clock_state (id, now) VALUES (1, :now) ON CONFLICT (id) DO UPDATE SET now = excluded.now")
                .bind("now", Timestamp.from(now)).execute());
    }
}
