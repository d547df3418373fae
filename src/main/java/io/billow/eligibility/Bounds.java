package io.billow.eligibility;

import io.billow.catalog.BillingMethod;
import io.billow.catalog.InstanceClass;
import io.billow.catalog.ParameterBounds;
import io.billow.catalog.Product;
import io.billow.catalog.StorageRange;
import io.billow.problem.Codes;
import io.billow.problem.Problem;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parameter bounds of the catalog, checked in one place for creation, spec changes and their
 * estimates: storage size per class, billing method and storage type; engine version; zone.
 * Pure: each failure is added to the caller's list with the code the cloud's API uses.
 */
public final class Bounds {

    public static final String INVALID_STORAGE = "InvalidDBInstanceStorage";
    public static final String INVALID_STORAGE_TYPE = "InvalidDBInstanceStorageType";
    public static final String INVALID_ENGINE_VERSION = "InvalidEngineVersion.Malformed";
    public static final String INVALID_ZONE = "InvalidZoneId.NotFound";

    private Bounds() {
    }

    /**
     * The storage an instance gets: {@code askedGb}, else the class's default size; refused if the
     * type is not sold for the class and method, if a size is required and none is given, or if
     * the size is not one of the range's.
     */
    public static Optional<Integer> storage(Product product, InstanceClass cls, BillingMethod method, String type, Integer askedGb,
                                            List<Problem> problems) {
        Optional<StorageRange> range = product.storageRange(cls, method, type);
        if (range.isEmpty()) {
            problems.add(Problem.of(INVALID_STORAGE_TYPE, product.name() + " class " + cls.code() + " billed " + method.catalogName()
                    + " has no storage type " + type + " (sold: " + soldTypes(product, cls, method) + ")"));
            return Optional.empty();
        }
        Integer gb = askedGb != null ? askedGb : cls.storageGb() > 0 ? Integer.valueOf(cls.storageGb()) : null;
        if (gb == null && range.get().required()) {
            problems.add(Problem.of(Codes.MISSING_PARAMETER, "storage is required: " + cls.code() + " on " + type + " takes "
                    + range.get()));
            return Optional.empty();
        }
        int size = gb == null ? 0 : gb;
        if (!range.get().allows(size)) {
            problems.add(Problem.of(INVALID_STORAGE, cls.code() + " on " + type + " takes " + range.get() + ", not " + size + " GB"));
            return Optional.empty();
        }
        return Optional.of(size);
    }

    /** The storage types the product sells for a class and method, for messages. */
    public static String soldTypes(Product product, InstanceClass cls, BillingMethod method) {
        List<String> sold = product.facts().bounds().storage().keySet().stream()
                .filter(t -> product.storageRange(cls, method, t).isPresent()).toList();
        return sold.isEmpty() ? "none" : String.join(", ", sold);
    }

    /** The engine version an instance gets (empty when the product has none): one the catalog offers, or refused. */
    public static Optional<String> engineVersion(Product product, String asked, List<Problem> problems) {
        ParameterBounds b = product.facts().bounds();
        Optional<String> version = b.engineVersionOr(asked);
        if (version.isPresent() && !b.engineVersions().isEmpty() && !b.engineVersions().containsKey(version.get())) {
            problems.add(Problem.of(INVALID_ENGINE_VERSION, "The specified EngineVersion " + version.get() + " is not valid: "
                    + product.name() + " offers " + String.join(", ", b.engineVersions().keySet())));
            return Optional.empty();
        }
        return version;
    }

    /**
     * The zone an instance goes to: the one asked if the catalog lists it for the region (the
     * region's first zone when none is asked). A product that lists no zones for the region takes
     * any zone id shaped as the region and a short suffix, and the region's "-a" by default.
     */
    public static Optional<String> zone(Product product, String region, String asked, List<Problem> problems) {
        Optional<List<String>> zones = product.facts().bounds().zonesOf(region);
        if (zones.isPresent()) {
            if (asked == null) {
                return zones.get().stream().findFirst();
            }
            if (!zones.get().contains(asked)) {
                problems.add(Problem.of(INVALID_ZONE, "The zone " + asked + " is not a zone of region " + region + " where " + product.name()
                        + " is sold (zones: " + String.join(", ", zones.get()) + ")"));
                return Optional.empty();
            }
            return Optional.of(asked);
        }
        if (asked != null && !asked.matches(Pattern.quote(region) + "-[a-z0-9]{1,20}")) {
            problems.add(Problem.of(INVALID_ZONE, "The zone " + asked + " is not a zone of region " + region
                    + " (zone ids are the region and a short suffix, such as " + region + "-h)"));
            return Optional.empty();
        }
        return Optional.of(asked == null ? region + "-a" : asked);
    }
}
