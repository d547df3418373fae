package io.billow.api;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-account request rates, one token bucket per account: {@code burst} requests at once, then
 * {@code perSecond} a second. Timed by real time (as signatures are), not the business clock:
 * a simulated month must not refill anyone's bucket. A limit on everything: at most
 * {@link #MAX_TRACKED} accounts are tracked; past that the table starts again (buckets full),
 * which errs towards admitting.
 */
public final class RequestRates {

    public static final int MAX_TRACKED = 100_000;
    private static final long NANOS = 1_000_000_000L;

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RequestRates(double perSecond, int burst, LongSupplier nanoTime) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("the rate must be positive and the burst at least 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /** Empty if {@code accountId} may make a request now; otherwise the whole seconds to wait (at least 1). */
    public OptionalLong admit(String accountId) {
        if (buckets.size() >= MAX_TRACKED) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(accountId, a -> new Bucket(burst, nanoTime.getAsLong()));
        synchronized (bucket) {
            long now = nanoTime.getAsLong();
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * perSecond / NANOS);
            bucket.at = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return OptionalLong.empty();
            }
            return OptionalLong.of(Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perSecond)));
        }
    }

    private static final class Bucket {
        private double tokens;
        private long at;

        private Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }
}
