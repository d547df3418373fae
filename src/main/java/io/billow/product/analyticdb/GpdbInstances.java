package io.billow.product.analyticdb;

import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcFailure;
import io.billow.catalog.Catalog;
import io.billow.catalog.InstanceClass;
import io.billow.catalog.Product;
import io.billow.instance.Instance;
import io.billow.instance.InstanceQuery;
import io.billow.instance.InstanceStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Optional;

/**
 * The caller's AnalyticDB instances as the GPDB API sees them. An instance of another tenant or
 * another product, or one already released, is answered exactly like an id that never existed.
 */
final class GpdbInstances {

    /** A limit on one listing: an account's instances are read at most this many at a time. */
    static final int MAX_INSTANCES = 10_000;

    /** An instance with its current node count, which lives on the timeline rather than in the row. */
    record Seen(Instance instance, long nodes) {
    }

    private final Jdbi jdbi;
    private final Catalog catalog;

    GpdbInstances(Jdbi jdbi, Catalog catalog) {
        this.jdbi = jdbi;
        this.catalog = catalog;
    }

    Product product() {
        return catalog.product(AnalyticDbModule.PRODUCT)
                .orElseThrow(() -> new IllegalStateException("the catalog has no " + AnalyticDbModule.PRODUCT));
    }

    Optional<InstanceClass> instanceClass(String code) {
        return product().instanceClass(code);
    }

    Seen require(String accountId, String id) {
        return jdbi.withHandle(h -> require(h, accountId, id));
    }

    Seen require(Handle h, String accountId, String id) {
        Instance i = InstanceStore.find(h, accountId, id).filter(GpdbInstances::ours).orElseThrow(() -> InstanceStore.notFound(id));
        return seen(h, i);
    }

    List<Seen> all(String accountId) {
        return jdbi.withHandle(h -> InstanceQuery.live(accountId, AnalyticDbModule.PRODUCT).all(h, MAX_INSTANCES).stream()
                .map(i -> seen(h, i)).toList());
    }

    /** The region a call names, refused when the product is not sold there. */
    String region(String region) {
        Product p = product();
        if (!p.regions().contains(region) && !p.regions().contains("*")) {
            throw new RpcFailure(RpcError.of("InvalidRegionId.NotFound", 404, "The specified region " + region
                    + " does not offer AnalyticDB for PostgreSQL; regions: " + p.regions() + "."));
        }
        return region;
    }

    private static boolean ours(Instance i) {
        return !i.isReleased() && i.product().equals(AnalyticDbModule.PRODUCT);
    }

    private static Seen seen(Handle h, Instance i) {
        return new Seen(i, InstanceStore.current(h, i.id()).count(InstanceClass.NODES));
    }
}
