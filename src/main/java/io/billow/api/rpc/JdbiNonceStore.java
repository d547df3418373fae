package io.billow.api.rpc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Signature nonces in the {@code signature_nonces} table, so that a replay is refused by every
 * node and after a restart.
 *
 * <p>Recording is one statement, atomic without a lock of ours: insert the nonce, or, when it
 * is there already but expired, take it over; it is a first use exactly when a row was written.
 * A nonce can expire and come back legitimately: its old request can no longer pass the
 * timestamp check, so a request bearing it now is a new one, not a replay.
 *
 * <p>Every {@code purgeEvery} records, expired rows are deleted, at most {@code PURGE_BATCH} at
 * a time so a purge never holds up a request for long. Expired rows left behind are harmless
 * (the statement above ignores them) and go at the next purge.
 *
 * <p>The clock must be the one the gateway judges request timestamps by (its signature clock),
 * since expiries are request timestamps plus the tolerance.
 */
public final class JdbiNonceStore implements NonceStore {

    static final int PURGE_BATCH = 10_000;

    private final Jdbi jdbi;
    private final Supplier<Instant> clock;
    private final int purgeEvery;
    private final AtomicLong records = new AtomicLong();

    public JdbiNonceStore(Jdbi jdbi, Supplier<Instant> clock, int purgeEvery) {
        if (purgeEvery < 1) {
            throw new IllegalArgumentException("purgeEvery must be at least 1, got " + purgeEvery);
        }
        this.jdbi = jdbi;
        this.clock = clock;
        this.purgeEvery = purgeEvery;
    }

    @Override
    public boolean firstUse(String accessKeyId, String nonce, Instant expiresAt) {
        OffsetDateTime now = utc(clock.get());
        if (records.incrementAndGet() % purgeEvery == 0) {
            purgeExpired(now);
        }
        return jdbi.inTransaction(handle -> {
            // Not waited for on disk: a request that changes anything commits durably afterwards, and
            // that commit flushes the log up to it, this nonce included. Only the nonce of a request
            // that changed nothing can be lost, if PostgreSQL crashes within a fraction of a second,
            // and replaying such a request changes nothing either.
            handle.execute("SET LOCAL synchronous_commit TO off");
            return handle.createUpdate("INSERT INTO signature_nonces"
                        + " (access_key_id, nonce, expires_at) VALUES (:key, :nonce, :expiresAt)"
                        + " ON CONFLICT (access_key_id, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at"
                        + " WHERE signature_nonces.expires_at < :now")
                .bind("key", accessKeyId)
                .bind("nonce", nonce)
                .bind("expiresAt", utc(expiresAt))
                .bind("now", now)
                .execute() == 1;
        });
    }

    /** Deletes up to one batch of nonces expired by now; returns how many went. */
    public int purgeExpired() {
        return purgeExpired(utc(clock.get()));
    }

    private int purgeExpired(OffsetDateTime now) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM signature_nonces"
                        + " WHERE (access_key_id, nonce) IN (SELECT access_key_id, nonce FROM signature_nonces"
                        + " WHERE expires_at < :now LIMIT :batch)")
                .bind("now", now)
                .bind("batch", PURGE_BATCH)
                .execute());
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
