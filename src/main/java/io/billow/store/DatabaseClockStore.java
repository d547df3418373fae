package io.billow.store;

import io.billow.clock.ClockStore;
import org.jdbi.v3.core.Jdbi;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * The simulated clock's time in the database ({@code clock_state}): every node on the database
 * reads it, so none lags behind another's advance, and a restart finds it where it stood.
 */
public final class DatabaseClockStore implements ClockStore {

    private final Jdbi jdbi;

    private DatabaseClockStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * The store, holding a time: the saved one, or {@code requestedStart} if there is none or it
     * is later (a start never moves a shared clock back), or {@code fallback} for a new clock.
     */
    public static DatabaseClockStore open(Jdbi jdbi, Instant requestedStart, Instant fallback) {
        Instant start = requestedStart != null ? requestedStart : fallback;
        // A later requested start moves the clock on; an earlier one (a second node started with the
        // first one's --clock-start) leaves the shared time alone, as a node started without any does.
        String onConflict = requestedStart != null ? "now = greatest(clock_state.now, excluded.now)" : "now = clock_state.now";
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO clock_state (id, now) VALUES (1, :now) ON CONFLICT (id) DO UPDATE SET " + onConflict)
                .bind("now", Timestamp.from(start)).execute());
        return new DatabaseClockStore(jdbi);
    }

    @Override
    public Instant load() {
        return jdbi.withHandle(h -> h.createQuery("SELECT now FROM clock_state WHERE id = 1").mapTo(Timestamp.class).one()).toInstant();
    }

    @Override
    public Instant moveForward(Instant to) {
        return jdbi.withHandle(h -> h.createQuery("UPDATE clock_state SET now = greatest(now, :to) WHERE id = 1 RETURNING now")
                .bind("to", Timestamp.from(to)).mapTo(Timestamp.class).one()).toInstant();
    }
}
