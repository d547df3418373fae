package io.billow.catalog;

import java.math.BigDecimal;

/**
 * The capacity range a serverless class takes (catalog {@code facts.capacity}): MinCapacity
 * within {@code min}–{@code max}, MaxCapacity within {@code lowestMax}–{@code max}, both
 * multiples of {@code step}, MinCapacity ≤ MaxCapacity (RDS PostgreSQL: 0.5–14 and 1–14 RCU in
 * steps of 0.5).
 */
public record CapacityRange(BigDecimal min, BigDecimal max, BigDecimal step, BigDecimal lowestMax) {

    public CapacityRange {
        if (step.signum() <= 0 || min.signum() < 0 || max.compareTo(min) < 0 || lowestMax.compareTo(min) < 0
                || lowestMax.compareTo(max) > 0) {
            throw new IllegalArgumentException("a capacity range needs 0 ≤ min ≤ lowestMax ≤ max and a positive step, got "
                    + min + "–" + max + " (max from " + lowestMax + ") step " + step);
        }
    }

    public boolean onStep(BigDecimal v) {
        return v.remainder(step).signum() == 0;
    }
}
