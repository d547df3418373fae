package io.billow.catalog;

/** At which spec an item accrues in a lifecycle state (domain.md §3). Absent from the table: not billed. */
public enum SpecRule {
    /** The spec in effect now. */
    CURRENT,
    /** The spec held when the instance entered this state (Scaling bills the original spec). */
    ORIGINAL
}
