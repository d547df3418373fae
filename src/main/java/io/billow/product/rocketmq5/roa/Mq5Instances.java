package io.billow.product.rocketmq5.roa;

import io.billow.api.roa.RoaCall;
import io.billow.api.roa.RoaError;
import io.billow.catalog.Catalog;
import io.billow.catalog.Product;
import io.billow.instance.Instance;
import io.billow.instance.InstanceQuery;
import io.billow.instance.InstanceStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The caller's RocketMQ 5.x instances as the API sees them: those of the region the call
 * addresses, not released. Anything else (another account's, another product's, another
 * region's, a released one) is answered exactly as an id that never existed.
 *
 * <p>The region is in the endpoint the SDK calls ({@code rocketmq.<region>.aliyuncs.com}); an SDK
 * pointed at Billow's own address addresses {@value #DEFAULT_REGION}.
 */
final class Mq5Instances {

    static final String PRODUCT = "rocketmq-5";
    static final String DEFAULT_REGION = "cn-hangzhou";
    /** A limit on one listing. */
    static final int MAX_LISTED = 10_000;
    private static final Pattern HOST = Pattern.compile("rocketmq\\.([a-z0-9-]{1,40})\\.aliyuncs\\.com(:\\d{1,5})?\\.?");

    private final Jdbi jdbi;
    private final Catalog catalog;

    Mq5Instances(Jdbi jdbi, Catalog catalog) {
        this.jdbi = jdbi;
        this.catalog = catalog;
    }

    Product product() {
        return catalog.product(PRODUCT).orElseThrow(() -> new IllegalStateException("the catalog has no " + PRODUCT));
    }

    /** The region the call addresses, one the product is offered in. */
    String region(RoaCall call) {
        String region = call.header("Host").flatMap(Mq5Instances::fromHost).orElse(DEFAULT_REGION);
        if (!product().regions().contains(region)) {
            throw RoaError.of("InvalidRegionId", 400, "ApsaraMQ for RocketMQ 5.x is not offered in the region " + Mq5Errors.shown(region)
                    + "; it is in " + String.join(", ", product().regions().stream().sorted().toList()) + ".").failure();
        }
        return region;
    }

    /** The instance named by the call's path. */
    Instance require(RoaCall call) {
        return jdbi.withHandle(h -> require(h, call));
    }

    Instance require(Handle h, RoaCall call) {
        String id = call.pathParameter("instanceId");
        if (id.isEmpty()) {
            throw Mq5Errors.missing("instanceId");
        }
        String region = region(call);
        return InstanceStore.find(h, call.accountId(), id).filter(i -> visible(i, region))
                .orElseThrow(() -> Mq5Errors.instanceNotFound(id));
    }

    /** The account's instances in the call's region, oldest first (ids are random, so by creation, then id). */
    List<Instance> inRegion(RoaCall call) {
        String region = region(call);
        InstanceQuery inRegion = InstanceQuery.live(call.accountId(), PRODUCT).inRegion(region);
        return jdbi.withHandle(h -> inRegion.all(h, MAX_LISTED)).stream()
                .sorted(Comparator.comparing(Instance::createdAt).thenComparing(Instance::id)).toList();
    }

    private static boolean visible(Instance i, String region) {
        return !i.isReleased() && i.product().equals(PRODUCT) && i.region().equals(region);
    }

    static Optional<String> fromHost(String host) {
        Matcher m = HOST.matcher(host.trim().toLowerCase(Locale.ROOT));
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
