package io.billow.proration;

import io.billow.time.Interval;

import java.math.BigDecimal;

/**
 * What was paid for a subscription term: the basis of every refund (domain.md §8).
 *
 * @param term         the paid term
 * @param monthlyList  the monthly list price of the configuration bought
 * @param discountRate the order's discount (0.15 for 15 %); coupons are not a discount
 * @param cashPaid     cash paid on this term's orders (after discounts, excluding coupons and vouchers)
 * @param refunded     cash already refunded on this term
 */
public record TermPayment(Interval term, BigDecimal monthlyList, BigDecimal discountRate,
                          BigDecimal cashPaid, BigDecimal refunded) {

    public TermPayment {
        if (discountRate.signum() < 0 || discountRate.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("discount rate must be within [0, 1]: " + discountRate);
        }
        if (cashPaid.signum() < 0 || refunded.signum() < 0 || refunded.compareTo(cashPaid) > 0) {
            throw new IllegalArgumentException("cash paid " + cashPaid + " and refunded " + refunded + " are inconsistent");
        }
    }

    /** Cash paid minus cash already refunded: the most any further refund can return. */
    public BigDecimal netCash() {
        return cashPaid.subtract(refunded);
    }

    public long termSeconds() {
        return term.seconds();
    }
}
