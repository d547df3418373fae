package io.billow.eligibility;

import io.billow.catalog.CapacityRange;
import io.billow.catalog.Product;
import io.billow.problem.Problem;

import java.math.BigDecimal;
import java.util.List;

/**
 * The serverless capacity range rules (domain.md §4): MinCapacity and MaxCapacity within the
 * class's range from the catalog, on its step, Min ≤ Max. A class the catalog gives no range
 * takes RDS PostgreSQL's: min 0.5–14, max 1–14, step 0.5.
 */
public final class Rcu {

    public static final String INVALID = "InvalidRCUValue";
    public static final CapacityRange DEFAULT = new CapacityRange(new BigDecimal("0.5"), BigDecimal.valueOf(14), new BigDecimal("0.5"),
            BigDecimal.ONE);

    private Rcu() {
    }

    /** The range of a serverless class: the catalog's, else {@link #DEFAULT}. */
    public static CapacityRange rangeOf(Product product, String classCode) {
        return product.capacity(classCode).orElse(DEFAULT);
    }

    public static void check(BigDecimal min, BigDecimal max, List<Problem> problems) {
        check(DEFAULT, min, max, problems);
    }

    public static void check(CapacityRange range, BigDecimal min, BigDecimal max, List<Problem> problems) {
        if (min == null || max == null) {
            problems.add(Problem.of(INVALID, "MinCapacity and MaxCapacity are both required"));
            return;
        }
        if (!range.onStep(min) || !range.onStep(max)) {
            problems.add(Problem.of(INVALID, "MinCapacity and MaxCapacity must be multiples of " + plain(range.step()) + " RCU, got "
                    + min + " and " + max));
        } else if (min.compareTo(range.min()) < 0 || min.compareTo(range.max()) > 0) {
            problems.add(Problem.of(INVALID, "MinCapacity must be within " + plain(range.min()) + "–" + plain(range.max()) + " RCU, got " + min));
        } else if (max.compareTo(range.lowestMax()) < 0 || max.compareTo(range.max()) > 0) {
            problems.add(Problem.of(INVALID, "MaxCapacity must be within " + plain(range.lowestMax()) + "–" + plain(range.max())
                    + " RCU, got " + max));
        } else if (min.compareTo(max) > 0) {
            problems.add(Problem.of(INVALID, "MinCapacity " + min + " is greater than MaxCapacity " + max));
        }
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }
}
