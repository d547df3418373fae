package io.billow.api.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.catalog.BillingItem;
import io.billow.catalog.Catalog;
import io.billow.catalog.PriceEntry;
import io.billow.catalog.Product;
import io.billow.order.Order;
import io.billow.order.OrderStore;
import io.billow.settlement.BillQueries;
import io.javalin.http.Context;
import org.jdbi.v3.core.Jdbi;

import java.sql.Timestamp;
import java.time.Instant;

/** Bills, orders, events and the catalog. */
public final class MoneyRoutes {

    private final Jdbi jdbi;
    private final Catalog catalog;

    public MoneyRoutes(Jdbi jdbi, Catalog catalog) {
        this.jdbi = jdbi;
        this.catalog = catalog;
    }

    void bills(Context ctx, Caller caller) {
        String account = caller.scope(ctx.queryParam("accountId"));
        Instant from = Params.instant(ctx, "from", Instant.EPOCH);
        Instant to = Params.instant(ctx, "to", Instant.parse("9999-01-01T00:00:00Z"));
        int limit = Params.integer(ctx, "limit", 1000, 1, BillQueries.MAX_BILLS);
        var bills = jdbi.withHandle(h -> BillQueries.bills(h, account, ctx.queryParam("instanceId"), from, to, limit));
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode arr = out.putArray("bills");
        bills.forEach(arr::add);
        RestApi.json(ctx, 200, out);
    }

    void orders(Context ctx, Caller caller) {
        String account = caller.scope(ctx.queryParam("accountId"));
        int limit = Params.integer(ctx, "limit", 1000, 1, 10_000);
        var orders = jdbi.withHandle(h -> OrderStore.list(h, account, ctx.queryParam("instanceId"), limit));
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode arr = out.putArray("orders");
        for (Order o : orders) {
            arr.add(orderView(o));
        }
        RestApi.json(ctx, 200, out);
    }

    static ObjectNode orderView(Order o) {
        ObjectNode n = Json.MAPPER.createObjectNode().put("orderId", o.id()).put("accountId", o.accountId()).put("instanceId", o.instanceId())
                .put("type", o.type().name()).put("status", o.status().name()).put("currency", o.currency())
                .put("listPrice", o.listPrice().toPlainString()).put("discount", o.discount().toPlainString())
                .put("coupon", o.coupon().toPlainString()).put("cashPaid", o.cashPaid().toPlainString())
                .put("explanation", o.explanation()).put("createdAt", o.createdAt().toString());
        n.set("details", o.details());
        return n;
    }

    void events(Context ctx, Caller caller) {
        String account = caller.scope(ctx.queryParam("accountId"));
        long after = Params.integer(ctx, "after", 0, 0, Integer.MAX_VALUE);
        int limit = Params.integer(ctx, "limit", 1000, 1, 10_000);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode arr = out.putArray("events");
        jdbi.useHandle(h -> h.createQuery("SELECT id, account_id, instance_id, type, at, payload::text FROM events "
                        + "WHERE (:a IS NULL OR account_id = :a) AND (:i IS NULL OR instance_id = :i) AND id > :after ORDER BY id LIMIT :n")
                .bind("a", account).bind("i", ctx.queryParam("instanceId")).bind("after", after).bind("n", limit)
                .map((rs, c) -> {
                    ObjectNode n = arr.addObject().put("eventId", rs.getLong(1)).put("accountId", rs.getString(2))
                            .put("instanceId", rs.getString(3)).put("type", rs.getString(4))
                            .put("at", rs.getObject(5, Timestamp.class).toInstant().toString());
                    try {
                        n.set("data", Json.MAPPER.readTree(rs.getString(6)));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                    return n;
                }).forEach(x -> { }));
        RestApi.json(ctx, 200, out);
    }

    void catalog(Context ctx) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode products = out.putArray("products");
        for (Product p : catalog.products().values()) {
            ObjectNode n = products.addObject().put("code", p.code()).put("name", p.name());
            n.set("regions", Json.MAPPER.valueToTree(p.regions()));
            n.set("editions", Json.MAPPER.valueToTree(p.editions().keySet()));
            ArrayNode classes = n.putArray("classes");
            p.classes().values().forEach(c -> CatalogBounds.storage(p, c, classes.addObject().put("code", c.code())
                    .put("edition", c.edition().orElse(null)).put("cores", c.cores()).put("memoryGb", c.memoryGb().toPlainString())
                    .put("storageGb", c.storageGb())
                    .set("limits", Json.MAPPER.valueToTree(new java.util.TreeMap<>(c.limits())))));
            CatalogBounds.product(p, n);
            ArrayNode items = n.putArray("items");
            for (BillingItem i : p.items()) {
                ObjectNode item = items.addObject().put("code", i.code()).put("name", i.name()).put("measure", i.measure().name())
                        .put("granularity", i.granularity().name()).put("priceUnit", i.priceUnit());
                // The instance-type table: each type's free quota of the item.
                item.set("freeQuota", Json.MAPPER.valueToTree(new java.util.TreeMap<>(i.freeQuotas())));
            }
            n.set("states", Json.MAPPER.valueToTree(p.states()));
        }
        ArrayNode prices = out.putArray("prices");
        for (PriceEntry e : catalog.prices().entries()) {
            prices.addObject().put("id", e.id()).put("product", e.product()).put("item", e.item()).put("region", e.region())
                    .put("spec", e.spec()).put("currency", e.currency()).put("unitPrice", e.unitPrice().toPlainString())
                    .put("effectiveFrom", e.effectiveFrom().toString()).put("sample", e.sample())
                    .set("tiers", tiers(e));
        }
        RestApi.json(ctx, 200, out);
    }

    private static ArrayNode tiers(PriceEntry e) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        e.tiers().forEach(t -> out.addObject().put("above", t.above().toPlainString()).put("unitPrice", t.unitPrice().toPlainString()));
        return out;
    }
}
