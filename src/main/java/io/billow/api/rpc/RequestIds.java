package io.billow.api.rpc;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;

/** Request ids shaped as Alibaba's: an upper-case UUID such as {@code 6C4A1B62-13F8-4A36-9E4C-0F2A8C4E0B51}. */
public final class RequestIds {

    private RequestIds() {
    }

    public static Supplier<String> random() {
        return () -> UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    }

    /** The same ids in the same order for the same seed: for deterministic simulations and tests. */
    public static Supplier<String> seeded(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return () -> {
            synchronized (random) {
                // Version 4 and the IETF variant, so the ids read as what they imitate.
                long high = (random.nextLong() & ~0xF000L) | 0x4000L;
                long low = (random.nextLong() & ~(0x3L << 62)) | (0x2L << 62);
                return new UUID(high, low).toString().toUpperCase(Locale.ROOT);
            }
        };
    }
}
