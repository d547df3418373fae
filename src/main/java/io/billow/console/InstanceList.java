package io.billow.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.catalog.BillingMethod;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

/**
 * The Instances page: one page of an account's instances, filtered and searched in the database
 * (an account may hold 10,000), each with its cost of the latest settled hour, read from the
 * bills' (period, instance) key: mostly one index probe per row shown.
 */
final class InstanceList {

    static final int MAX_PAGE_SIZE = 100;

    /**
     * What the user asked for; empty filters match everything.
     *
     * @param search part of an id, class or zone, matched case-insensitively
     */
    record Filter(Optional<String> accountId, Optional<String> product, Optional<String> status, Optional<BillingMethod> method,
                  Optional<String> search, boolean includeReleased) {
    }

    private static final String WHERE = " FROM instances i WHERE (CAST(:account AS text) IS NULL OR i.account_id = :account)"
            + " AND (CAST(:product AS text) IS NULL OR i.product = :product) AND (CAST(:status AS text) IS NULL OR i.status = :status)"
            + " AND (CAST(:method AS text) IS NULL OR i.billing_method = :method) AND (:released OR i.released_at IS NULL)"
            + " AND (CAST(:search AS text) IS NULL OR i.id ILIKE :search OR i.instance_class ILIKE :search OR i.zone_id ILIKE :search)";

    private static final String PAGE = "SELECT i.id, i.account_id, i.product, i.edition, i.instance_class, i.billing_method, i.status, "
            + "i.region, i.zone_id, i.expires_at, i.released_at, i.created_at, coalesce(last.gross, earlier.gross) AS gross, "
            + "coalesce(last.currency, earlier.currency) AS currency, coalesce(last.period_start, earlier.period_start) AS period_start"
            + WHERE
            + " ORDER BY i.id LIMIT :size OFFSET :offset";

    /**
     * The latest bill: bills are keyed by (period, instance), so one probe at the account's last
     * settled period, and only for an instance without a bill there (released, prepaid, idle) the
     * periods of the 31 days before it, each probed.
     */
    private static final String LATEST_BILL = "JOIN accounts a ON a.id = i.account_id "
            + "LEFT JOIN bills last ON last.period_start = a.settled_through - interval '1 hour' AND last.instance_id = i.id "
            + "LEFT JOIN LATERAL (SELECT x.gross, x.currency, x.period_start FROM generate_series(a.settled_through - interval '2 hours', "
            + "a.settled_through - interval '31 days', interval '-1 hour') p(s) JOIN bills x ON x.period_start = p.s AND x.instance_id = i.id "
            + "WHERE last.gross IS NULL ORDER BY x.period_start DESC LIMIT 1) earlier ON true";

    private final Jdbi jdbi;
    private final ObjectMapper json = new ObjectMapper();

    InstanceList(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    ObjectNode page(Filter f, int page, int size) {
        ObjectNode out = json.createObjectNode().put("page", page).put("size", size);
        ArrayNode rows = out.putArray("instances");
        jdbi.useHandle(h -> {
            long total = bind(h.createQuery("SELECT count(*)" + WHERE), f).mapTo(Long.class).one();
            out.put("total", total);
            bind(h.createQuery(PAGE.replace(" FROM instances i WHERE", " FROM instances i " + LATEST_BILL + " WHERE")), f)
                    .bind("size", size).bind("offset", (long) page * size)
                    .map((rs, c) -> row(rs, rows.addObject())).list();
        });
        return out;
    }

    private static Query bind(Query q, Filter f) {
        return q.bind("account", f.accountId().orElse(null)).bind("product", f.product().orElse(null))
                .bind("status", f.status().orElse(null)).bind("method", f.method().map(Enum::name).orElse(null))
                .bind("released", f.includeReleased())
                .bind("search", f.search().map(s -> "%" + s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%").orElse(null));
    }

    private static ObjectNode row(ResultSet rs, ObjectNode n) throws SQLException {
        n.put("instanceId", rs.getString("id")).put("accountId", rs.getString("account_id")).put("product", rs.getString("product"))
                .put("edition", rs.getString("edition")).put("instanceClass", rs.getString("instance_class"))
                .put("billingMethod", BillingMethod.valueOf(rs.getString("billing_method")).catalogName()).put("status", rs.getString("status"))
                .put("region", rs.getString("region")).put("zoneId", rs.getString("zone_id"))
                .put("expiresAt", instant(rs, "expires_at")).put("releasedAt", instant(rs, "released_at"))
                .put("createdAt", instant(rs, "created_at"));
        if (rs.getBigDecimal("gross") != null) {
            // The latest settled hour's cost, as its bill says it; the page labels which hour.
            n.put("lastHourCost", rs.getBigDecimal("gross").toPlainString()).put("currency", rs.getString("currency"))
                    .put("lastHourStart", instant(rs, "period_start"));
        }
        return n;
    }

    private static String instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant().toString();
    }
}
