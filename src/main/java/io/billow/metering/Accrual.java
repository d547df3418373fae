package io.billow.metering;

import io.billow.catalog.BillingItem;
import io.billow.catalog.BillingMethod;

import java.math.BigDecimal;

/**
 * An item accruing at a constant rate over {@code [start, end)} (epoch seconds): the unit
 * of what metering hands to rating. For SECOND and HOUR items the quantity is rate × seconds;
 * for DAY items the rate is the day's peak count and the interval is the day; for COUNT items
 * the rate is the reported quantity and the interval is the instant it was reported.
 *
 * @param eventIndex the timeline event that set the rate (for explanations)
 * @param note       why the accrual is there when that is not obvious (an endpoint kept after an upgrade)
 */
public record Accrual(BillingItem item, String spec, BillingMethod method, long start, long end,
                      BigDecimal rate, int eventIndex, java.util.Optional<String> note) {

    public Accrual(BillingItem item, String spec, BillingMethod method, long start, long end, BigDecimal rate, int eventIndex) {
        this(item, spec, method, start, end, rate, eventIndex, java.util.Optional.empty());
    }

    public long seconds() {
        return end - start;
    }
}
