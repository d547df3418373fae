package io.billow.change;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A usage report for an instance at an instant, idempotent by {@code eventId}:
 * <ul>
 *   <li>{@code counts}: quantities used since the last report, for COUNT items (API calls,
 *       message requests, traffic), by the item's resource name;</li>
 *   <li>{@code levels}: gauges held until the next report (RCU, connections, online clients);</li>
 *   <li>{@code rcu} and {@code connections}: the serverless gauges, as their own fields;</li>
 *   <li>{@code endpointId}: the endpoint the usage went through (PrivateLink traffic is billed per endpoint).</li>
 * </ul>
 */
public record UsageSample(String eventId, Instant at, BigDecimal rcu, Integer connections, Map<String, BigDecimal> counts,
                          Map<String, BigDecimal> levels, Optional<String> endpointId) {

    public UsageSample {
        // Copies that keep a null value, so that ingestion can refuse it by name.
        counts = counts == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(counts));
        levels = levels == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(levels));
        endpointId = endpointId == null ? Optional.empty() : endpointId;
    }

    /** A report that names no endpoint. */
    public UsageSample(String eventId, Instant at, BigDecimal rcu, Integer connections, Map<String, BigDecimal> counts,
                       Map<String, BigDecimal> levels) {
        this(eventId, at, rcu, connections, counts, levels, Optional.empty());
    }

    /** A serverless sample: RCU and/or connections. */
    public UsageSample(String eventId, Instant at, BigDecimal rcu, Integer connections) {
        this(eventId, at, rcu, connections, Map.of(), Map.of());
    }
}
