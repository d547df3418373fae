package io.billow.instance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.catalog.BillingMethod;
import io.billow.problem.Codes;
import io.billow.problem.ProblemException;
import io.billow.timeline.InstanceSnapshot;
import io.billow.timeline.Timeline;
import io.billow.timeline.TimelineEvent;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Instances and their append-only timelines. Every method runs inside the caller's transaction. */
public final class InstanceStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final RowMapper<Instance> INSTANCE = (rs, ctx) -> {
        try {
            return new Instance(rs.getString("id"), rs.getString("account_id"), rs.getString("product"), rs.getString("region"),
                    rs.getString("zone_id"), rs.getString("edition"), rs.getString("instance_class"),
                    BillingMethod.valueOf(rs.getString("billing_method")), rs.getString("status"), rs.getInt("storage_gb"),
                    rs.getString("storage_type"), (ObjectNode) JSON.readTree(rs.getString("attributes")),
                    instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("released_at")),
                    instant(rs.getTimestamp("last_switch_at")), rs.getInt("version"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("corrupt attributes of instance " + rs.getString("id"), e);
        }
    };

    private InstanceStore() {
    }

    public static void insert(Handle h, Instance i, TimelineEvent.Created created) {
        h.createUpdate("INSERT INTO instances (id, account_id, product, region, zone_id, edition, instance_class, billing_method, status, "
                        + "storage_gb, storage_type, attributes, created_at) VALUES (:id, :account, :product, :region, :zone, :edition, :cls, "
                        + ":method, :status, :gb, :type, CAST(:attributes AS jsonb), :created)")
                .bind("id", i.id()).bind("account", i.accountId()).bind("product", i.product()).bind("region", i.region())
                .bind("zone", i.zoneId()).bind("edition", i.edition()).bind("cls", i.instanceClass()).bind("method", i.method().name())
                .bind("status", i.status()).bind("gb", i.storageGb()).bind("type", i.storageType())
                .bind("attributes", i.attributes().toString()).bind("created", Timestamp.from(i.createdAt())).execute();
        append(h, i.id(), List.of(created));
    }

    /**
     * Appends events to an instance's timeline and refreshes the cached configuration from the
     * resulting snapshot. The row lock taken by the update serializes appends per instance.
     */
    public static InstanceSnapshot append(Handle h, String instanceId, List<? extends TimelineEvent> events) {
        requireUnsettled(h, instanceId, events);
        return append(h, instanceId, events, null);
    }

    /**
     * No change is dated within hours its account has settled: their bills are final, and an event
     * among them would never be billed (a creation) or leave hours billed after it (a release).
     * Settled means before the account's cursor, or in the cursor's period once settlement has
     * billed this instance there. A node whose clock lags the one that settled meets this, and its
     * caller is told to retry (a late usage sample takes another path: it becomes an adjustment).
     */
    private static void requireUnsettled(Handle h, String instanceId, List<? extends TimelineEvent> events) {
        Instant earliest = events.stream().map(TimelineEvent::at).min(Instant::compareTo).orElse(null);
        if (earliest == null) {
            return;
        }
        Optional<Instant> settledThrough = h.createQuery("SELECT CASE WHEN EXISTS (SELECT 1 FROM bills b WHERE b.instance_id = i.id "
                        + "AND b.period_start = a.settled_through) THEN a.settled_through + interval '1 hour' ELSE a.settled_through END "
                        + "FROM instances i JOIN accounts a ON a.id = i.account_id WHERE i.id = :id")
                .bind("id", instanceId).mapTo(Timestamp.class).findOne().map(Timestamp::toInstant);
        if (settledThrough.isPresent() && earliest.isBefore(settledThrough.get())) {
            throw new ProblemException(Codes.BEFORE_SETTLED_HOURS, "a change of instance " + instanceId + " dated " + earliest
                    + " falls in hours its account has already settled (through " + settledThrough.get() + "); retry it");
        }
    }

