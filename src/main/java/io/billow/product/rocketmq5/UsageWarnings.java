package io.billow.product.rocketmq5;

import io.billow.change.UsageSample;
import io.billow.event.EventLog;
import io.billow.instance.Instance;
import io.billow.instance.TimelineCodec;
import io.billow.timeline.TimelineEvent;
import org.jdbi.v3.core.Handle;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Warnings that save money, raised as usage arrives (events, delivered to webhooks):
 * <ul>
 *   <li>{@value #OLD_ENDPOINT_USED}: the first usage reported through an endpoint 24 hours or more after an
 *       upgrade marked it To Be Unpublished: some application still uses it, and its traffic is billed;</li>
 *   <li>{@value #CLIENT_SURGE}: an online-client level at least {@value #SURGE_FACTOR} times the highest level
 *       reported in the 24 hours before it, and at least {@value #SURGE_MIN_RISE} clients above it (seed 002:
 *       a new producer for each message inflates the client count, and Shared/Dedicated bill clients above a
 *       free quota). With no level reported in those 24 hours there is nothing to compare with, so no warning.</li>
 * </ul>
 */
final class UsageWarnings {

    static final String OLD_ENDPOINT_USED = "endpoint.old-still-used";
    static final String CLIENT_SURGE = "clients.surge";
    static final long GRACE_SECONDS = 86_400;
    static final long SURGE_FACTOR = 3;
    static final long SURGE_MIN_RISE = 100;
    static final String CLIENTS = "clients";
    /** A limit on everything: the levels of a day read to find its peak. */
    private static final int MAX_LEVELS_READ = 100_000;

    private UsageWarnings() {
    }

    static void check(Handle h, Instance i, UsageSample sample, Instant at) {
        sample.endpointId().ifPresent(id -> oldEndpoint(h, i, id, at));
        BigDecimal clients = sample.levels().get(CLIENTS);
        if (clients != null) {
            surge(h, i, clients.longValueExact(), at);
        }
    }

    private static void oldEndpoint(Handle h, Instance i, String endpointId, Instant at) {
        Endpoint e = Endpoints.find(h, i.id(), endpointId).orElse(null);
        if (e == null || e.status() != Endpoint.Status.TO_BE_UNPUBLISHED || e.markedAt().isEmpty()
                || at.isBefore(e.markedAt().get().plusSeconds(GRACE_SECONDS))) {
            return;
        }
        boolean warned = h.createQuery("SELECT EXISTS (SELECT 1 FROM events WHERE instance_id = :i AND type = :t "
                        + "AND payload->>'endpointId' = :e)")
                .bind("i", i.id()).bind("t", OLD_ENDPOINT_USED).bind("e", endpointId).mapTo(Boolean.class).one();
        if (!warned) {
            EventLog.emit(h, i.accountId(), i.id(), OLD_ENDPOINT_USED, at, EventLog.payload().put("endpointId", endpointId)
                    .put("endpointUrl", e.url()).put("markedAt", e.markedAt().get().toString())
                    .put("message", "traffic still goes through endpoint " + endpointId + " (" + e.url() + ") more than 24 hours after "
                            + "the upgrade marked it To Be Unpublished: its PrivateLink traffic is billed. Point every producer and "
                            + "consumer at the instance's new endpoint, then delete this one to stop its endpoint fee too"));
        }
    }

    private static void surge(Handle h, Instance i, long level, Instant at) {
        // The day's levels only, not the whole timeline: an instance reporting every minute has a long one.
        long recent = -1;
        for (String payload : h.createQuery("SELECT payload FROM timeline_events WHERE instance_id = :i AND kind = :k AND at >= :from "
                        + "AND at < :at ORDER BY seq DESC LIMIT :n")
                .bind("i", i.id()).bind("k", "resource-count-changed").bind("from", Timestamp.from(at.minusSeconds(GRACE_SECONDS)))
                .bind("at", Timestamp.from(at)).bind("n", MAX_LEVELS_READ).mapTo(String.class).list()) {
            if (TimelineCodec.decode("resource-count-changed", at, payload) instanceof TimelineEvent.ResourceCountChanged c
                    && c.resource().equals(CLIENTS)) {
                recent = Math.max(recent, c.count());
            }
        }
        if (recent < 0 || level < SURGE_FACTOR * recent || level - recent < SURGE_MIN_RISE) {
            return;
        }
        EventLog.emit(h, i.accountId(), i.id(), CLIENT_SURGE, at, EventLog.payload().put("clients", level).put("recentPeak", recent)
                .put("message", "online clients jumped to " + level + " from at most " + recent + " in the previous 24 hours; an "
                        + "application that creates a new producer for each message inflates the count, and clients above the "
                        + "instance type's free quota are billed on each hour's peak"));
    }
}
