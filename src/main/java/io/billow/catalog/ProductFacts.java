package io.billow.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine needs to know of a product besides its prices, so that shared code never
 * asks which product it is handling (catalog {@code facts:} block).
 *
 * @param idFormat          how instance ids look: literal text with {@code {lower:N}}, {@code {digits:N}} and
 *                          {@code {alnum:N}} runs of random characters ({@code pgm-bp1{lower:17}})
 * @param retentionDays     how long an expired subscription stays locked before it is released
 * @param defaultStorageType the storage type of an instance created without one (empty: the product has no storage)
 * @param durations         seconds an operation kind takes on the simulated provisioner (PAUSE, UPGRADE_EDITION...)
 * @param termMonths        the subscription terms the product sells, in months
 * @param resourceKinds     the named resources an instance holds (RocketMQ topics and groups), counted on its timeline
 * @param bounds            storage sizes per type, engine versions and zones per region that creation and changes enforce
 */
public record ProductFacts(String idFormat, long retentionDays, Optional<String> defaultStorageType, Map<String, Long> durations,
                           List<Integer> termMonths, List<String> resourceKinds, ParameterBounds bounds) {

    /** A product file without a facts block. */
    public static final ProductFacts DEFAULT = new ProductFacts("ins-{lower:17}", 15, Optional.empty(), Map.of(),
            List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 24, 36), List.of());

    /** Facts that bound no parameter beyond the classes' own limits. */
    public ProductFacts(String idFormat, long retentionDays, Optional<String> defaultStorageType, Map<String, Long> durations,
                        List<Integer> termMonths, List<String> resourceKinds) {
        this(idFormat, retentionDays, defaultStorageType, durations, termMonths, resourceKinds, ParameterBounds.NONE);
    }

    public ProductFacts {
        durations = Map.copyOf(durations);
        termMonths = List.copyOf(termMonths);
        resourceKinds = List.copyOf(resourceKinds);
    }

    public Optional<Long> durationSeconds(String operationKind) {
        return Optional.ofNullable(durations.get(operationKind));
    }

    public boolean sellsTerm(int months) {
        return termMonths.contains(months);
    }
}
