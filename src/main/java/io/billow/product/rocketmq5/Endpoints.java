package io.billow.product.rocketmq5;

import io.billow.change.InstanceIds;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The endpoints of RocketMQ 5.x instances (table {@code instance_endpoints}). The timeline holds
 * what billing needs of them; these rows hold what the APIs show (address, status, dates), and
 * every write here goes with its timeline event in the same transaction.
 */
public final class Endpoints {

    /** A limit on everything: an instance never lists more endpoints than this. */
    static final int MAX_PER_INSTANCE = 100;

    private final Jdbi jdbi;

    public Endpoints(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Every endpoint the instance has had, oldest first, the deleted ones with their deletion instant. */
    public List<Endpoint> list(String instanceId) {
        return jdbi.withHandle(h -> list(h, instanceId));
    }

    /** The endpoints still in place (not deleted), oldest first. */
    public List<Endpoint> live(String instanceId) {
        return list(instanceId).stream().filter(e -> !e.isDeleted()).toList();
    }

    static List<Endpoint> list(Handle h, String instanceId) {
        // A released instance's endpoints went with it, at the release second.
        return h.createQuery("SELECT e.endpoint_id, e.endpoint_type, e.url, e.bills_owner, e.status, e.created_at, e.marked_at, "
                        + "coalesce(e.deleted_at, i.released_at) FROM instance_endpoints e JOIN instances i ON i.id = e.instance_id "
                        + "WHERE e.instance_id = :i ORDER BY e.created_at, e.endpoint_id LIMIT :n")
                .bind("i", instanceId).bind("n", MAX_PER_INSTANCE)
                .map((rs, ctx) -> new Endpoint(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        Endpoint.Status.of(rs.getString(5)), rs.getTimestamp(6).toInstant(), instant(rs.getTimestamp(7)),
                        instant(rs.getTimestamp(8))))
                .list();
    }

    static Optional<Endpoint> find(Handle h, String instanceId, String endpointId) {
        return list(h, instanceId).stream().filter(e -> e.endpointId().equals(endpointId)).findFirst();
    }

    /** A new endpoint: a fresh id, and the address clients use. */
    static Endpoint newEndpoint(String instanceId, String region, boolean billsOwner, boolean first, Instant at) {
        return endpoint(InstanceIds.next("ep-{lower:17}"), instanceId, region, billsOwner, first, at);
    }

    /** The first endpoint of an instance has the instance's plain VPC address; later ones a suffix of their id. */
    static Endpoint endpoint(String id, String instanceId, String region, boolean billsOwner, boolean first, Instant at) {
        String host = first ? instanceId + "-vpc" : instanceId + "-vpc-" + id.substring(id.length() - 6);
        return new Endpoint(id, Endpoint.TCP_VPC, host + "." + region + ".rmq.aliyuncs.com:8080", billsOwner, Endpoint.Status.ACTIVE,
                at, Optional.empty(), Optional.empty());
    }

    static void insert(Handle h, String instanceId, Endpoint e) {
        h.createUpdate("INSERT INTO instance_endpoints (instance_id, endpoint_id, endpoint_type, url, bills_owner, status, created_at) "
                        + "VALUES (:i, :e, :t, :u, :b, :s, :at)")
                .bind("i", instanceId).bind("e", e.endpointId()).bind("t", e.type()).bind("u", e.url()).bind("b", e.billsOwner())
                .bind("s", e.status().wire()).bind("at", Timestamp.from(e.createdAt())).execute();
    }

    static void markToBeUnpublished(Handle h, String instanceId, String endpointId, Instant at) {
        h.createUpdate("UPDATE instance_endpoints SET status = :s, marked_at = :at WHERE instance_id = :i AND endpoint_id = :e")
                .bind("s", Endpoint.Status.TO_BE_UNPUBLISHED.wire()).bind("at", Timestamp.from(at)).bind("i", instanceId)
                .bind("e", endpointId).execute();
    }

    static void markDeleted(Handle h, String instanceId, String endpointId, Instant at) {
        h.createUpdate("UPDATE instance_endpoints SET deleted_at = :at WHERE instance_id = :i AND endpoint_id = :e AND deleted_at IS NULL")
                .bind("at", Timestamp.from(at)).bind("i", instanceId).bind("e", endpointId).execute();
    }

    private static Optional<Instant> instant(Timestamp t) {
        return t == null ? Optional.empty() : Optional.of(t.toInstant());
    }
}
