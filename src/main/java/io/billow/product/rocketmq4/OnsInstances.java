package io.billow.product.rocketmq4;

import io.billow.instance.Instance;
import io.billow.instance.InstanceQuery;
import io.billow.instance.InstanceStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Optional;

/**
 * The caller's RocketMQ 4.x instances as the ONS API sees them: those of one region, not
 * released. Anything else (another account's instance, another product's, another region's, a
 * released one) is answered exactly as an id that never existed.
 */
final class OnsInstances {

    /** The ONS limit: an account holds at most this many instances in a region. */
    static final int MAX_PER_REGION = 8;
    /** A limit on one listing, as the RDS listing has. */
    private static final int MAX_LISTED = 10_000;

    private final Jdbi jdbi;

    OnsInstances(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The instance, read outside any transaction of the caller's. */
    Instance require(String accountId, String region, String instanceId) {
        return jdbi.withHandle(h -> require(h, accountId, region, instanceId));
    }

    Instance require(Handle h, String accountId, String region, String instanceId) {
        return visible(InstanceStore.find(h, accountId, instanceId), region)
                .orElseThrow(() -> OnsErrors.instanceNotFound(instanceId));
    }

    /** The instance, its row locked until the transaction ends: changes to it wait for this one. */
    Instance lock(Handle h, String accountId, String region, String instanceId) {
        Instance found = require(h, accountId, region, instanceId);
        return InstanceStore.lock(h, accountId, found.id());
    }

    /** The account's instances in the region, oldest id first. */
    List<Instance> inRegion(Handle h, String accountId, String region) {
        // Filtered by the database: an account's other products and regions may hold many more instances.
        return InstanceQuery.live(accountId, RocketMq4Module.PRODUCT).inRegion(region).all(h, MAX_LISTED);
    }

    List<Instance> inRegion(String accountId, String region) {
        return jdbi.withHandle(h -> inRegion(h, accountId, region));
    }

    /**
     * Serializes the creations and renamings of one account in one region until the transaction
     * ends, so that the per-region count and the unique names hold under concurrent requests.
     */
    static void lockRegion(Handle h, String accountId, String region) {
        h.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(:key))) AS locked")
                .bind("key", "ons-instances:" + accountId + ":" + region).mapTo(Integer.class).one();
    }

    private static Optional<Instance> visible(Optional<Instance> instance, String region) {
        return instance.filter(i -> !i.isReleased() && i.product().equals(RocketMq4Module.PRODUCT) && i.region().equals(region));
    }
}
