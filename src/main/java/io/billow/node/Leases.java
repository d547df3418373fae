package io.billow.node;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * How the nodes on one database split scheduled work with no coordinator of their own. A piece
 * of work (an account's period to settle, a webhook's next delivery) is claimed by a row in
 * {@code work_leases} that expires: the node holding it renews it while it works and deletes it
 * when done; a node that dies leaves it to expire, and another takes the work over. Expiry is
 * read on the database's clock, which every node shares whatever its own says.
 *
 * <p>A lease only splits the work: correctness never rests on it. The work itself is exactly once
 * by its transactions and keys (a bill's (instance, period) key, an operation's row lock), so a
 * node that outlives its lease (a long pause) and another that took it over still bill once.
 */
public final class Leases {

    /** A limit on everything: no lease is shorter than a second or longer than an hour. */
    public static final int MAX_SECONDS = 3600;
    /** The lease length when none is given: a dead node's work waits this long at most. */
    public static final int DEFAULT_SECONDS = 30;
    /** The advisory lock key under which one node at a time walks the simulated clock ("bclk"). */
    private static final long CLOCK_ADVANCE_LOCK = 0x62636c6bL;

    private final Jdbi jdbi;
    private final String node;
    private final int seconds;

    public Leases(Jdbi jdbi, String node, int seconds) {
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("a lease lasts 1.." + MAX_SECONDS + " seconds, not " + seconds);
        }
        this.jdbi = jdbi;
        this.node = node;
        this.seconds = seconds;
    }

    public String node() {
        return node;
    }

    public Duration length() {
        return Duration.ofSeconds(seconds);
    }

    /** Claims {@code work} if no live node holds it (or this one does); true if this node now holds it. */
    public boolean claim(String work) {
        return jdbi.withHandle(h -> h.createQuery("INSERT INTO work_leases (work, node, expires_at) "
                        + "VALUES (:w, :n, clock_timestamp() + make_interval(secs => :s)) "
                        + "ON CONFLICT (work) DO UPDATE SET node = excluded.node, expires_at = excluded.expires_at "
                        + "WHERE work_leases.expires_at < clock_timestamp() OR work_leases.node = excluded.node RETURNING node")
                .bind("w", work).bind("n", node).bind("s", seconds).mapTo(String.class).findOne().isPresent());
    }

    /** Extends this node's lease on {@code work}, as it makes progress; false if another node has taken it over. */
    public boolean renew(String work) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE work_leases SET expires_at = clock_timestamp() + make_interval(secs => :s) "
                + "WHERE work = :w AND node = :n").bind("w", work).bind("n", node).bind("s", seconds).execute()) == 1;
    }

    /** Gives {@code work} up: it is done (or failed and may be retried by any node at once). */
    public void release(String work) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM work_leases WHERE work = :w AND node = :n").bind("w", work).bind("n", node).execute());
    }

    /**
     * Runs {@code walk} while no other node walks the simulated clock. A session advisory lock, not
     * a lease: an advance may last minutes, and the lock goes with the connection if the node dies.
     */
    public <T> T whileAdvancingClock(Supplier<T> walk) {
        try (Handle h = jdbi.open()) {
            h.createQuery("SELECT pg_advisory_lock(:k) IS NULL").bind("k", CLOCK_ADVANCE_LOCK).mapTo(Boolean.class).one();
            try {
                return walk.get();
            } finally {
                h.createQuery("SELECT pg_advisory_unlock(:k)").bind("k", CLOCK_ADVANCE_LOCK).mapTo(Boolean.class).one();
            }
        }
    }
}
