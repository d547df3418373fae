package io.billow.api.rpc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Client-token answers in the {@code idempotency_records} table, written through the handle of
 * the transaction the action writes in, so the answer commits exactly with the action's writes.
 *
 * <p>Keeping is {@code INSERT ... ON CONFLICT DO NOTHING}: when a concurrent request holds the
 * same key uncommitted, PostgreSQL makes this insert wait for it, then report no row if it
 * committed. That is how {@link ClientTokens} learns it lost a race, without a lock of its own.
 *
 * <p>The column is {@code jsonb}, which keeps an object's keys in its own order: a replayed
 * answer has the same fields and values as the first, perhaps in another order.
 */
public final class JdbiIdempotencyStore implements IdempotencyStore {

    private final Handle handle;
    private final Instant now;

    /**
     * @param now the instant recorded as {@code created_at}, the time of the request
     */
    public JdbiIdempotencyStore(Handle handle, Instant now) {
        this.handle = handle;
        this.now = now;
    }

    @Override
    public Optional<StoredAnswer> find(String accountId, String clientToken) {
        return handle.createQuery("SELECT request_hash, response::text AS response FROM idempotency_records"
                        + " WHERE account_id = :account AND client_token = :token")
                .bind("account", accountId)
                .bind("token", clientToken)
                .map((rs, ctx) -> new StoredAnswer(rs.getString("request_hash"), rs.getString("response")))
                .findOne();
    }

    @Override
    public boolean save(String accountId, String clientToken, String requestHash, String answerJson) {
        return handle.createUpdate("INSERT INTO idempotency_records"
                        + " (account_id, client_token, request_hash, response, created_at)"
                        + " VALUES (:account, :token, :hash, CAST(:response AS jsonb), :createdAt)"
                        + " ON CONFLICT (account_id, client_token) DO NOTHING")
                .bind("account", accountId)
                .bind("token", clientToken)
                .bind("hash", requestHash)
                .bind("response", answerJson)
                .bind("createdAt", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .execute() == 1;
    }
}
