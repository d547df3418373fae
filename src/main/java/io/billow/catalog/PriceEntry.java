package io.billow.catalog;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One price of the price book: the unit price of (product, item, region, spec, currency) from an
 * effective instant on. {@code region} or {@code spec} may be "*" (any).
 *
 * @param id         stable identifier shown in bill explanations
 * @param source     where it was defined (file:line), for explanations and errors
 * @param sample     true when the price is a sample, not a published one
 */
public record PriceEntry(
        String id,
        String product,
        String item,
        String region,
        String spec,
        String currency,
        BigDecimal unitPrice,
        Instant effectiveFrom,
        boolean sample,
        String source) {

    /** Unit prices carry at most ten decimals (domain.md §1). */
    public static final int MAX_PRICE_SCALE = 10;

    public PriceEntry {
        if (unitPrice.signum() < 0) {
            throw new IllegalArgumentException("negative unit price " + unitPrice + " for " + id);
        }
        if (unitPrice.stripTrailingZeros().scale() > MAX_PRICE_SCALE) {
            throw new IllegalArgumentException("unit price " + unitPrice + " has more than ten decimals (" + id + ")");
        }
    }
}
