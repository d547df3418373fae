package io.billow.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a product accepts besides its classes (catalog {@code facts:} block, all optional): the
 * storage sizes per storage type, the engine versions with their minor versions, and the zones of
 * each region. An empty map means the product does not bound that parameter.
 *
 * @param storage              storage type code → its sizes and billing methods (a class's own limits narrow the sizes)
 * @param engineVersions       major version ("16.0") → minor versions, oldest first; in catalog order
 * @param defaultEngineVersion the major version of an instance created without one
 * @param zones                region → its zones; the first is where an instance goes when none is asked
 * @param capacity             serverless class code → the capacity range it takes
 */
public record ParameterBounds(Map<String, StorageType> storage, Map<String, List<String>> engineVersions,
                              Optional<String> defaultEngineVersion, Map<String, List<String>> zones,
                              Map<String, CapacityRange> capacity) {

    /** A product that bounds none of these. */
    public static final ParameterBounds NONE = new ParameterBounds(Map.of(), Map.of(), Optional.empty(), Map.of(), Map.of());

    public ParameterBounds {
        storage = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(storage));
        engineVersions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(engineVersions));
        zones = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(zones));
        capacity = Map.copyOf(capacity);
        if (defaultEngineVersion.isPresent() && !engineVersions.containsKey(defaultEngineVersion.get())) {
            throw new IllegalArgumentException("the default engine version " + defaultEngineVersion.get() + " is not one of "
                    + engineVersions.keySet());
        }
    }

    /** The engine version an instance gets: the one asked, else the default (empty if the product has neither). */
    public Optional<String> engineVersionOr(String asked) {
        return asked != null ? Optional.of(asked) : defaultEngineVersion;
    }

    /** The newest minor version of a major version the product offers. */
    public Optional<String> newestMinor(String major) {
        List<String> minors = engineVersions.get(major);
        return minors == null || minors.isEmpty() ? Optional.empty() : Optional.of(minors.get(minors.size() - 1));
    }

    /** The zones of a region, if the product lists them. */
    public Optional<List<String>> zonesOf(String region) {
        return Optional.ofNullable(zones.get(region));
    }
}
