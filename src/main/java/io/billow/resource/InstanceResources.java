package io.billow.resource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.catalog.Catalog;
import io.billow.catalog.Product;
import io.billow.clock.BillowClock;
import io.billow.event.EventLog;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.change.ProductRules;
import io.billow.problem.Codes;
import io.billow.problem.Problem;
import io.billow.problem.ProblemException;
import io.billow.timeline.TimelineEvent;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The named resources an instance holds (RocketMQ topics and consumer groups), of the kinds its
 * product's catalog facts list. Each creation and deletion is a timeline event carrying the new
 * count, so metering bills what existed when, by the second or by the day. The count of every
 * creation so far rides along ({@code topics+}) so that a day bills each topic present in it once,
 * even one deleted before another was created.
 */
public final class InstanceResources {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A limit on everything: no instance holds more resources of one kind than this, whatever its class says. */
    public static final int MAX_PER_KIND = 10_000;

    private final Jdbi jdbi;
    private final Catalog catalog;
    private final BillowClock clock;
    private final Function<String, ProductRules> rules;

    public InstanceResources(Jdbi jdbi, Catalog catalog, BillowClock clock, Function<String, ProductRules> rules) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.clock = clock;
        this.rules = rules;
    }

    /** A resource as the APIs list it. */
    public record Resource(String instanceId, String kind, String name, ObjectNode attributes, Instant createdAt) {
    }

    /** The counter of every creation of a kind so far, next to its live count on the timeline. */
    public static String createdCounter(String kind) {
        return kind + "+";
    }

    /**
     * Creates a resource; refuses a name the instance already holds, a kind its product has not,
     * and one more than its class allows ({@code limits: {topics: 25}}).
     */
    public Resource create(String accountId, String instanceId, String kind, String name, ObjectNode attributes) {
        Instant now = clock.now();
        return jdbi.inTransaction(h -> {
            Instance i = usable(h, accountId, instanceId, kind);
            List<Problem> problems = new ArrayList<>();
            if (name == null || name.isBlank()) {
                problems.add(Problem.of(Codes.MISSING_PARAMETER, "a " + singular(kind) + " needs a name"));
            } else {
                rules.apply(i.product()).checkResource(kind, name, attributes, problems);
            }
            if (!problems.isEmpty()) {
                throw new ProblemException(problems);
            }
            if (exists(h, instanceId, kind, name)) {
                throw new ProblemException(Codes.RESOURCE_EXISTS, "instance " + instanceId + " already has " + singular(kind) + " " + name);
            }
            long live = count(h, instanceId, kind);
            Product product = catalog.product(i.product()).orElseThrow();
            long limit = product.instanceClass(i.instanceClass()).flatMap(c -> c.limit(kind)).orElse((long) MAX_PER_KIND);
            if (live >= Math.min(limit, MAX_PER_KIND)) {
                throw new ProblemException(Codes.RESOURCE_QUOTA, "instance " + instanceId + " (" + i.instanceClass() + ") holds at most "
                        + Math.min(limit, MAX_PER_KIND) + " " + kind + "; it has " + live);
            }
            long created = h.createQuery("SELECT count(*) FROM instance_resources WHERE instance_id = :i AND kind = :k")
                    .bind("i", instanceId).bind("k", kind).mapTo(Long.class).one();
            h.createUpdate("INSERT INTO instance_resources (instance_id, kind, name, attributes, created_at) "
                            + "VALUES (:i, :k, :n, CAST(:a AS jsonb), :at)")
                    .bind("i", instanceId).bind("k", kind).bind("n", name).bind("a", attributes.toString()).bind("at", Timestamp.from(now))
                    .execute();
            InstanceStore.append(h, instanceId, List.of(new TimelineEvent.ResourceCountChanged(now, kind, live + 1),
                    new TimelineEvent.ResourceCountChanged(now, createdCounter(kind), created + 1)));
            EventLog.emit(h, i.accountId(), instanceId, "resource.created", now, EventLog.payload().put("kind", kind).put("name", name));
            return new Resource(instanceId, kind, name, attributes.deepCopy(), now);
        });
    }

    /** Deletes a resource: it stops counting at this second. */
    public void delete(String accountId, String instanceId, String kind, String name) {
        Instant now = clock.now();
        jdbi.useTransaction(h -> {
            Instance i = usable(h, accountId, instanceId, kind);
            int deleted = h.createUpdate("UPDATE instance_resources SET deleted_at = :at WHERE instance_id = :i AND kind = :k AND name = :n "
                            + "AND deleted_at IS NULL")
                    .bind("at", Timestamp.from(now)).bind("i", instanceId).bind("k", kind).bind("n", name).execute();
            if (deleted == 0) {
                throw notFound(instanceId, kind, name);
            }
            InstanceStore.append(h, instanceId, List.of(new TimelineEvent.ResourceCountChanged(now, kind, count(h, instanceId, kind))));
            EventLog.emit(h, i.accountId(), instanceId, "resource.deleted", now, EventLog.payload().put("kind", kind).put("name", name));
        });
    }

    /**
     * Merges {@code patch} into the attributes of a live resource (a remark, a limit): what it
     * is described by, not what it bills, so the timeline is left alone.
     */
    public Resource update(String accountId, String instanceId, String kind, String name, ObjectNode patch) {
        Instant now = clock.now();
        return jdbi.inTransaction(h -> {
            Instance i = usable(h, accountId, instanceId, kind);
            Resource updated = h.createQuery("UPDATE instance_resources SET attributes = attributes || CAST(:a AS jsonb) "
                            + "WHERE instance_id = :i AND kind = :k AND name = :n AND deleted_at IS NULL RETURNING attributes::text, created_at")
                    .bind("a", patch.toString()).bind("i", instanceId).bind("k", kind).bind("n", name)
                    .map((rs, ctx) -> new Resource(instanceId, kind, name, parse(rs.getString(1)), rs.getTimestamp(2).toInstant()))
                    .findOne().orElseThrow(() -> notFound(instanceId, kind, name));
            EventLog.emit(h, i.accountId(), instanceId, "resource.updated", now, EventLog.payload().put("kind", kind).put("name", name));
            return updated;
        });
    }

    /** The live resources of a kind, by name, optionally only the one named; an expired (locked) instance still lists its own. */
    public List<Resource> list(String accountId, String instanceId, String kind, Optional<String> name) {
        return jdbi.withHandle(h -> {
            Instance i = InstanceStore.get(h, accountId, instanceId);
            if (i.isReleased()) {
                throw InstanceStore.notFound(instanceId);
            }
            return h.createQuery("SELECT name, attributes::text, created_at FROM instance_resources WHERE instance_id = :i AND kind = :k "
                            + "AND deleted_at IS NULL AND (:n IS NULL OR name = :n) ORDER BY name")
                    .bind("i", instanceId).bind("k", kind).bind("n", name.orElse(null))
                    .map((rs, ctx) -> new Resource(instanceId, kind, rs.getString(1), parse(rs.getString(2)), rs.getTimestamp(3).toInstant()))
                    .list();
        });
    }

    /** An instance released: everything it held is deleted with it, at the same second. */
    public static void releaseAll(Handle h, String instanceId, Instant at) {
        h.createUpdate("UPDATE instance_resources SET deleted_at = :at WHERE instance_id = :i AND deleted_at IS NULL")
                .bind("at", Timestamp.from(at)).bind("i", instanceId).execute();
    }

    public long count(String instanceId, String kind) {
        return jdbi.withHandle(h -> count(h, instanceId, kind));
    }

    private Instance usable(Handle h, String accountId, String instanceId, String kind) {
        Instance i = InstanceStore.lock(h, accountId, instanceId);
        if (i.isReleased()) {
            throw InstanceStore.notFound(instanceId);
        }
        Product product = catalog.product(i.product()).orElseThrow();
        if (!product.facts().resourceKinds().contains(kind)) {
            throw new ProblemException(Codes.INVALID_PARAMETER, product.name() + " instances hold no " + kind + " (they hold: "
                    + (product.facts().resourceKinds().isEmpty() ? "none" : String.join(", ", product.facts().resourceKinds())) + ")");
        }
        if (i.status().equals("Locked") || i.status().equals("Stopped")) {
            throw new ProblemException(Codes.INSTANCE_EXPIRED, "instance " + instanceId + " is " + i.status()
                    + (i.status().equals("Locked") ? " (its subscription expired): renew it first" : " (overdue): top up the balance first"));
        }
        return i;
    }

    private static boolean exists(Handle h, String instanceId, String kind, String name) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM instance_resources WHERE instance_id = :i AND kind = :k AND name = :n "
                + "AND deleted_at IS NULL)").bind("i", instanceId).bind("k", kind).bind("n", name).mapTo(Boolean.class).one();
    }

    /** The live resources of a kind an instance holds, in the caller's transaction. */
    public static long count(Handle h, String instanceId, String kind) {
        return h.createQuery("SELECT count(*) FROM instance_resources WHERE instance_id = :i AND kind = :k AND deleted_at IS NULL")
                .bind("i", instanceId).bind("k", kind).mapTo(Long.class).one();
    }

    public static ProblemException notFound(String instanceId, String kind, String name) {
        return new ProblemException(Codes.RESOURCE_NOT_FOUND, "instance " + instanceId + " has no " + singular(kind) + " " + name);
    }

    private static String singular(String kind) {
        return kind.endsWith("s") ? kind.substring(0, kind.length() - 1) : kind;
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("corrupt resource attributes: " + json, e);
        }
    }
}
