package io.billow.operation;

import io.billow.catalog.BillingMethod;
import io.billow.timeline.TimelineEvent;

import java.time.Instant;
import java.util.List;

/**
 * A lifecycle change in flight: started when requested, finished by the provisioner when due.
 * It says what the timeline gains when it succeeds (the switch, the new spec, Running again) and
 * when it fails (back to Running), so finishing it needs no knowledge of what kind it was.
 *
 * @param reservedMethod the billing method whose zone capacity was reserved, or null
 */
public record Operation(String id, String accountId, String instanceId, String orderId, String product, String zoneId,
                        String kind, Instant dueAt, BillingMethod reservedMethod, boolean countsAsSwitch,
                        List<TimelineEvent> onSuccess, List<TimelineEvent> onFailure) {
}
