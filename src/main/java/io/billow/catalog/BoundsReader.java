package io.billow.catalog;

import org.yaml.snakeyaml.nodes.Node;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the parameter bounds of a {@code facts:} block: {@code storage}, {@code engineVersions},
 * {@code defaultEngineVersion} and {@code zones} (format in catalog/README.md). All are optional.
 */
final class BoundsReader {

    static final Set<String> KEYS = Set.of("storage", "engineVersions", "defaultEngineVersion", "zones", "capacity");
    private static final Set<String> CAPACITY_KEYS = Set.of("min", "max", "step", "lowestMax");
    private static final Set<String> STORAGE_KEYS = Set.of("minGb", "maxGb", "stepGb", "methods");
    /** Zone ids are their region and a short suffix (cn-hangzhou-h); a longer or odd one is a typo. */
    private static final Pattern ZONE = Pattern.compile("[a-z0-9-]{1,40}");

    private final YamlFile f;

    BoundsReader(YamlFile f) {
        this.f = f;
    }

    ParameterBounds read(Map<String, Node> facts) {
        Map<String, List<String>> versions = lists(facts.get("engineVersions"), "facts.engineVersions", Pattern.compile("[A-Za-z0-9_.]{1,80}"));
        String defaultVersion = f.optionalText(facts, "defaultEngineVersion", null);
        if (defaultVersion != null && !versions.containsKey(defaultVersion)) {
            f.error(facts.get("defaultEngineVersion"), "facts.defaultEngineVersion " + defaultVersion + " is not one of facts.engineVersions "
                    + versions.keySet());
            defaultVersion = null;
        }
        Map<String, List<String>> zones = lists(facts.get("zones"), "facts.zones", ZONE);
        zones.forEach((region, list) -> {
            for (String zone : list) {
                if (!zone.startsWith(region)) {
                    f.error(facts.get("zones"), "facts.zones: zone " + zone + " does not belong to region " + region);
                }
            }
        });
        return new ParameterBounds(storage(facts.get("storage")), versions, Optional.ofNullable(defaultVersion), zones,
                capacity(facts.get("capacity")));
    }

    /** Serverless class → {min, max, step, lowestMax} in capacity units (decimals: RDS steps by 0.5 RCU). */
    private Map<String, CapacityRange> capacity(Node node) {
        Map<String, CapacityRange> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        for (Map.Entry<String, Node> e : f.mapping(node, "facts.capacity", null).entrySet()) {
            String what = "facts.capacity." + e.getKey();
            Map<String, Node> m = f.mapping(e.getValue(), what, CAPACITY_KEYS);
            BigDecimal min = units(m, "min", what, e.getValue());
            BigDecimal max = units(m, "max", what, e.getValue());
            BigDecimal step = units(m, "step", what, e.getValue());
            BigDecimal lowestMax = m.containsKey("lowestMax") ? units(m, "lowestMax", what, e.getValue()) : min;
            if (min == null || max == null || step == null || lowestMax == null) {
                continue;
            }
            try {
                out.put(e.getKey(), new CapacityRange(min, max, step, lowestMax));
            } catch (IllegalArgumentException bad) {
                f.error(e.getValue(), what + ": " + bad.getMessage());
            }
        }
        return out;
    }

    private BigDecimal units(Map<String, Node> m, String key, String what, Node parent) {
        if (!m.containsKey(key)) {
            f.error(parent, what + " is missing '" + key + "'");
            return null;
        }
        BigDecimal v = f.decimal(m.get(key), what + "." + key);
        if (v != null && (v.signum() < 0 || v.compareTo(BigDecimal.valueOf(100_000)) > 0)) {
            f.error(m.get(key), what + "." + key + " must be within 0–100,000");
            return null;
        }
        return v;
    }

    private Map<String, StorageType> storage(Node node) {
        Map<String, StorageType> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        for (Map.Entry<String, Node> e : f.mapping(node, "facts.storage", null).entrySet()) {
            String what = "facts.storage." + e.getKey();
            Map<String, Node> m = f.mapping(e.getValue(), what, STORAGE_KEYS);
            Long min = whole(m, "minGb", what, e.getValue());
            Long max = whole(m, "maxGb", what, e.getValue());
            Long step = whole(m, "stepGb", what, e.getValue());
            if (min == null || max == null || step == null) {
                continue;
            }
            if (max < min || step < 1) {
                f.error(e.getValue(), what + " needs minGb ≤ maxGb and a stepGb of 1 or more");
                continue;
            }
            out.put(e.getKey(), new StorageType(e.getKey(), new StorageRange(min, max, step), methods(m.get("methods"), what)));
        }
        return out;
    }

    private Long whole(Map<String, Node> m, String key, String what, Node parent) {
        if (!m.containsKey(key)) {
            f.error(parent, what + " is missing '" + key + "'");
            return null;
        }
        BigDecimal v = f.decimal(m.get(key), what + "." + key);
        if (v == null || v.signum() < 0 || v.stripTrailingZeros().scale() > 0 || v.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
            f.error(m.get(key), what + "." + key + " must be a whole number of GB within 0–1,000,000");
            return null;
        }
        return v.longValueExact();
    }

    /** The billing methods a storage type is sold with; every method when the list is left out. */
    private Set<BillingMethod> methods(Node node, String what) {
        if (node == null) {
            return EnumSet.allOf(BillingMethod.class);
        }
        Set<BillingMethod> out = EnumSet.noneOf(BillingMethod.class);
        for (String t : f.texts(node, what + ".methods")) {
            try {
                out.add(BillingMethod.parse(t));
            } catch (IllegalArgumentException e) {
                f.error(node, what + ".methods: " + e.getMessage());
            }
        }
        return out;
    }

    /** A mapping of names to lists of names, each matching {@code valid}. */
    private Map<String, List<String>> lists(Node node, String what, Pattern valid) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        for (Map.Entry<String, Node> e : f.mapping(node, what, null).entrySet()) {
            List<String> values = f.texts(e.getValue(), what + "." + e.getKey());
            for (String v : values) {
                if (!valid.matcher(v).matches()) {
                    f.error(e.getValue(), what + "." + e.getKey() + " holds '" + v + "', which is not a valid name");
                }
            }
            out.put(e.getKey(), List.copyOf(values));
        }
        return out;
    }
}
