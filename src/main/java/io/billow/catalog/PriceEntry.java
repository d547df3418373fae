package io.billow.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One price of the price book: the unit price of (product, item, region, spec, currency) from an
 * effective instant on. {@code region} or {@code spec} may be "*" (any).
 *
 * @param id         stable identifier shown in bill explanations
 * @param source     where it was defined (file:line), for explanations and errors
 * @param sample     true when the price is a sample, not a published one
 * @param tiers      for COUNT items: lower unit prices from a quantity used in the month on ({@code unitPrice}
 *                   is the first tier's); empty for a flat price
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
        String source,
        List<Tier> tiers) {

    /** From {@code above} units used in the month on, each further unit costs {@code unitPrice}. */
    public record Tier(BigDecimal above, BigDecimal unitPrice) {
    }

    /** Unit prices carry at most ten decimals (domain.md §1). */
    public static final int MAX_PRICE_SCALE = 10;

    public PriceEntry {
        if (unitPrice.signum() < 0) {
            throw new IllegalArgumentException("negative unit price " + unitPrice + " for " + id);
        }
        if (unitPrice.stripTrailingZeros().scale() > MAX_PRICE_SCALE) {
            throw new IllegalArgumentException("unit price " + unitPrice + " has more than ten decimals (" + id + ")");
        }
        tiers = List.copyOf(tiers);
        BigDecimal previous = BigDecimal.ZERO;
        for (Tier t : tiers) {
            if (t.above().compareTo(previous) <= 0 || t.unitPrice().signum() < 0
                    || t.unitPrice().stripTrailingZeros().scale() > MAX_PRICE_SCALE) {
                throw new IllegalArgumentException("tiers of " + id + " must start above increasing positive quantities with "
                        + "non-negative prices of at most ten decimals");
            }
            previous = t.above();
        }
    }

    /** A flat price. */
    public PriceEntry(String id, String product, String item, String region, String spec, String currency, BigDecimal unitPrice,
                      Instant effectiveFrom, boolean sample, String source) {
        this(id, product, item, region, spec, currency, unitPrice, effectiveFrom, sample, source, List.of());
    }
}
