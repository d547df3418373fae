package io.billow.api.rpc;

import java.time.Instant;

/**
 * Remembers the signature nonces already accepted, so a captured request cannot be replayed.
 * The server backs it with the database, so that a replay is refused by every node and after a
 * restart.
 */
public interface NonceStore {

    /**
     * Records the nonce of a request whose signature has been verified.
     *
     * @param expiresAt the instant after which no request carrying this nonce could pass the
     *                  timestamp check any more, so the record may be forgotten
     * @return true the first time a key presents this nonce, false on every later time
     */
    boolean firstUse(String accessKeyId, String nonce, Instant expiresAt);
}
