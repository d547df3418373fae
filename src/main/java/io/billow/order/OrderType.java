package io.billow.order;

/** What an order is for (domain.md §9). */
public enum OrderType {
    /** A new instance or a new purchase (the serverless switch is one, at zero). */
    NEW,
    /** Extends a subscription term. */
    RENEW,
    /** A bigger spec mid-term: pays the prorated difference. */
    UPGRADE,
    /** A smaller spec mid-term: refunds the prorated difference. */
    DOWNGRADE,
    /** A billing-method switch in place. */
    CONVERT,
    /** Money going back: unsubscribe, or a failed change that had been paid. */
    REFUND
}
