package io.billow.rating;

import io.billow.catalog.BillingMethod;

import java.math.BigDecimal;

/**
 * One line of a period bill: an item at a spec, billing method and price entry.
 *
 * @param quantity     in {@code quantityUnit} (RCU-s, GB-s, s, topic-days, calls)
 * @param unitPrice    price of one {@code priceUnit}
 * @param unitSize     quantity units per price unit (3600 for a per-hour price of seconds)
 * @param amount       quantity × unitPrice ÷ unitSize, HALF_UP to six decimals
 * @param adjustment   true when the line re-rates an already settled period (late usage)
 */
public record BillLine(
        String item,
        String itemName,
        String spec,
        BillingMethod method,
        BigDecimal quantity,
        String quantityUnit,
        BigDecimal unitPrice,
        long unitSize,
        String priceUnit,
        BigDecimal amount,
        boolean adjustment,
        Explanation explanation) {

    /** The arithmetic of the line, with its figures: "10800 RCU-s × 0.12 per RCU-hour ÷ 3600 = 0.360000". */
    public String formula() {
        String division = unitSize == 1 ? "" : " ÷ " + unitSize;
        return quantity.toPlainString() + " " + quantityUnit + " × " + unitPrice.toPlainString() + " per " + priceUnit
                + division + " = " + amount.toPlainString();
    }

    /** The formula followed by the timeline stretches and price entry that made it. */
    public String explain() {
        return formula() + "; " + explanation;
    }
}
