package io.billow.settlement;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Handle;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads settled bills with their lines, shaped for the APIs. */
public final class BillQueries {

    /** A limit on everything: one query returns at most this many bills. */
    public static final int MAX_BILLS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private BillQueries() {
    }

    private static final String ACCOUNT_BILLS = "SELECT * FROM bills WHERE (:a IS NULL OR account_id = :a) "
            + "AND period_start >= :from AND period_start < :to ORDER BY period_start, instance_id LIMIT :n";

    /**
     * One instance's bills: bills are keyed by (period, instance), so they are probed period by
     * period, over the instance's settled periods in the range, on its account's grid of periods
     * (which the account's cursor is on).
     */
    private static final String INSTANCE_BILLS = "SELECT b.* FROM instances i JOIN accounts a ON a.id = i.account_id "
            + "CROSS JOIN LATERAL generate_series("
            + "least(a.settled_through, a.settled_through - make_interval(hours => ceil(extract(epoch FROM a.settled_through "
            + "- (CAST(:to AS timestamptz) - interval '1 second')) / 3600)::int)), "
            + "a.settled_through - make_interval(hours => floor(extract(epoch FROM a.settled_through "
            + "- greatest(CAST(:from AS timestamptz), i.created_at - interval '1 hour')) / 3600)::int), interval '-1 hour') p(s) "
            + "JOIN bills b ON b.period_start = p.s AND b.instance_id = i.id "
            + "WHERE i.id = :i AND (:a IS NULL OR i.account_id = :a) ORDER BY b.period_start LIMIT :n";

    /** The arithmetic of a stored line, from its own columns (stored once, not repeated in the explanation). */
    private static String formula(java.sql.ResultSet rs) throws java.sql.SQLException {
        long size = rs.getLong("unit_size");
        return rs.getBigDecimal("quantity").toPlainString() + " " + rs.getString("quantity_unit") + " × "
                + rs.getBigDecimal("unit_price").toPlainString() + " per " + rs.getString("price_unit")
                + (size == 1 ? "" : " ÷ " + size) + " = " + rs.getBigDecimal("amount").toPlainString();
    }

    public static List<ObjectNode> bills(Handle h, String accountId, String instanceId, Instant from, Instant to, int limit) {
        Map<Long, ObjectNode> bills = new LinkedHashMap<>();
        h.createQuery(instanceId == null ? ACCOUNT_BILLS : INSTANCE_BILLS)
                .bind("a", accountId).bind("i", instanceId).bind("from", Timestamp.from(from)).bind("to", Timestamp.from(to))
                .bind("n", Math.min(limit, MAX_BILLS))
                .map((rs, ctx) -> {
                    ObjectNode b = JSON.createObjectNode();
                    b.put("billId", rs.getLong("id")).put("accountId", rs.getString("account_id")).put("instanceId", rs.getString("instance_id"))
                            .put("periodStart", rs.getTimestamp("period_start").toInstant().toString())
                            .put("periodEnd", rs.getTimestamp("period_end").toInstant().toString())
                            .put("currency", rs.getString("currency"));
                    b.putArray("lines");
                    b.put("gross", rs.getBigDecimal("gross").toPlainString())
                            .put("roundingDiscount", rs.getBigDecimal("rounding_discount").toPlainString())
                            .put("payable", rs.getBigDecimal("payable").toPlainString());
                    bills.put(rs.getLong("id"), b);
                    return null;
                }).forEach(x -> { });
        if (!bills.isEmpty()) {
            h.createQuery("SELECT * FROM bill_lines WHERE bill_id = ANY(:ids) ORDER BY bill_id, line_no")
                    .bindArray("ids", Long.class, new ArrayList<>(bills.keySet()))
                    .map((rs, ctx) -> {
                        ArrayNode lines = (ArrayNode) bills.get(rs.getLong("bill_id")).get("lines");
                        lines.addObject().put("item", rs.getString("item")).put("spec", rs.getString("spec"))
                                .put("billingMethod", io.billow.catalog.BillingMethod.valueOf(rs.getString("billing_method")).catalogName())
                                .put("quantity", rs.getBigDecimal("quantity").toPlainString()).put("unit", rs.getString("quantity_unit"))
                                .put("unitPrice", rs.getBigDecimal("unit_price").toPlainString()).put("priceUnit", rs.getString("price_unit"))
                                .put("amount", rs.getBigDecimal("amount").toPlainString()).put("adjustment", rs.getBoolean("adjustment"))
                                .put("explanation", formula(rs) + "; " + rs.getString("explanation"));
                        return null;
                    }).forEach(x -> { });
        }
        return new ArrayList<>(bills.values());
    }
}