    /** Appends usage samples, each carrying the sample's event id (with its kind) for idempotency. */
    public static InstanceSnapshot appendUsage(Handle h, String instanceId, List<? extends TimelineEvent> events, String eventId) {
        return append(h, instanceId, events, eventId);
    }

    private static InstanceSnapshot append(Handle h, String instanceId, List<? extends TimelineEvent> events, String eventId) {
        Appending row = h.createQuery("UPDATE instances SET event_count = event_count + :n, version = version + 1 WHERE id = :id "
                        + "RETURNING event_count - :n, snapshot_id, snapshot_since")
                .bind("n", events.size()).bind("id", instanceId)
                .map((rs, ctx) -> new Appending(rs.getInt(1), (Long) rs.getObject(2), instant(rs.getTimestamp(3)))).one();
        var batch = h.prepareBatch("INSERT INTO timeline_events (instance_id, seq, at, kind, payload, external_id) "
                + "VALUES (:id, :seq, :at, :kind, :payload, :external)");
        int seq = row.eventCount();
        for (TimelineEvent e : events) {
            batch.bind("id", instanceId).bind("seq", seq++).bind("at", Timestamp.from(e.at())).bind("kind", e.kind())
                    .bind("payload", TimelineCodec.encode(e))
                    .bind("external", externalId(e, eventId)).add();
        }
        batch.execute();
        // The row's snapshot is where the timeline stands: events at or after its time continue
        // from it, so a long-lived instance's every usage sample does not read its whole history.
        InstanceSnapshot stored = row.snapshotId() == null ? null : SnapshotStore.decoded(h, row.snapshotId());
        Timeline.Tail tail = stored == null ? null : Timeline.continueFrom(instanceId, stored, row.snapshotSince(), events).orElse(null);
        if (tail == null) {
            Timeline timeline = timeline(h, instanceId);
            tail = new Timeline.Tail(timeline.current(), timeline.events().get(timeline.events().size() - 1).at(), timeline.isReleased());
        }
        InstanceSnapshot s = tail.current();
        Long snapshotId = null;
        if (!tail.released()) {
            snapshotId = s.equals(stored) ? row.snapshotId() : SnapshotStore.idOf(h, TimelineCodec.encodeSnapshot(s));
        }
        h.createUpdate("UPDATE instances SET edition = :edition, instance_class = :cls, billing_method = :method, status = :status, "
                        + "storage_gb = :gb, storage_type = :type, released_at = :released, snapshot_id = :snapshot, "
                        + "snapshot_since = :since, snapshot_event = :event WHERE id = :id")
                .bind("edition", s.edition()).bind("cls", s.instanceClass()).bind("method", s.method().name())
                .bind("status", tail.released() ? "Released" : s.state()).bind("gb", s.storageGb()).bind("type", s.storageType())
                .bind("released", tail.released() ? Timestamp.from(tail.lastAt()) : null)
                .bind("snapshot", snapshotId)
                .bind("since", tail.released() ? null : Timestamp.from(tail.lastAt()))
                .bind("event", tail.released() ? null : row.eventCount() + events.size() - 1)
                .bind("id", instanceId).execute();
        return s;
    }

    /** What the row said as events were added: the count before them and where its timeline stood. */
    private record Appending(int eventCount, Long snapshotId, Instant snapshotSince) {
    }

    /**
     * The instance's current snapshot: the row's own while it is live (one indexed read, the
     * decoded form remembered), its timeline's last once released.
     */
    public static InstanceSnapshot current(Handle h, String instanceId) {
        List<Long> id = h.createQuery("SELECT snapshot_id FROM instances WHERE id = :id").bind("id", instanceId)
                .map((rs, ctx) -> (Long) rs.getObject(1)).list();
        return id.isEmpty() || id.get(0) == null ? timeline(h, instanceId).current() : SnapshotStore.decoded(h, id.get(0));
    }

    private static String externalId(TimelineEvent e, String eventId) {
        if (e instanceof TimelineEvent.UsageRecorded u) {
            return u.eventId();
        }
        if (eventId == null) {
            return null;
        }
        if (e instanceof TimelineEvent.ResourceCountChanged r) {
            return eventId + "#" + r.resource();
        }
        return eventId + "#rcu";
    }

