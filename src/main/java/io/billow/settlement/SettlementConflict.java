package io.billow.settlement;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * A settlement write that met another writer, and only that: a serialization failure, a
 * deadlock, the bills' unique key refusing an instance already billed, or usage that arrived
 * late while the batch was rated. Reading the batch again and writing what is left is safe for
 * these; any other failure (a bug, a lost connection, a full disk) surfaces instead of being
 * retried.
 */
public final class SettlementConflict extends RuntimeException {

    /** PostgreSQL's SQLSTATEs of a conflict between writers: unique violation, serialization failure, deadlock. */
    private static final Set<String> CONFLICT_STATES = Set.of("23505", "40001", "40P01");

    public SettlementConflict(String message) {
        super(message);
    }

    private SettlementConflict(String message, Throwable cause) {
        super(message, cause);
    }

    /** The conflict {@code failure} is, if a SQLException with a conflict's SQLSTATE lies in its causes. */
    public static Optional<SettlementConflict> of(RuntimeException failure) {
        if (failure instanceof SettlementConflict conflict) {
            return Optional.of(conflict);
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SettlementConflict conflict) {
                return Optional.of(conflict);
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && CONFLICT_STATES.contains(sql.getSQLState())) {
                return Optional.of(new SettlementConflict("another writer met this batch: " + sql.getMessage(), failure));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }
}
