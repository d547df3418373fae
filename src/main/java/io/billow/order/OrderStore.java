package io.billow.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Orders in PostgreSQL; every method runs in the caller's transaction. */
public final class OrderStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final RowMapper<Order> ORDER = (rs, ctx) -> {
        try {
            return new Order(rs.getString("id"), rs.getString("account_id"), rs.getString("instance_id"),
                    OrderType.valueOf(rs.getString("type")), OrderStatus.valueOf(rs.getString("status")), rs.getString("currency"),
                    rs.getBigDecimal("list_price"), rs.getBigDecimal("discount"), rs.getBigDecimal("coupon"), rs.getBigDecimal("cash_paid"),
                    rs.getString("explanation"), (ObjectNode) JSON.readTree(rs.getString("details")),
                    rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("corrupt order details", e);
        }
    };

    private OrderStore() {
    }

    /** Order ids are numeric strings, as Alibaba's are. */
    public static String newId() {
        return String.valueOf(200_000_000_000_000L + (RANDOM.nextLong() & 0xFFFFFFFFFFFL) % 800_000_000_000_000L);
    }

    public static Order insert(Handle h, String accountId, String instanceId, OrderType type, OrderStatus status, String currency,
                               BigDecimal list, BigDecimal discount, BigDecimal coupon, BigDecimal cash, String explanation,
                               ObjectNode details, Instant now) {
        String id = newId();
        h.createUpdate("INSERT INTO orders (id, account_id, instance_id, type, status, currency, list_price, discount, coupon, cash_paid, "
                        + "explanation, details, created_at, updated_at) VALUES (:id, :a, :i, :t, :s, :c, :l, :d, :cp, :cash, :e, "
                        + "CAST(:details AS jsonb), :now, :now)")
                .bind("id", id).bind("a", accountId).bind("i", instanceId).bind("t", type.name()).bind("s", status.name())
                .bind("c", currency).bind("l", list).bind("d", discount).bind("cp", coupon).bind("cash", cash).bind("e", explanation)
                .bind("details", details.toString()).bind("now", Timestamp.from(now)).execute();
        return get(h, id);
    }

    public static Order get(Handle h, String id) {
        return h.createQuery("SELECT * FROM orders WHERE id = :id").bind("id", id).map(ORDER).one();
    }

    public static Optional<Order> find(Handle h, String accountId, String id) {
        return h.createQuery("SELECT * FROM orders WHERE id = :id AND (:a IS NULL OR account_id = :a)").bind("id", id).bind("a", accountId)
                .map(ORDER).findOne();
    }

    public static void setStatus(Handle h, String id, OrderStatus status, Instant now) {
        h.createUpdate("UPDATE orders SET status = :s, updated_at = :now WHERE id = :id").bind("s", status.name())
                .bind("now", Timestamp.from(now)).bind("id", id).execute();
    }

    public static List<Order> list(Handle h, String accountId, String instanceId, int limit) {
        return h.createQuery("SELECT * FROM orders WHERE (:a IS NULL OR account_id = :a) AND (:i IS NULL OR instance_id = :i) "
                        + "ORDER BY seq LIMIT :n")
                .bind("a", accountId).bind("i", instanceId).bind("n", limit).map(ORDER).list();
    }

    /** Whether the instance has an order still waiting for payment. */
    public static boolean hasOpenOrder(Handle h, String instanceId) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM orders WHERE instance_id = :i AND status = 'CREATED')")
                .bind("i", instanceId).mapTo(Boolean.class).one();
    }
}
