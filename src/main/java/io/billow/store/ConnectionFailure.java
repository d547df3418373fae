package io.billow.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one kind of failure Billow retries: the database went away (a failover, a restart, a
 * network cut), as opposed to the database refusing what was asked. Recognised by the SQLState
 * of an exception in the cause chain: class 08 (connection exception) and the shutdown states
 * of class 57P; and by the pool's "no connection became available" timeout, which is what a
 * caller sees while no server accepts connections.
 *
 * <p>Only work that is safe to run twice may be {@link #retried}: a lost connection may have lost
 * the answer to a commit that happened. Everything else is refused to its caller as "try again".
 */
public final class ConnectionFailure {

    /** The server shut down or crashed under the session, or is starting and not yet accepting. */
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");
    /** Deeper than any real chain: guards against a cause cycle the JDK would not catch. */
    private static final int MAX_DEPTH = 32;
    private static final long FIRST_PAUSE_MILLIS = 100;
    private static final long LONGEST_PAUSE_MILLIS = 2_000;
    private static final Logger log = LoggerFactory.getLogger(ConnectionFailure.class);

    private ConnectionFailure() {
    }

    /** Whether {@code failure} (or one of its causes) says the connection to the database was lost. */
    public static boolean isLost(Throwable failure) {
        return lostState(failure).isPresent();
    }

    /**
     * The SQLState that shows the connection was lost, for messages; the pool's timeout has none
     * of its own, and is reported as {@code 08001} (unable to connect), which is what it means.
     */
    public static Optional<String> lostState(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (current instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (isLostState(state)) {
                    return Optional.of(state);
                }
                if (sql instanceof SQLTransientConnectionException) {
                    return Optional.of("08001");
                }
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return Optional.empty();
    }

    /** Whether {@code sqlState} is one of a lost connection (class 08, or 57P01–57P03). */
    public static boolean isLostState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || SHUTDOWN_STATES.contains(sqlState));
    }

    /**
     * Runs {@code work}, and again after a pause each time it fails with a lost connection, until
     * it succeeds or {@code budget} is spent (then the last failure is thrown). Any other failure
     * is thrown at once. {@code work} must be idempotent: it may have committed before it failed.
     */
    public static <T> T retried(String what, Duration budget, Supplier<T> work) {
        long deadline = System.nanoTime() + budget.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            try {
                return work.get();
            } catch (RuntimeException failure) {
                Optional<String> state = lostState(failure);
                if (state.isEmpty() || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) > deadline) {
                    throw failure;
                }
                log.warn("{}: the database connection was lost (SQLState {}); retrying in {} ms", what, state.get(), pause);
                sleep(pause);
                pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
            }
        }
    }

    /** {@link #retried} for work with no result. */
    public static void runRetried(String what, Duration budget, Runnable work) {
        retried(what, budget, () -> {
            work.run();
            return null;
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database to come back", e);
        }
    }
}
