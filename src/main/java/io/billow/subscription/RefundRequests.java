package io.billow.subscription;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.account.Account;
import io.billow.account.AccountStore;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.Catalog;
import io.billow.catalog.Product;
import io.billow.change.InstanceChanges;
import io.billow.event.EventLog;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.order.Order;
import io.billow.problem.Codes;
import io.billow.problem.ProblemException;
import io.billow.timeline.TimelineEvent;
import org.jdbi.v3.core.Handle;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A whole-instance refund (domain.md §8, seed 004): the tenant asks, an operator approves or
 * declines once. On approval the refund follows the unsubscribe rule (the unused cash, or the
 * five-day no-reason refund), the instance is Frozen at once (nothing is billed) and the scheduler
 * releases it after the product's {@link #FROZEN_BEFORE_DELETE} duration. Products whose catalog
 * has no such duration do not take these requests.
 */
public final class RefundRequests {

    /** The catalog duration (seconds) between the approval and the deletion; its presence offers the requests. */
    public static final String FROZEN_BEFORE_DELETE = "FROZEN_BEFORE_DELETE";
    public static final String FROZEN = "Frozen";
    public static final String NOT_FOUND = "RefundRequest.NotFound";
    public static final String ALREADY_DECIDED = "IncorrectRefundRequestState";
    public static final String PENDING_EXISTS = "OperationDenied.RefundRequestPending";
    /** A limit on the reason a tenant gives. */
    public static final int MAX_REASON = 1000;

    /** What a request looks like once stored. */
    public enum Status {
        /** Asked, not yet decided. */
        PENDING,
        /** Refunded, frozen, and due to be released. */
        APPROVED,
        /** Refused by the operator; the instance runs on as before. */
        DECLINED
    }

    public record Request(String id, String accountId, String instanceId, Status status, String reason, Optional<String> orderId,
                          Instant createdAt, Optional<Instant> decidedAt) {
    }

    private final Catalog catalog;

    public RefundRequests(Catalog catalog) {
        this.catalog = catalog;
    }