    /** The instance if it exists and belongs to the account; another tenant's id looks exactly like an unknown one. */
    public static Optional<Instance> find(Handle h, String accountId, String instanceId) {
        return h.createQuery("SELECT * FROM instances WHERE id = :id AND (:account IS NULL OR account_id = :account)")
                .bind("id", instanceId).bind("account", accountId).map(INSTANCE).findOne();
    }

    public static Instance get(Handle h, String accountId, String instanceId) {
        return find(h, accountId, instanceId).orElseThrow(() -> notFound(instanceId));
    }

    /** Locks the instance row: changes to one instance are serialized. */
    public static Instance lock(Handle h, String accountId, String instanceId) {
        return h.createQuery("SELECT * FROM instances WHERE id = :id AND (:account IS NULL OR account_id = :account) FOR UPDATE")
                .bind("id", instanceId).bind("account", accountId).map(INSTANCE).findOne().orElseThrow(() -> notFound(instanceId));
    }

    public static ProblemException notFound(String instanceId) {
        return new ProblemException(Codes.INSTANCE_NOT_FOUND, "The specified instance " + instanceId + " is not found.");
    }

    public static List<Instance> list(Handle h, String accountId, int limit, String after) {
        // Two statements, not one with "(:account IS NULL OR ...)": the plan PostgreSQL keeps for a
        // prepared statement cannot use the account's index for a condition that may be void.
        var query = accountId == null
                ? h.createQuery("SELECT * FROM instances WHERE id > :after ORDER BY id LIMIT :limit")
                : h.createQuery("SELECT * FROM instances WHERE account_id = :account AND id > :after ORDER BY id LIMIT :limit")
                        .bind("account", accountId);
        return query.bind("after", after == null ? "" : after).bind("limit", limit).map(INSTANCE).list();
    }

    public static void setAttributes(Handle h, String instanceId, ObjectNode attributes) {
        h.createUpdate("UPDATE instances SET attributes = CAST(:a AS jsonb), version = version + 1 WHERE id = :id")
                .bind("a", attributes.toString()).bind("id", instanceId).execute();
    }

    public static void setLastSwitch(Handle h, String instanceId, Instant at) {
        h.createUpdate("UPDATE instances SET last_switch_at = :at WHERE id = :id").bind("at", Timestamp.from(at)).bind("id", instanceId).execute();
    }

    public static Timeline timeline(Handle h, String instanceId) {
        return timelines(h, List.of(instanceId)).getOrDefault(instanceId, new Timeline(instanceId));
    }

    /** Timelines of many instances in one query, one index lookup each. */
    public static Map<String, Timeline> timelines(Handle h, List<String> instanceIds) {
        return timelines(h, instanceIds, new TimelineCodec.Decoder());
    }

    /** The same, decoding with a decoder that outlives the call (settlement reads batch after batch). */
    public static Map<String, Timeline> timelines(Handle h, List<String> instanceIds, TimelineCodec.Decoder decoder) {
        Map<String, List<TimelineEvent>> events = new HashMap<>(instanceIds.size() * 2);
        // A join with the unnested ids, not "= ANY(:ids)": once the statement is prepared on the
        // server, PostgreSQL's generic plan for ANY over a parameter costs several times more.
        h.createQuery("SELECT e.instance_id, extract(epoch FROM e.at)::bigint, e.kind, e.payload FROM unnest(:ids) AS i(id) "
                        + "JOIN timeline_events e ON e.instance_id = i.id ORDER BY e.instance_id, e.seq")
                .bindArray("ids", String.class, instanceIds)
                .map((rs, ctx) -> {
                    events.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(2))
                            .add(decoder.decode(rs.getString(3), Instant.ofEpochSecond(rs.getLong(2)), rs.getString(4)));
                    return null;
                }).forEach(x -> { });
        Map<String, Timeline> out = new HashMap<>(events.size() * 2);
        events.forEach((id, list) -> out.put(id, Timeline.of(id, list)));
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
