package io.billow.api.rpc;

import java.util.Optional;

/**
 * Where the answers to requests with a {@code ClientToken} are kept, per account. A store
 * writes in the transaction it was opened in (see {@link Transactions}), so an answer is kept
 * exactly when the writes that produced it are.
 */
public interface IdempotencyStore {

    Optional<StoredAnswer> find(String accountId, String clientToken);

    /**
     * Keeps an answer unless one is kept for the token already.
     *
     * @return true when this call kept it; false when another request with the same token got
     *         there first (its transaction committed while this one ran)
     */
    boolean save(String accountId, String clientToken, String requestHash, String answerJson);
}
