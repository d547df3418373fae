package io.billow.rating;

import io.billow.money.Rounding;
import io.billow.time.Interval;

import java.math.BigDecimal;
import java.util.List;

/**
 * An instance's bill for one settlement period. {@code gross} is the exact sum of the lines;
 * {@code payable} is what is charged; {@code roundingDiscount = gross − payable}.
 */
public record PeriodBill(String instanceId, Interval period, String currency, List<BillLine> lines,
                         BigDecimal gross, BigDecimal roundingDiscount, BigDecimal payable) {

    public PeriodBill {
        lines = List.copyOf(lines);
        if (gross.compareTo(roundingDiscount.add(payable)) != 0) {
            throw new IllegalStateException("bill does not add up: " + gross + " != " + roundingDiscount + " + " + payable);
        }
    }

    /**
     * Totals the lines and rounds the payable down cumulatively over the monthly cycle:
     * payable = floor₂(cycle lines so far + gross) − cycle payable so far.
     */
    public static PeriodBill of(String instanceId, Interval period, String currency, List<BillLine> lines, CycleTotals before) {
        BigDecimal gross = BigDecimal.ZERO.setScale(Rounding.LINE_SCALE);
        for (BillLine line : lines) {
            gross = gross.add(line.amount());
        }
        BigDecimal payable = Rounding.chargeable(before.lines().add(gross)).subtract(before.payable());
        return new PeriodBill(instanceId, period, currency, lines, gross, gross.subtract(payable), payable);
    }
}
