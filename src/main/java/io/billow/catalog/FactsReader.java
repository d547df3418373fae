package io.billow.catalog;

import org.yaml.snakeyaml.nodes.Node;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a product file's {@code facts:} block and its classes' {@code limits:} (format in catalog/README.md). */
final class FactsReader {

    private static final Set<String> FACT_KEYS = keys();
    /** Literal id text and random runs; enough randomness that ids reveal nothing and never collide in practice. */
    private static final Pattern ID_FORMAT = Pattern.compile("([A-Za-z0-9_-]|\\{(lower|digits|alnum):([1-9][0-9]?)})+");

    private final YamlFile f;

    private static Set<String> keys() {
        Set<String> keys = new java.util.HashSet<>(Set.of("idFormat", "retentionDays", "defaultStorageType", "durations", "termMonths",
                "resourceKinds"));
        keys.addAll(BoundsReader.KEYS);
        return Set.copyOf(keys);
    }

    FactsReader(YamlFile f) {
        this.f = f;
    }

    ProductFacts read(Node node) {
        if (node == null) {
            return ProductFacts.DEFAULT;
        }
        ProductFacts d = ProductFacts.DEFAULT;
        Map<String, Node> m = f.mapping(node, "facts", FACT_KEYS);
        String idFormat = f.optionalText(m, "idFormat", d.idFormat());
        if (idFormat != null && !ID_FORMAT.matcher(idFormat).matches()) {
            f.error(m.get("idFormat"), "facts.idFormat must be letters, digits, '_' or '-' with {lower:N}, {digits:N} or {alnum:N} runs, got '"
                    + idFormat + "'");
        }
        Integer retention = f.integer(m, "retentionDays", "facts", node, (int) d.retentionDays());
        if (retention != null && retention < 0) {
            f.error(m.get("retentionDays"), "facts.retentionDays cannot be negative");
        }
        String storage = f.optionalText(m, "defaultStorageType", null);
        return new ProductFacts(idFormat, retention == null ? d.retentionDays() : retention, Optional.ofNullable(storage),
                positiveNumbers(m.get("durations"), "facts.durations"), terms(m.get("termMonths"), d.termMonths()),
                m.containsKey("resourceKinds") ? f.texts(m.get("resourceKinds"), "facts.resourceKinds") : List.of(),
                new BoundsReader(f).read(m));
    }

    /** A class's limits: name → whole number. */
    Map<String, Long> limits(Node node, String what) {
        return node == null ? Map.of() : positiveNumbers(node, what + ".limits");
    }

    private Map<String, Long> positiveNumbers(Node node, String what) {
        Map<String, Long> out = new HashMap<>();
        if (node == null) {
            return out;
        }
        for (Map.Entry<String, Node> e : f.mapping(node, what, null).entrySet()) {
            BigDecimal v = f.decimal(e.getValue(), what + "." + e.getKey());
            if (v == null) {
                continue;
            }
            if (v.signum() < 0 || v.stripTrailingZeros().scale() > 0) {
                f.error(e.getValue(), what + "." + e.getKey() + " must be a whole number of zero or more, got " + v.toPlainString());
                continue;
            }
            out.put(e.getKey(), v.longValueExact());
        }
        return out;
    }

    private List<Integer> terms(Node node, List<Integer> defaults) {
        if (node == null) {
            return defaults;
        }
        List<Integer> out = new ArrayList<>();
        for (Node n : f.sequence(node, "facts.termMonths")) {
            String t = f.scalar(n, "term");
            try {
                int months = Integer.parseInt(t);
                if (months < 1 || months > 120) {
                    throw new NumberFormatException();
                }
                out.add(months);
            } catch (NumberFormatException | NullPointerException e) {
                f.error(n, "facts.termMonths holds terms of 1–120 months, got '" + t + "'");
            }
        }
        return out;
    }
}
