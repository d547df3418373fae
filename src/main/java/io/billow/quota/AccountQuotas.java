package io.billow.quota;

import io.billow.catalog.BillingItem;
import io.billow.catalog.Granularity;
import io.billow.catalog.Product;
import io.billow.catalog.QuotaScope;
import io.billow.time.Interval;
import io.billow.time.SettlementZone;
import org.jdbi.v3.core.Handle;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Free quotas shared by every instance of an account over its monthly cycle (quotaScope
 * ACCOUNT). Usage is handed its free part in usage order: a period's events, ordered by
 * (instant, instance, arrival), when the period's settlement begins; an event that arrives after
 * its period was allocated, when it arrives (after everything allocated before it). Both run
 * under the account's row lock and write the allocation in the same transaction as the running
 * total, so a crash or a retry never hands out a free call twice or loses one.
 */
public final class AccountQuotas {

    private final Function<String, Product> products;

    /** @param products a product by its code (the catalog's) */
    public AccountQuotas(Function<String, Product> products) {
        this.products = products;
    }

    /** Whether an item's free quota is the account's: such usage is recorded here as well as on the timeline. */
    public static boolean isAccountWide(BillingItem item) {
        return item.granularity() == Granularity.COUNT && item.quotaScope() == QuotaScope.ACCOUNT;
    }

    static String key(String product, String item) {
        return product + "/" + item;
    }

    /**
     * Records an account-wide usage event; the caller holds the account's row lock. Allocated at
     * once if its period was already allocated (it arrived late), else when its period settles.
     */
    public void record(Handle h, String accountId, SettlementZone zone, String instanceId, String product, BillingItem item,
                       String eventId, Instant at, BigDecimal quantity) {
        long id = h.createQuery("INSERT INTO usage_counts (account_id, instance_id, quota_key, event_id, at, quantity) "
                        + "VALUES (:a, :i, :k, :e, :at, :q) RETURNING id")
                .bind("a", accountId).bind("i", instanceId).bind("k", key(product, item.code())).bind("e", eventId)
                .bind("at", Timestamp.from(at)).bind("q", quantity).mapTo(Long.class).one();
        Instant allocatedThrough = h.createQuery("SELECT quota_allocated_through FROM accounts WHERE id = :a").bind("a", accountId)
                .mapTo(Timestamp.class).findOne().map(Timestamp::toInstant).orElse(Instant.EPOCH);
        if (at.isBefore(allocatedThrough)) {
            allocate(h, accountId, zone, List.of(new Unallocated(id, key(product, item.code()), at, quantity)));
        }
    }

    /**
     * Allocates every event dated before the period's end that has no allocation yet, in usage
     * order, and marks the period allocated. Idempotent: run again, it finds nothing left.
     */
    public void allocatePeriod(Handle h, String accountId, SettlementZone zone, Interval period) {
        h.createQuery("SELECT id FROM accounts WHERE id = :a FOR UPDATE").bind("a", accountId).mapTo(String.class).one();
        List<Unallocated> events = h.createQuery("SELECT id, quota_key, at, quantity FROM usage_counts WHERE account_id = :a "
                        + "AND free IS NULL AND at < :end ORDER BY at, instance_id, id")
                .bind("a", accountId).bind("end", Timestamp.from(period.end()))
                .map((rs, ctx) -> new Unallocated(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getBigDecimal(4)))
                .list();
        allocate(h, accountId, zone, events);
        h.createUpdate("UPDATE accounts SET quota_allocated_through = greatest(coalesce(quota_allocated_through, :end), :end) WHERE id = :a")
                .bind("end", Timestamp.from(period.end())).bind("a", accountId).execute();
    }

    private record Unallocated(long id, String quotaKey, Instant at, BigDecimal quantity) {
    }

    private void allocate(Handle h, String accountId, SettlementZone zone, List<Unallocated> events) {
        Map<String, BigDecimal> used = new HashMap<>();
        for (Unallocated e : events) {
            Instant cycle = zone.monthlyCycleContaining(e.at()).start();
            String usedKey = e.quotaKey() + "@" + cycle;
            BigDecimal before = used.computeIfAbsent(usedKey, k -> usedIn(h, accountId, e.quotaKey(), cycle));
            BigDecimal free = BigDecimal.valueOf(quota(e.quotaKey())).subtract(before).max(BigDecimal.ZERO).min(e.quantity());
            used.put(usedKey, before.add(e.quantity()));
            h.createUpdate("UPDATE usage_counts SET free = :f WHERE id = :id").bind("f", free).bind("id", e.id()).execute();
            h.createUpdate("INSERT INTO account_quota_usage (account_id, quota_key, cycle_start, used) VALUES (:a, :k, :c, :q) "
                            + "ON CONFLICT (account_id, quota_key, cycle_start) DO UPDATE SET used = account_quota_usage.used + excluded.used")
                    .bind("a", accountId).bind("k", e.quotaKey()).bind("c", Timestamp.from(cycle)).bind("q", e.quantity()).execute();
        }
    }

    private static BigDecimal usedIn(Handle h, String accountId, String quotaKey, Instant cycle) {
        return h.createQuery("SELECT used FROM account_quota_usage WHERE account_id = :a AND quota_key = :k AND cycle_start = :c")
                .bind("a", accountId).bind("k", quotaKey).bind("c", Timestamp.from(cycle)).mapTo(BigDecimal.class).findOne()
                .orElse(BigDecimal.ZERO);
    }

    /** An account-wide quota applies to every spec alike: its "*" entry. */
    private long quota(String quotaKey) {
        int slash = quotaKey.indexOf('/');
        Product product = products.apply(quotaKey.substring(0, slash));
        return product.item(quotaKey.substring(slash + 1)).map(i -> i.freeQuota("*")).orElse(0L);
    }

    /** The free part of each allocated account-wide usage event of these instances in a period: instance → event id → free. */
    public static Map<String, Map<String, BigDecimal>> grants(Handle h, List<String> instanceIds, Interval period) {
        Map<String, Map<String, BigDecimal>> out = new HashMap<>();
        if (instanceIds.isEmpty()) {
            return out;
        }
        h.createQuery("SELECT u.instance_id, u.event_id, u.free FROM unnest(:ids) AS i(id) JOIN usage_counts u ON u.instance_id = i.id "
                        + "AND u.at >= :s AND u.at < :e AND u.free IS NOT NULL")
                .bindArray("ids", String.class, new ArrayList<>(instanceIds)).bind("s", Timestamp.from(period.start()))
                .bind("e", Timestamp.from(period.end()))
                .map((rs, ctx) -> out.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getBigDecimal(3)))
                .forEach(x -> { });
        return out;
    }
}
