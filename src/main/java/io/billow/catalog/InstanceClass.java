package io.billow.catalog;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An instance class (or instance type): the shape of an instance.
 *
 * @param code      class code (pg.n2.medium.2c, pg.n2.serverless.2c, shared.s1...)
 * @param edition   the edition it belongs to, or empty if any
 * @param methods   billing methods it can be bought with
 * @param cores     vCPU cores (0 for a serverless class: capacity comes from RCU)
 * @param memoryGb  memory
 * @param storageGb default storage; 0 if storage is chosen separately
 * @param limits    what the class allows, by name (RocketMQ Enterprise Platinum: maxTps, topicCapacity)
 */
public record InstanceClass(String code, Optional<String> edition, Set<BillingMethod> methods,
                            int cores, BigDecimal memoryGb, int storageGb, Map<String, Long> limits) {
    public InstanceClass {
        methods = Set.copyOf(methods);
        limits = Map.copyOf(limits);
    }

    public InstanceClass(String code, Optional<String> edition, Set<BillingMethod> methods, int cores, BigDecimal memoryGb, int storageGb) {
        this(code, edition, methods, cores, memoryGb, storageGb, Map.of());
    }

    /** The counter of compute nodes on the timeline, for classes sold by node count (limits nodesMin/nodesMax/nodesStep). */
    public static final String NODES = "nodes";

    /** Whether instances of this class are bought by a number of nodes. */
    public boolean hasNodes() {
        return limits.containsKey("nodesMin");
    }

    /** Why {@code nodes} is not a node count this class can have, if it is not; the class's bounds and step. */
    public Optional<String> nodeProblem(long nodes) {
        long min = limits.getOrDefault("nodesMin", 1L);
        long max = limits.getOrDefault("nodesMax", min);
        long step = limits.getOrDefault("nodesStep", 1L);
        if (nodes < min || nodes > max || (nodes - min) % step != 0) {
            return Optional.of(code + " takes " + min + "–" + max + " nodes in steps of " + step + ", not " + nodes);
        }
        return Optional.empty();
    }

    /** The class's own storage bounds (limits storageMinGb, storageMaxGb, storageStepGb), if it has them. */
    public Optional<StorageRange> storageLimits() {
        if (!limits.containsKey("storageMinGb")) {
            return Optional.empty();
        }
        long min = limits.get("storageMinGb");
        return Optional.of(new StorageRange(min, Math.max(min, limits.getOrDefault("storageMaxGb", StorageRange.MAX_GB)),
                Math.max(1, limits.getOrDefault("storageStepGb", 1L))));
    }

    /**
     * Why {@code gb} is not a storage size the class's own limits allow, if it is not. Creation and
     * changes check storage through {@code Product.storageRange}, which also applies the storage type's range.
     */
    public Optional<String> storageProblem(long gb) {
        return storageLimits().filter(r -> !r.allows(gb)).map(r -> code + " takes " + r.minGb() + "–" + r.maxGb()
                + " GB of storage in steps of " + r.stepGb() + ", not " + gb);
    }

    /** A limit of the class, if it has one of that name. */
    public Optional<Long> limit(String name) {
        return Optional.ofNullable(limits.get(name));
    }
}
