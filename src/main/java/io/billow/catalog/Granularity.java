package io.billow.catalog;

/** How finely an item is charged within a settlement period (domain.md §2). */
public enum Granularity {
    /** Prorated by the second: the quantity is rate × accruing seconds. */
    SECOND,
    /**
     * One accruing second bills the whole hour, at the highest rate (rate × price) seen in the
     * period. In a period where the instance's billing method changes, billed by the second.
     */
    HOUR,
    /** A resource present at any moment of a day bills one day, charged in the period ending the day. */
    DAY,
    /** Reported events (API calls, traffic), after a free quota that resets each month. */
    COUNT,
    /** Paid by subscription orders for a term; never metered. Its price is a monthly list price. */
    TERM
}
