package io.billow.catalog;

/** What an item counts while it accrues; multiplied by seconds (or taken per hour/day) by its granularity. */
public enum Measure {
    /** One per instance: the instance-time itself (compute of a class, an instance fee). */
    INSTANCE,
    /** Provisioned storage in GB. */
    STORAGE_GB,
    /** Capacity units in use, clamped into the instance's [min, max] range. */
    RCU,
    /** A counted resource (topics, groups, online clients) above the item's free quota. */
    RESOURCE,
    /** Endpoints that bill their owner (consumer-model PrivateLink endpoints) until deleted. */
    ENDPOINT,
    /** A reported quantity (API calls, GB of traffic), summed over the period. */
    USAGE
}
