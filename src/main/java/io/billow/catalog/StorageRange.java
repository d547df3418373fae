package io.billow.catalog;

import java.util.Optional;

/**
 * The storage sizes an instance can have: from {@code minGb} to {@code maxGb} in steps of
 * {@code stepGb} counted from the minimum (RDS ESSD: 20–64,000 GB in steps of 5).
 */
public record StorageRange(long minGb, long maxGb, long stepGb) {

    /** A limit on everything: no instance has more storage than this, whatever its catalog says. */
    public static final long MAX_GB = 64_000;
    /** The sizes of a product that bounds no storage: none required, any whole number up to the limit. */
    public static final StorageRange UNBOUNDED = new StorageRange(0, MAX_GB, 1);

    public StorageRange {
        if (minGb < 0 || maxGb < minGb || stepGb < 1) {
            throw new IllegalArgumentException("a storage range needs 0 ≤ min ≤ max and a step of 1 or more, got "
                    + minGb + "–" + maxGb + " step " + stepGb);
        }
    }

    /** Whether an instance must be given a size (a size of 0 is not one of these). */
    public boolean required() {
        return minGb > 0;
    }

    /** Whether {@code gb} is one of the sizes. */
    public boolean allows(long gb) {
        return gb >= minGb && gb <= maxGb && (gb - minGb) % stepGb == 0;
    }

    /**
     * The sizes both ranges allow, if there are any: the larger minimum, the smaller maximum, and
     * the other's step when one divides the other (the ranges of a product's storage type and of a
     * class narrow each other; their steps are 1, 5, 10 or 50 in practice).
     */
    public Optional<StorageRange> narrowedBy(StorageRange other) {
        long step = Math.max(stepGb, other.stepGb);
        if (step % Math.min(stepGb, other.stepGb) != 0) {
            return Optional.empty();
        }
        long start = Math.max(minGb, other.minGb);
        long end = Math.min(maxGb, other.maxGb);
        // One step of candidates is enough: with one step dividing the other, what both allow repeats every `step`.
        for (long min = start; min <= end && min < start + step; min++) {
            if (allows(min) && other.allows(min)) {
                return Optional.of(new StorageRange(min, end - (end - min) % step, step));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return minGb + "–" + maxGb + " GB in steps of " + stepGb;
    }
}
