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
 * @param announce       event types to emit when it succeeds (e.g. a connection interruption)
 * @param followUp       the operation to start when this one succeeds (a scheduled switch first waits,
 *                       then switches), with its due instant relative to this one's
 */
public record Operation(String id, String accountId, String instanceId, String orderId, String product, String zoneId,
                        String kind, Instant dueAt, BillingMethod reservedMethod, boolean countsAsSwitch,
                        List<TimelineEvent> onSuccess, List<TimelineEvent> onFailure, List<String> announce,
                        FollowUp followUp) {

    public Operation {
        announce = List.copyOf(announce);
    }

    /** A simple operation: no announcements, nothing after it. */
    public static Operation of(String accountId, String instanceId, String orderId, String product, String zoneId, String kind,
                               Instant dueAt, List<TimelineEvent> onSuccess, List<TimelineEvent> onFailure) {
        return new Operation(OperationStore.newId(), accountId, instanceId, orderId, product, zoneId, kind, dueAt, null, false,
                onSuccess, onFailure, List.of(), null);
    }

    /** What to start after an operation succeeds: {@code operation}'s due instant is {@code afterSeconds} later. */
    public record FollowUp(Operation operation, long afterSeconds) {
    }
}
