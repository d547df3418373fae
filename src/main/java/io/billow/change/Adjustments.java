package io.billow.change;

import io.billow.account.Account;
import io.billow.account.AccountStore;
import io.billow.catalog.Catalog;
import io.billow.catalog.Product;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.metering.Meter;
import io.billow.quota.AccountQuotas;
import io.billow.rating.BillLine;
import io.billow.rating.QuotaGrants;
import io.billow.rating.Explanation;
import io.billow.rating.Rater;
import io.billow.time.Interval;
import io.billow.time.SettlementZone;
import io.billow.timeline.Timeline;
import org.jdbi.v3.core.Handle;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Late usage for a period already settled: the period is re-rated with and without the sample
 * (both pure), and the difference per line becomes an adjustment billed in the next unsettled
 * period. A settled bill is never rewritten.
 */
public final class Adjustments {

    private final Catalog catalog;
    private final Rater rater;

    public Adjustments(Catalog catalog) {
        this.catalog = catalog;
        this.rater = new Rater(catalog.prices());
    }

    /**
     * Called with the account locked ({@link AccountStore#countLateUsage}), so no settlement batch
     * writes meanwhile. The periods to re-rate are those the instance already has its bill for:
     * every period before the account's cursor, and the cursor's own if its settlement is under
     * way and has reached this instance.
     */
    public void afterLateUsage(Handle h, Instance i, Timeline before, Instant at) {
        Account account = AccountStore.find(h, i.accountId()).orElseThrow();
        Instant billedThrough = account.settledThrough();
        boolean cursorPeriodBilled = h.createQuery("SELECT EXISTS (SELECT 1 FROM bills WHERE instance_id = :i AND period_start = :s)")
                .bind("i", i.id()).bind("s", Timestamp.from(billedThrough)).mapTo(Boolean.class).one();
        if (cursorPeriodBilled) {
            billedThrough = billedThrough.plusSeconds(SettlementZone.PERIOD_SECONDS);
        }
        if (!at.isBefore(billedThrough)) {
            return;
        }
        Timeline after = InstanceStore.timeline(h, i.id());
        Product product = catalog.product(i.product()).orElseThrow();
        SettlementZone zone = account.settlementZone();
        Rater.Pricing pricing = new Rater.Pricing(i.product(), i.region(), account.currency());
        for (Interval period : zone.periodsCovering(Interval.of(zone.periodContaining(at).start(), billedThrough))) {
            // Usage drawing on an account-wide quota is rated with the free parts it was allocated (the late one's included).
            Map<String, BigDecimal> grants = product.items().stream().anyMatch(AccountQuotas::isAccountWide)
                    ? AccountQuotas.grants(h, List.of(i.id()), period).getOrDefault(i.id(), Map.of()) : Map.of();
            Map<String, BillLine> was = byKey(rater.rate(Meter.measure(before, product, period, zone), pricing, Map.of(),
                    QuotaGrants.byEventIndex(before, grants)));
            Map<String, BillLine> now = byKey(rater.rate(Meter.measure(after, product, period, zone), pricing, Map.of(),
                    QuotaGrants.byEventIndex(after, grants)));
            Map<String, BillLine> keys = new LinkedHashMap<>(was);
            now.forEach(keys::putIfAbsent);
            for (Map.Entry<String, BillLine> k : keys.entrySet()) {
                BillLine w = was.get(k.getKey());
                BillLine n = now.get(k.getKey());
                BigDecimal quantity = qty(n).subtract(qty(w));
                BigDecimal amount = amt(n).subtract(amt(w));
                if (quantity.signum() == 0 && amount.signum() == 0) {
                    continue;
                }
                BillLine line = k.getValue();
                h.createUpdate("INSERT INTO adjustments (account_id, instance_id, source_period_start, item, spec, billing_method, quantity, "
                                + "quantity_unit, unit_price, unit_size, price_unit, amount, explanation, created_at) VALUES (:a, :i, :p, :item, "
                                + ":spec, :m, :q, :qu, :up, :us, :pu, :amt, :e, :now)")
                        .bind("a", i.accountId()).bind("i", i.id()).bind("p", Timestamp.from(period.start())).bind("item", line.item())
                        .bind("spec", line.spec()).bind("m", line.method().name()).bind("q", quantity).bind("qu", line.quantityUnit())
                        .bind("up", line.unitPrice()).bind("us", line.unitSize()).bind("pu", line.priceUnit()).bind("amt", amount)
                        .bind("e", "late usage at " + at + " re-rated settled period " + period + ": " + amt(w).toPlainString()
                                + " → " + amt(n).toPlainString() + " (" + qty(w).toPlainString() + " → " + qty(n).toPlainString() + " "
                                + line.quantityUnit() + ")")
                        .bind("now", Timestamp.from(at)).execute();
            }
        }
    }

    /** A pending adjustment as a bill line, with the id to mark when it is billed. */
    public record Pending(long id, BillLine line) {
    }

    /** Adjustments not yet billed, by instance, for the account's instances with ids in (after, last]. */
    public static Map<String, List<Pending>> pending(Handle h, String accountId, String after, String last) {
        Map<String, List<Pending>> out = new HashMap<>();
        h.createQuery("SELECT * FROM adjustments WHERE account_id = :a AND instance_id > :after AND instance_id <= :last "
                        + "AND bill_id IS NULL ORDER BY id")
                .bind("a", accountId).bind("after", after).bind("last", last)
                .map((rs, ctx) -> out.computeIfAbsent(rs.getString("instance_id"), k -> new ArrayList<>()).add(new Pending(rs.getLong("id"),
                        new BillLine(rs.getString("item"), rs.getString("item"), rs.getString("spec"),
                                io.billow.catalog.BillingMethod.valueOf(rs.getString("billing_method")), rs.getBigDecimal("quantity"),
                                rs.getString("quantity_unit"), rs.getBigDecimal("unit_price"), rs.getLong("unit_size"), rs.getString("price_unit"),
                                rs.getBigDecimal("amount"), true, new Explanation(List.of(), "adjustment", rs.getString("explanation"))))))
                .forEach(x -> { });
        return out;
    }

    private static Map<String, BillLine> byKey(List<BillLine> lines) {
        Map<String, BillLine> m = new LinkedHashMap<>();
        for (BillLine l : lines) {
            m.put(l.item() + "|" + l.spec() + "|" + l.method() + "|" + l.unitPrice().stripTrailingZeros().toPlainString(), l);
        }
        return m;
    }

    private static BigDecimal qty(BillLine l) {
        return l == null ? BigDecimal.ZERO : l.quantity();
    }

    private static BigDecimal amt(BillLine l) {
        return l == null ? BigDecimal.ZERO : l.amount();
    }
}
