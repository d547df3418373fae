package io.billow.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one home for scale and rounding (domain.md §1). Every amount Billow stores or shows
 * passed through exactly one of these methods; nothing else in the code base rounds money.
 */
public final class Rounding {

    /** Scale of a bill line's amount: six decimals, so tiny per-second amounts are kept. */
    public static final int LINE_SCALE = 6;
    /** Scale of what a customer pays or is refunded: the minor unit of the currencies we ship. */
    public static final int MINOR_UNIT_SCALE = 2;

    private Rounding() {
    }

    /**
     * A line's amount: {@code quantity × unitPrice ÷ unitSize} in a single division, HALF_UP to
     * six decimals. One division keeps the result independent of how the quantity was summed.
     */
    public static BigDecimal lineAmount(BigDecimal quantity, BigDecimal unitPrice, long unitSize) {
        BigDecimal numerator = quantity.multiply(unitPrice);
        if (unitSize == 1) {
            return numerator.setScale(LINE_SCALE, RoundingMode.HALF_UP);
        }
        return numerator.divide(BigDecimal.valueOf(unitSize), LINE_SCALE, RoundingMode.HALF_UP);
    }

    /**
     * An amount as Billow shows it: with the minor unit's two decimals, or more when it has more
     * significant ones ({@code 5} is {@code 5.00}, {@code 0.123456} stays). Never rounds.
     */
    public static BigDecimal shown(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.setScale(Math.max(MINOR_UNIT_SCALE, stripped.scale()), RoundingMode.UNNECESSARY);
    }

    /** What can be charged of an exact amount: rounded down to the minor unit ("round down" charging). */
    public static BigDecimal chargeable(BigDecimal exact) {
        return exact.setScale(MINOR_UNIT_SCALE, RoundingMode.FLOOR);
    }

    /**
     * A prorated subscription amount: {@code monthly × seconds ÷ 2,592,000} rounded HALF_UP to
     * the minor unit once, at the end (domain.md §1 and §8).
     */
    public static BigDecimal prorated(BigDecimal numerator, long denominator) {
        return prorated(numerator, BigDecimal.valueOf(denominator));
    }

    /** A discount as a rate of the list price (0.15 for 15 %), exact to ten decimals. */
    public static BigDecimal rate(BigDecimal part, BigDecimal whole) {
        return part.divide(whole, 10, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    /** The same, for a fraction whose denominator is a product of several terms' lengths. */
    public static BigDecimal prorated(BigDecimal numerator, BigDecimal denominator) {
        return numerator.divide(denominator, MINOR_UNIT_SCALE, RoundingMode.HALF_UP);
    }
}
