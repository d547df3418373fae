package io.billow.change;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A usage report for a serverless instance: its RCU level and/or its open connections at an
 * instant. Idempotent by {@code eventId}.
 */
public record UsageSample(String eventId, Instant at, BigDecimal rcu, Integer connections) {
}
