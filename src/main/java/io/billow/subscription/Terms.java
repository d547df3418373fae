package io.billow.subscription;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.order.Order;
import io.billow.order.OrderStore;
import io.billow.order.OrderType;
import io.billow.proration.PaidCash;
import org.jdbi.v3.core.Handle;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A subscription instance's term as stored: its expiry (a column the scheduler finds, and the
 * same instant in the attributes the APIs show), its post-expiration action and auto-renewal, and
 * the cash each of its orders paid for which interval.
 */
public final class Terms {

    public static final String EXPIRES_AT = "expiresAt";
    public static final String ACTION = "postExpirationAction";
    public static final String AUTO_RENEW_MONTHS = "autoRenewMonths";
    public static final String SINCE = "subscriptionSince";
    /** The default post-expiration action, and the only one every product has. */
    public static final String DELETE_RESOURCE = "DeleteResource";
    /** Order details: the interval an order paid for. */
    public static final String PAID_FROM = "paidFrom";
    public static final String PAID_TO = "paidTo";

    private Terms() {
    }

    public static Optional<Instant> expiresAt(Instance i) {
        String t = i.attributes().path(EXPIRES_AT).asText("");
        return t.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(t));
    }

    public static String action(Instance i) {
        return i.attributes().path(ACTION).asText(DELETE_RESOURCE);
    }

    public static Optional<Integer> autoRenewMonths(Instance i) {
        int m = i.attributes().path(AUTO_RENEW_MONTHS).asInt(0);
        return m > 0 ? Optional.of(m) : Optional.empty();
    }

    /** A new expiry: warnings start again, and an instance awaiting release no longer is. */
    public static void setExpiry(Handle h, String instanceId, Instant expires) {
        ObjectNode a = InstanceStore.get(h, null, instanceId).attributes().deepCopy();
        a.put(EXPIRES_AT, expires.toString());
        InstanceStore.setAttributes(h, instanceId, a);
        h.createUpdate("UPDATE instances SET expires_at = :e, release_at = NULL, expiry_warned_days = NULL WHERE id = :id")
                .bind("e", Timestamp.from(expires)).bind("id", instanceId).execute();
    }

    /** The subscription is over (converted to pay-as-you-go): no expiry, no action, no renewal. */
    public static void clear(Handle h, String instanceId) {
        ObjectNode a = InstanceStore.get(h, null, instanceId).attributes().deepCopy();
        a.remove(List.of(EXPIRES_AT, ACTION, AUTO_RENEW_MONTHS, SINCE));
        InstanceStore.setAttributes(h, instanceId, a);
        h.createUpdate("UPDATE instances SET expires_at = NULL, release_at = NULL, expiry_warned_days = NULL WHERE id = :id")
                .bind("id", instanceId).execute();
    }

    public static void setAttribute(Handle h, String instanceId, String name, String value) {
        ObjectNode a = InstanceStore.get(h, null, instanceId).attributes().deepCopy();
        if (value == null) {
            a.remove(name);
        } else {
            a.put(name, value);
        }
        InstanceStore.setAttributes(h, instanceId, a);
    }

    /** When the current subscription began (its creation, or the completion of the change that made it one). */
    public static Instant since(Instance i) {
        String t = i.attributes().path(SINCE).asText("");
        return t.isEmpty() ? i.createdAt() : Instant.parse(t);
    }

    /** The paying orders of the current subscription, oldest first. */
    public static List<Order> paidOrders(Handle h, Instance i) {
        Instant since = since(i);
        List<Order> out = new ArrayList<>();
        for (Order o : OrderStore.list(h, i.accountId(), i.id(), 10_000)) {
            boolean pays = o.type() == OrderType.NEW || o.type() == OrderType.RENEW || o.type() == OrderType.UPGRADE
                    || o.type() == OrderType.CONVERT;
            if (pays && o.cashPaid().signum() >= 0 && paidTo(o, i).isAfter(since)) {
                out.add(o);
            }
        }
        return out;
    }

    /**
     * The cash of the current subscription spread over what it paid for: each paying order over
     * its interval, each refund since the subscription began negatively from its instant to the term's end.
     */
    public static List<PaidCash.Span> spans(Handle h, Instance i, Instant termEnd) {
        List<PaidCash.Span> spans = new ArrayList<>();
        for (Order o : paidOrders(h, i)) {
            Instant from = Instant.parse(o.details().path(PAID_FROM).asText(o.createdAt().toString()));
            Instant to = paidTo(o, i);
            if (o.cashPaid().signum() > 0 && to.isAfter(from)) {
                spans.add(new PaidCash.Span(o.cashPaid(), from, to, o.type() + " order " + o.id()));
            }
        }
        for (Order o : OrderStore.list(h, i.accountId(), i.id(), 10_000)) {
            boolean refund = o.type() == OrderType.REFUND || o.type() == OrderType.DOWNGRADE;
            if (refund && !o.createdAt().isBefore(since(i)) && termEnd.isAfter(o.createdAt()) && o.cashPaid().signum() < 0) {
                spans.add(new PaidCash.Span(o.cashPaid(), o.createdAt(), termEnd, "refund " + o.id()));
            }
        }
        return spans;
    }

    private static Instant paidTo(Order o, Instance i) {
        String t = o.details().path(PAID_TO).asText("");
        return t.isEmpty() ? expiresAt(i).orElse(o.createdAt()) : Instant.parse(t);
    }
}
