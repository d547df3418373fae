package io.billow.proration;

import io.billow.money.Rounding;

import java.math.BigDecimal;

/**
 * The upgrade fee of a subscription change in the middle of a term (domain.md §8), computed as one
 * fraction and rounded HALF_UP to the minor unit once, at the end. Refunds, which rest on the cash
 * actually paid, are {@link PaidCash}'s.
 */
public final class Proration {

    /** The 30-day month the published formulas divide by. */
    public static final long MONTH_SECONDS = 2_592_000;

    private Proration() {
    }

    /**
     * Upgrade fee at the term's discount: (new − original monthly list) × (1 − discount) ×
     * remaining ÷ 2,592,000, one division, HALF_UP to the minor unit once (domain.md §8).
     */
    public static Prorated upgradeFee(BigDecimal originalMonthlyList, BigDecimal newMonthlyList, BigDecimal discountRate,
                                      long remainingSeconds) {
        BigDecimal difference = newMonthlyList.subtract(originalMonthlyList).max(BigDecimal.ZERO);
        BigDecimal net = BigDecimal.ONE.subtract(discountRate);
        BigDecimal fee = Rounding.prorated(difference.multiply(net).multiply(BigDecimal.valueOf(remainingSeconds)), MONTH_SECONDS);
        return new Prorated(fee, "(" + newMonthlyList.toPlainString() + " − " + originalMonthlyList.toPlainString() + ") × (1 − "
                + discountRate.toPlainString() + ") × " + remainingSeconds + " s ÷ " + MONTH_SECONDS + " s = " + fee.toPlainString());
    }
}
