package io.billow.timeline;

import io.billow.catalog.BillingMethod;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Something that happened to an instance, at a whole second. A timeline is an append-only list
 * of these; the snapshot at any moment is the fold of the events before it.
 */
public sealed interface TimelineEvent {

    Instant at();

    /** The snapshot after this event, given the one before it (null before {@link Created}). */
    InstanceSnapshot applyTo(InstanceSnapshot before);

    /** Short stable name used in storage and explanations. */
    String kind();

    /** The instance comes into existence, billable from this second. */
    record Created(Instant at, InstanceSnapshot initial) implements TimelineEvent {
        public InstanceSnapshot applyTo(InstanceSnapshot before) {
            return initial;
        }

        public String kind() {
            return "created";
        }
    }

    /** The lifecycle state changed (Running, Paused, Scaling, Suspended...). */
    record StateChanged(Instant at, String state) implements TimelineEvent {
        public InstanceSnapshot applyTo(InstanceSnapshot before) {
            return before.withState(state);
        }

        public String kind() {
            return "state-changed";
        }
    }

    /** The class (and storage) changed; recorded when the change takes effect for billing. */
    record SpecChanged(Instant at, String instanceClass, int storageGb, String storageType) implements TimelineEvent {
        public InstanceSnapshot applyTo(InstanceSnapshot before) {
            return before.withClass(instanceClass).withStorage(storageGb, storageType);
        }

        public String kind() {
            return "spec-changed";
        }
    }

    /** The billing method switched in place (pay-as-you-go ↔ serverless, ↔ subscription). */
    record BillingMethodChanged(Instant at, BillingMethod method, String instanceClass) implements TimelineEvent {
        public InstanceSnapshot applyTo(InstanceSnapshot before) {
            return before.withMethod(method, instanceClass);
        }

        public String kind() {
            return "billing-method-changed";
        }
    }

    /** The edition changed (Standard → Enterprise Platinum, Professional → Shared...). */
    record EditionChanged(Instant at, String edition, String instanceClass) implements TimelineEvent {
        public InstanceSnapshot applyTo(InstanceSnapshot before) {
            return before.withEdition(edition, instanceClass);
        }

        public String kind() {
            return "edition-changed";
        }
    }

    /** The serverless capacity range changed; the level in use is clamped into it at once. */
    record RcuRangeChanged(Instant at, BigDecimal min, BigDecimal max) implements TimelineEvent {
        public InstanceSnapshot applyTo(InstanceSnapshot before) {
            return before.withRcuRange(min, max);
        }

        public String kind() {
            return "rcu-range-changed";
        }
    }

    /** An RCU usage sample: held until the next one; rounded up to the 0.5 step. */
    record RcuSampled(Instant at, BigDecimal rcu) implements TimelineEvent {
        public InstanceSnapshot applyTo(InstanceSnapshot before) {
            return before.withRcuSample(InstanceSnapshot.halvesOf(rcu));
        }

        public String kind() {
            return "rcu-sampled";
        }
    }

    /** A counted resource (topics, groups, online clients) changed to a new count. */
    record ResourceCountChanged(Instant at, String resource, long count) implements TimelineEvent {
        public InstanceSnapshot applyTo(InstanceSnapshot before) {
            return before.withCount(resource, count);
        }

        public String kind() {
            return "resource-count-changed";
        }
    }

    /** An endpoint was added. */
    record EndpointAdded(Instant at, String endpointId, boolean billsOwner) implements TimelineEvent {
        public InstanceSnapshot applyTo(InstanceSnapshot before) {
            return before.withEndpoint(new Endpoint(endpointId, billsOwner, false));
        }

        public String kind() {
            return "endpoint-added";
        }
    }

    /** An endpoint was marked "To Be Unpublished": it keeps working and billing until deleted. */
    record EndpointMarked(Instant at, String endpointId) implements TimelineEvent {
        public InstanceSnapshot applyTo(InstanceSnapshot before) {
            for (Endpoint e : before.endpoints()) {
                if (e.id().equals(endpointId)) {
                    return before.withEndpoint(new Endpoint(e.id(), e.billsOwner(), true));
                }
            }
            return before;
        }

        public String kind() {
            return "endpoint-marked";
        }
    }

    /** An endpoint was deleted; its fees stop here. */
    record EndpointDeleted(Instant at, String endpointId) implements TimelineEvent {
        public InstanceSnapshot applyTo(InstanceSnapshot before) {
            return before.withoutEndpoint(endpointId);
        }

        public String kind() {
            return "endpoint-deleted";
        }
    }

    /**
     * A reported quantity (API calls, GB of traffic) for a COUNT item; idempotent by event id.
     *
     * @param endpointId the endpoint the usage went through, when it was reported with one
     */
    record UsageRecorded(Instant at, String item, BigDecimal quantity, String eventId, java.util.Optional<String> endpointId)
            implements TimelineEvent {

        public UsageRecorded(Instant at, String item, BigDecimal quantity, String eventId) {
            this(at, item, quantity, eventId, java.util.Optional.empty());
        }

        public InstanceSnapshot applyTo(InstanceSnapshot before) {
            return before;
        }

        public String kind() {
            return "usage-recorded";
        }
    }

    /** The instance is gone; billing stops at this second. */
    record Released(Instant at) implements TimelineEvent {
        public InstanceSnapshot applyTo(InstanceSnapshot before) {
            return before;
        }

        public String kind() {
            return "released";
        }
    }
}
