package io.billow.change;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.catalog.BillingMethod;
import io.billow.eligibility.CreateInstance;
import io.billow.instance.Instance;
import io.billow.timeline.InstanceSnapshot;
import org.jdbi.v3.core.Handle;
import io.billow.problem.Problem;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a product decides about its own instances, given to the engine by the product's package
 * ({@code io.billow.product.*}) so that shared code never asks which product it is handling.
 */
public interface ProductRules {

    /** A product that adds nothing to the engine's rules. */
    ProductRules NONE = new ProductRules() {
    };

    /**
     * The options a creation through the native API may carry ({@code options}), kept in the new
     * instance's attributes and checked by {@link #checkCreate}: RocketMQ 5.x's capacity mode.
     */
    default java.util.Set<String> creationOptions() {
        return java.util.Set.of();
    }

    /** Checks of a creation the catalog cannot express (names, product-specific bounds); each failure is added. */
    default void checkCreate(CreateInstance request, List<Problem> problems) {
    }

    /** Checks of a named resource (a topic, a group) as the product's own API names them; each failure is added. */
    default void checkResource(String kind, String name, ObjectNode attributes, List<Problem> problems) {
    }

    /**
     * Every reason facts a deployment reports (PATCH /attributes) cannot be taken. By default a
     * product takes only its storage type, which is billed; RDS takes its configuration facts.
     */
    default List<Problem> checkReported(ObjectNode facts) {
        List<Problem> problems = new java.util.ArrayList<>();
        facts.fields().forEachRemaining(f -> {
            if (!f.getKey().equals(InstanceChanges.STORAGE_TYPE)) {
                problems.add(Problem.of(io.billow.problem.Codes.UNKNOWN_FIELD, "'" + f.getKey() + "' is not a fact this product's "
                        + "deployments report; known: [" + InstanceChanges.STORAGE_TYPE + "]"));
            } else if (!f.getValue().isTextual() || !f.getValue().asText().matches("[a-z_]{1,40}")) {
                problems.add(Problem.of(io.billow.problem.Codes.INVALID_PARAMETER, "storageType must be a storage type code such as cloud_essd"));
            }
        });
        return problems;
    }

    /** The facts the product records on a new instance (engine version, endpoints...). */
    default void initialAttributes(ObjectNode attributes, CreateInstance request, String instanceId) {
    }

    /**
     * What the product adds to a new instance's first snapshot beyond the catalog's (its endpoints,
     * a reserved capacity as a counter); prices are checked again on what it returns.
     */
    default InstanceSnapshot initialSnapshot(InstanceSnapshot snapshot, CreateInstance request, String instanceId) {
        return snapshot;
    }

    /** Writes the product's own rows of a new instance (its endpoints), in the creation's transaction. */
    default void created(Handle h, Instance instance, InstanceSnapshot initial) {
    }

    /** After a usage report was recorded, in its transaction: the product's warnings (a client surge, an old endpoint still used). */
    default void afterUsage(Handle h, Instance instance, UsageSample sample, Instant at) {
    }

    /**
     * The post-expiration actions the product offers besides deleting (RocketMQ 4.x:
     * {@code DowngradeToStandard}), each with what the instance becomes when its subscription
     * ends, by expiry or by unsubscribing.
     */
    default Map<String, Conversion> postExpirationConversions() {
        return Map.of();
    }

    /** Changes the product offers beyond the engine's own, by action name (RocketMQ 4.x: upgradeEdition). */
    default Map<String, ChangeAction> changeActions() {
        return Map.of();
    }

    /** What a subscription instance becomes, in place, with everything it holds: edition, class and billing method. */
    record Conversion(String edition, String instanceClass, BillingMethod method) {
    }
}
