package io.billow.instance;

import io.billow.catalog.BillingMethod;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The live instances of one product in an account that match a describe call's filters, a page
 * at a time, in id order. The filters and the page are the database's work: a describe must not
 * read and parse every instance the account has to return thirty of them.
 */
public record InstanceQuery(String accountId, String product, Optional<Set<String>> ids, Optional<String> region,
                            Optional<String> status, Optional<BillingMethod> method, Optional<String> edition) {

    /** Every live instance of a product in an account. */
    public static InstanceQuery live(String accountId, String product) {
        return new InstanceQuery(accountId, product, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The same query narrowed to one region. */
    public InstanceQuery inRegion(String regionId) {
        return new InstanceQuery(accountId, product, ids, Optional.of(regionId), status, method, edition);
    }

    /** One page of the matches and how many match in all. */
    public record Page(List<Instance> items, long total) {
    }

    public Page page(Handle h, long offset, int limit) {
        List<String> where = new ArrayList<>(List.of("account_id = :account", "product = :product", "released_at IS NULL"));
        ids.ifPresent(x -> where.add("id IN (<ids>)"));
        region.ifPresent(x -> where.add("region = :region"));
        status.ifPresent(x -> where.add("status = :status"));
        method.ifPresent(x -> where.add("billing_method = :method"));
        edition.ifPresent(x -> where.add("edition = :edition"));
        String condition = String.join(" AND ", where);
        if (ids.isPresent() && ids.get().isEmpty()) {
            return new Page(List.of(), 0);
        }
        List<Instance> items = bound(h.createQuery("SELECT * FROM instances WHERE " + condition + " ORDER BY id OFFSET :offset LIMIT :limit"))
                .bind("offset", offset).bind("limit", limit).map(InstanceStore.INSTANCE).list();
        long total = items.isEmpty() && offset == 0 ? 0
                : items.size() < limit && offset == 0 ? items.size()
                : bound(h.createQuery("SELECT count(*) FROM instances WHERE " + condition)).mapTo(Long.class).one();
        return new Page(items, total);
    }

    /** Every match, up to {@code limit}. */
    public List<Instance> all(Handle h, int limit) {
        return page(h, 0, limit).items();
    }

    private Query bound(Query q) {
        q.bind("account", accountId).bind("product", product);
        ids.ifPresent(x -> q.bindList("ids", List.copyOf(x)));
        region.ifPresent(x -> q.bind("region", x));
        status.ifPresent(x -> q.bind("status", x));
        method.ifPresent(x -> q.bind("method", x.name()));
        edition.ifPresent(x -> q.bind("edition", x));
        return q;
    }
}
