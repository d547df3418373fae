package io.billow.rating;

import java.math.BigDecimal;

/**
 * What the instance's monthly rounding cycle held before a period: the exact sum of its lines
 * and the sum already charged. Payable is rounded down cumulatively over the cycle (domain.md §1).
 */
public record CycleTotals(BigDecimal lines, BigDecimal payable) {

    public static final CycleTotals EMPTY = new CycleTotals(BigDecimal.ZERO, BigDecimal.ZERO);

    public CycleTotals plus(PeriodBill bill) {
        return new CycleTotals(lines.add(bill.gross()), payable.add(bill.payable()));
    }
}
