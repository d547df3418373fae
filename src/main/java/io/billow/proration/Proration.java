package io.billow.proration;

import io.billow.money.Rounding;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Subscription changes in the middle of a term (domain.md §8–9). Every figure is computed as
 * one fraction and rounded HALF_UP to the minor unit once, at the end.
 */
public final class Proration {

    /** The 30-day month the published formulas divide by. */
    public static final long MONTH_SECONDS = 2_592_000;

    private static final BigDecimal MONTH = BigDecimal.valueOf(MONTH_SECONDS);

    private Proration() {
    }

    /** Seconds of {@code term} left at {@code at}, within [0, term length]. */
    public static long remainingSeconds(TermPayment payment, Instant at) {
        long end = payment.term().end().getEpochSecond();
        long left = end - Math.max(at.getEpochSecond(), payment.term().start().getEpochSecond());
        return Math.max(0, Math.min(payment.termSeconds(), left));
    }

    /** Upgrade fee: (new monthly list − original monthly list) × remaining ÷ 2,592,000, never negative. */
    public static Prorated upgradeFee(BigDecimal originalMonthlyList, BigDecimal newMonthlyList, long remainingSeconds) {
        BigDecimal difference = newMonthlyList.subtract(originalMonthlyList).max(BigDecimal.ZERO);
        BigDecimal fee = Rounding.prorated(difference.multiply(BigDecimal.valueOf(remainingSeconds)), MONTH_SECONDS);
        return new Prorated(fee, "(" + newMonthlyList.toPlainString() + " − " + originalMonthlyList.toPlainString() + ") × "
                + remainingSeconds + " s ÷ " + MONTH_SECONDS + " s = " + fee.toPlainString());
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

    /**
     * Downgrade refund: what the remaining time was paid in cash, minus what the new configuration
     * costs for it at the term's discount; never negative, never more than the net cash.
     * {@code netCash × r ÷ T − newList × (1 − d) × r ÷ 2,592,000} as one fraction.
     */
    public static Prorated downgradeRefund(TermPayment payment, BigDecimal newMonthlyList, long remainingSeconds) {
        BigDecimal r = BigDecimal.valueOf(remainingSeconds);
        BigDecimal term = BigDecimal.valueOf(payment.termSeconds());
        BigDecimal paidPart = payment.netCash().multiply(r).multiply(MONTH);
        BigDecimal newPart = newMonthlyList.multiply(BigDecimal.ONE.subtract(payment.discountRate())).multiply(r).multiply(term);
        BigDecimal refund = capped(Rounding.prorated(paidPart.subtract(newPart), payment.termSeconds() * MONTH_SECONDS), payment);
        return new Prorated(refund, payment.netCash().toPlainString() + " × " + remainingSeconds + " s ÷ " + payment.termSeconds()
                + " s − " + newMonthlyList.toPlainString() + " × (1 − " + payment.discountRate().toPlainString() + ") × "
                + remainingSeconds + " s ÷ " + MONTH_SECONDS + " s = " + refund.toPlainString());
    }

    /** Unsubscribe refund: netCash × remaining ÷ term; vouchers and coupons are not refunded. */
    public static Prorated unsubscribeRefund(TermPayment payment, long remainingSeconds) {
        BigDecimal refund = capped(Rounding.prorated(payment.netCash().multiply(BigDecimal.valueOf(remainingSeconds)),
                payment.termSeconds()), payment);
        return new Prorated(refund, payment.netCash().toPlainString() + " × " + remainingSeconds + " s ÷ "
                + payment.termSeconds() + " s = " + refund.toPlainString());
    }

    private static BigDecimal capped(BigDecimal refund, TermPayment payment) {
        return refund.max(BigDecimal.ZERO).min(payment.netCash());
    }
}