    /** A tenant's request; refused for an instance that cannot be refunded whole, with nothing written. */
    public Request ask(Handle h, String accountId, String instanceId, String reason, Instant now) {
        Instance i = InstanceStore.lock(h, accountId, instanceId);
        if (i.isReleased()) {
            throw InstanceStore.notFound(instanceId);
        }
        Product product = catalog.product(i.product()).orElseThrow();
        if (!product.facts().durations().containsKey(FROZEN_BEFORE_DELETE)) {
            throw new ProblemException("OperationDenied", product.name() + " instances are not refunded whole; unsubscribe instead");
        }
        if (i.method() != BillingMethod.SUBSCRIPTION) {
            throw new ProblemException("InvalidPayType.NotSupported", "instance " + instanceId + " is billed " + i.method().alibabaName()
                    + "; only a subscription is refunded whole");
        }
        InstanceChanges.requireIdle(h, i, "Running");
        String why = reason == null ? "" : reason.strip();
        if (why.length() > MAX_REASON) {
            throw new ProblemException(Codes.INVALID_PARAMETER, "reason is at most " + MAX_REASON + " characters");
        }
        if (pending(h, instanceId).isPresent()) {
            throw new ProblemException(PENDING_EXISTS, "instance " + instanceId + " already has a refund request waiting for a decision");
        }
        String id = "rr-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        h.createUpdate("INSERT INTO refund_requests (id, account_id, instance_id, status, reason, created_at) "
                        + "VALUES (:id, :a, :i, 'PENDING', :r, :t)")
                .bind("id", id).bind("a", i.accountId()).bind("i", i.id()).bind("r", why).bind("t", Timestamp.from(now)).execute();
        EventLog.emit(h, i.accountId(), i.id(), "instance.refund-requested", now, EventLog.payload().put("requestId", id));
        return get(h, null, id);
    }

    /** The operator's decision; an approval refunds, freezes and schedules the release in the same transaction. */
    public Request decide(Handle h, String requestId, boolean approve, Instant now) {
        Request r = h.createQuery("SELECT * FROM refund_requests WHERE id = :id FOR UPDATE").bind("id", requestId)
                .map((rs, ctx) -> read(rs)).findOne().orElseThrow(() -> notFound(requestId));
        if (r.status() != Status.PENDING) {
            throw new ProblemException(ALREADY_DECIDED, "refund request " + requestId + " was already " + r.status());
        }
        String orderId = null;
        if (approve) {
            orderId = approve(h, r, now).id();
        }
        h.createUpdate("UPDATE refund_requests SET status = :s, decided_at = :t, order_id = :o WHERE id = :id")
                .bind("s", approve ? Status.APPROVED.name() : Status.DECLINED.name()).bind("t", Timestamp.from(now)).bind("o", orderId)
                .bind("id", requestId).execute();
        EventLog.emit(h, r.accountId(), r.instanceId(), approve ? "instance.refund-approved" : "instance.refund-declined", now,
                EventLog.payload().put("requestId", requestId).put("orderId", orderId));
        return get(h, null, requestId);
    }

    private Order approve(Handle h, Request r, Instant now) {
        Instance i = InstanceStore.lock(h, r.accountId(), r.instanceId());
        InstanceChanges.requireIdle(h, i, "Running");
        Product product = catalog.product(i.product()).orElseThrow();
        Account account = AccountStore.lock(h, i.accountId());
        Order refund = Refunds.unsubscribe(h, account, i, now);
        InstanceStore.append(h, i.id(), List.of(new TimelineEvent.StateChanged(now, FROZEN)));
        Terms.clear(h, i.id());
        Instant release = now.plusSeconds(product.facts().durations().get(FROZEN_BEFORE_DELETE));
        h.createUpdate("UPDATE instances SET release_at = :r WHERE id = :id").bind("r", Timestamp.from(release)).bind("id", i.id()).execute();
        EventLog.emit(h, i.accountId(), i.id(), "instance.frozen", now, EventLog.payload().put("orderId", refund.id())
                .put("releaseAt", release.toString()));
        return refund;
    }

    /** A request the caller may see ({@code accountId} null for the operator). */
    public Request get(Handle h, String accountId, String id) {
        return h.createQuery("SELECT * FROM refund_requests WHERE id = :id AND (:a IS NULL OR account_id = :a)")
                .bind("id", id).bind("a", accountId).map((rs, ctx) -> read(rs)).findOne().orElseThrow(() -> notFound(id));
    }

    /** The requests the caller may see, newest first, at most {@code limit}. */
    public List<Request> list(Handle h, String accountId, int limit) {
        return h.createQuery("SELECT * FROM refund_requests WHERE (:a IS NULL OR account_id = :a) ORDER BY created_at DESC, id LIMIT :l")
                .bind("a", accountId).bind("l", limit).map((rs, ctx) -> read(rs)).list();
    }

    private static Optional<String> pending(Handle h, String instanceId) {
        return h.createQuery("SELECT id FROM refund_requests WHERE instance_id = :i AND status = 'PENDING'").bind("i", instanceId)
                .mapTo(String.class).findOne();
    }

    public static ObjectNode view(Request r) {
        ObjectNode n = EventLog.payload().put("requestId", r.id()).put("accountId", r.accountId()).put("instanceId", r.instanceId())
                .put("status", r.status().name()).put("reason", r.reason()).put("createdAt", r.createdAt().toString());
        n.put("orderId", r.orderId().orElse(null)).put("decidedAt", r.decidedAt().map(Instant::toString).orElse(null));
        return n;
    }

    private static Request read(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new Request(rs.getString("id"), rs.getString("account_id"), rs.getString("instance_id"), Status.valueOf(rs.getString("status")),
                rs.getString("reason"), Optional.ofNullable(rs.getString("order_id")), rs.getTimestamp("created_at").toInstant(),
                Optional.ofNullable(decided).map(Timestamp::toInstant));
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(NOT_FOUND, "refund request " + id + " does not exist");
    }
}
