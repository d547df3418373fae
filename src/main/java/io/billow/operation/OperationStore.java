package io.billow.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.catalog.BillingMethod;
import io.billow.instance.TimelineCodec;
import io.billow.timeline.TimelineEvent;
import org.jdbi.v3.core.Handle;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Pending and finished operations; every method runs in the caller's transaction. */
public final class OperationStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OperationStore() {
    }

    public static String newId() {
        return "op-" + UUID.randomUUID();
    }

    public static void insert(Handle h, Operation op, Instant now) {
        ObjectNode p = encode(op);
        h.createUpdate("INSERT INTO operations (id, instance_id, order_id, kind, status, due_at, payload, created_at) "
                        + "VALUES (:id, :i, :o, :k, 'PENDING', :due, CAST(:p AS jsonb), :now)")
                .bind("id", op.id()).bind("i", op.instanceId()).bind("o", op.orderId()).bind("k", op.kind())
                .bind("due", Timestamp.from(op.dueAt())).bind("p", p.toString()).bind("now", Timestamp.from(now)).execute();
    }

    private static ObjectNode encode(Operation op) {
        ObjectNode p = JSON.createObjectNode();
        p.put("accountId", op.accountId()).put("product", op.product()).put("zoneId", op.zoneId())
                .put("reservedMethod", op.reservedMethod() == null ? null : op.reservedMethod().name())
                .put("countsAsSwitch", op.countsAsSwitch());
        p.set("onSuccess", encode(op.onSuccess()));
        p.set("onFailure", encode(op.onFailure()));
        p.set("announce", JSON.valueToTree(op.announce()));
        if (op.followUp() != null) {
            ObjectNode f = encode(op.followUp().operation());
            f.put("id", op.followUp().operation().id()).put("orderId", op.followUp().operation().orderId())
                    .put("kind", op.followUp().operation().kind()).put("instanceId", op.followUp().operation().instanceId());
            p.set("followUp", f);
            p.put("followUpAfterSeconds", op.followUp().afterSeconds());
        }
        return p;
    }

    /** The earliest due instant of a pending operation. */
    public static Optional<Instant> nextDue(Handle h) {
        return h.createQuery("SELECT min(due_at) FROM operations WHERE status = 'PENDING'").mapTo(Timestamp.class).findOne()
                .map(Timestamp::toInstant);
    }

    /** Claims the next due operation; other nodes skip it while this transaction holds it. */
    public static Optional<Operation> claimDue(Handle h, Instant at) {
        return h.createQuery("SELECT id, instance_id, order_id, kind, due_at, payload::text FROM operations "
                        + "WHERE status = 'PENDING' AND due_at <= :at ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED")
                .bind("at", Timestamp.from(at))
                .map((rs, ctx) -> decode(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getString(6)))
                .findOne();
    }

    /** The instance's change in flight, if any (what an estimate reads of a change it rolls back). */
    public static Optional<Operation> pending(Handle h, String instanceId) {
        return h.createQuery("SELECT id, instance_id, order_id, kind, due_at, payload::text FROM operations "
                        + "WHERE instance_id = :i AND status = 'PENDING' AND kind <> 'AUTO_PAUSE' ORDER BY due_at, id LIMIT 1")
                .bind("i", instanceId)
                .map((rs, ctx) -> decode(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getString(6)))
                .findOne();
    }

    public static boolean hasPending(Handle h, String instanceId) {
        // The idle timer of automatic stop is not a change in progress: it must not block the user's changes.
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM operations WHERE instance_id = :i AND status = 'PENDING' AND kind <> 'AUTO_PAUSE')")
                .bind("i", instanceId).mapTo(Boolean.class).one();
    }

    public static void finish(Handle h, String id, boolean succeeded, Instant at) {
        h.createUpdate("UPDATE operations SET status = :s, finished_at = :at WHERE id = :id")
                .bind("s", succeeded ? "SUCCEEDED" : "FAILED").bind("at", Timestamp.from(at)).bind("id", id).execute();
    }

    private static ArrayNode encode(List<TimelineEvent> events) {
        ArrayNode a = JSON.createArrayNode();
        for (TimelineEvent e : events) {
            a.addObject().put("kind", e.kind()).put("payload", TimelineCodec.encode(e));
        }
        return a;
    }

    private static Operation decode(String id, String instanceId, String orderId, String kind, Instant due, String payload) {
        try {
            return decode(id, instanceId, orderId, kind, due, JSON.readTree(payload));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("corrupt operation " + id, e);
        }
    }

    private static Operation decode(String id, String instanceId, String orderId, String kind, Instant due, JsonNode p) {
        String method = p.path("reservedMethod").isNull() ? null : p.path("reservedMethod").asText(null);
        List<String> announce = new ArrayList<>();
        p.path("announce").forEach(a -> announce.add(a.asText()));
        Operation.FollowUp followUp = null;
        if (p.hasNonNull("followUp")) {
            JsonNode f = p.get("followUp");
            long after = p.get("followUpAfterSeconds").asLong();
            Instant next = due.plusSeconds(after);
            followUp = new Operation.FollowUp(decode(f.get("id").asText(), f.get("instanceId").asText(),
                    f.path("orderId").isNull() ? null : f.path("orderId").asText(null), f.get("kind").asText(), next, f), after);
        }
        return new Operation(id, p.get("accountId").asText(), instanceId, orderId, p.get("product").asText(), p.get("zoneId").asText(),
                kind, due, method == null ? null : BillingMethod.valueOf(method), p.path("countsAsSwitch").asBoolean(),
                decodeEvents(p.get("onSuccess"), due), decodeEvents(p.get("onFailure"), due), announce, followUp);
    }

    private static List<TimelineEvent> decodeEvents(JsonNode array, Instant at) {
        List<TimelineEvent> out = new ArrayList<>();
        for (JsonNode e : array) {
            out.add(TimelineCodec.decode(e.get("kind").asText(), at, e.get("payload").asText()));
        }
        return out;
    }
}
