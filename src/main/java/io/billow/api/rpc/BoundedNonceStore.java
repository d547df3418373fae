package io.billow.api.rpc;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A nonce store in memory with a hard limit on how many nonces it holds: for tests and
 * single-node demos. It forgets a nonce only once the nonce is certainly expired.
 *
 * <p>It is never told the current time, only expiries. It knows one bound: an expiry is never
 * further than {@code maxLead} after the instant it is recorded (for the authenticator that is
 * twice the timestamp tolerance: a request may be dated up to one tolerance ahead, and its
 * nonce is kept one tolerance past its date). So once it has seen expiry {@code E}, the time is
 * at least {@code E - maxLead}, and every nonce expiring before that can go.
 *
 * <p>When it is full of nonces that may still be replayed it refuses to record more (it throws)
 * rather than forget one early: dropping a live nonce would let its request be replayed.
 */
public final class BoundedNonceStore implements NonceStore {

    private record Key(String accessKeyId, String nonce) {
    }

    private record Entry(Key key, Instant expiresAt) {
    }

    private final int capacity;
    private final Duration maxLead;
    private final Map<Key, Instant> expiries = new HashMap<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>((a, b) -> a.expiresAt().compareTo(b.expiresAt()));
    private Instant latestExpiry = Instant.MIN;

    public BoundedNonceStore(int capacity, Duration maxLead) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        if (maxLead.isNegative()) {
            throw new IllegalArgumentException("maxLead must not be negative, got " + maxLead);
        }
        this.capacity = capacity;
        this.maxLead = maxLead;
    }

    /** A store sized for the authenticator's tolerance. */
    public static BoundedNonceStore forTolerance(int capacity, Duration timestampTolerance) {
        return new BoundedNonceStore(capacity, timestampTolerance.multipliedBy(2));
    }

    @Override
    public synchronized boolean firstUse(String accessKeyId, String nonce, Instant expiresAt) {
        if (expiresAt.isAfter(latestExpiry)) {
            latestExpiry = expiresAt;
        }
        forgetExpiredBefore(latestExpiry.minus(maxLead));
        Key key = new Key(accessKeyId, nonce);
        if (expiries.containsKey(key)) {
            return false;
        }
        if (expiries.size() >= capacity) {
            throw new IllegalStateException("the nonce store holds " + capacity
                    + " nonces that may still be replayed and cannot record more");
        }
        expiries.put(key, expiresAt);
        byExpiry.add(new Entry(key, expiresAt));
        return true;
    }

    public synchronized int size() {
        return expiries.size();
    }

    private void forgetExpiredBefore(Instant certainlyPast) {
        while (!byExpiry.isEmpty() && byExpiry.peek().expiresAt().isBefore(certainlyPast)) {
            expiries.remove(byExpiry.poll().key());
        }
    }
}
