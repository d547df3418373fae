package io.billow.catalog;

/** Who shares a COUNT item's monthly free quota. */
public enum QuotaScope {
    /** Each instance has its own free quota. */
    INSTANCE,
    /** All instances of the account draw on one free quota (RocketMQ 4.x API calls). */
    ACCOUNT
}
