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

    /** A limit of the class, if it has one of that name. */
    public Optional<Long> limit(String name) {
        return Optional.ofNullable(limits.get(name));
    }
}
