package io.billow.eligibility;

import io.billow.problem.Problem;

import java.math.BigDecimal;
import java.util.List;

/** The serverless capacity range rules of RDS PostgreSQL (domain.md §4): min 0.5–14, max 1–14, step 0.5, min ≤ max. */
public final class Rcu {

    public static final String INVALID = "InvalidRCUValue";
    private static final BigDecimal STEP = new BigDecimal("0.5");

    private Rcu() {
    }

    public static void check(BigDecimal min, BigDecimal max, List<Problem> problems) {
        if (min == null || max == null) {
            problems.add(Problem.of(INVALID, "MinCapacity and MaxCapacity are both required"));
            return;
        }
        if (!onStep(min) || !onStep(max)) {
            problems.add(Problem.of(INVALID, "MinCapacity and MaxCapacity must be multiples of 0.5 RCU, got " + min + " and " + max));
        } else if (min.compareTo(STEP) < 0 || min.compareTo(BigDecimal.valueOf(14)) > 0) {
            problems.add(Problem.of(INVALID, "MinCapacity must be within 0.5–14 RCU, got " + min));
        } else if (max.compareTo(BigDecimal.ONE) < 0 || max.compareTo(BigDecimal.valueOf(14)) > 0) {
            problems.add(Problem.of(INVALID, "MaxCapacity must be within 1–14 RCU, got " + max));
        } else if (min.compareTo(max) > 0) {
            problems.add(Problem.of(INVALID, "MinCapacity " + min + " is greater than MaxCapacity " + max));
        }
    }

    private static boolean onStep(BigDecimal v) {
        return v.remainder(STEP).signum() == 0;
    }
}
