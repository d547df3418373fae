package io.billow.catalog;

import io.billow.money.Money;
import org.yaml.snakeyaml.nodes.Node;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads one product file into a product and its prices. */
final class ProductReader {

    private static final Set<String> FILE_KEYS = Set.of("product", "name", "sample", "regions", "editions", "classes", "items", "states", "prices", "facts");
    private static final Set<String> EDITION_KEYS = Set.of("name", "methods");
    private static final Set<String> CLASS_KEYS = Set.of("edition", "methods", "cores", "memoryGb", "storageGb", "limits");
    private static final Set<String> ITEM_KEYS = Set.of("name", "measure", "resource", "granularity", "spec", "methods", "pricedPer",
            "priceUnit", "quantityUnit", "freeQuota", "quotaScope", "editionMultiplier", "onlyWhen", "allowanceFrom", "perEndpoint", "hourAt",
            "sumOf");
    private static final Set<String> PRICE_KEYS = Set.of("item", "spec", "region", "currency", "unitPrice", "from", "sample", "tiers");


    private final YamlFile f;

    ProductReader(YamlFile f) {
        this.f = f;
    }

    Optional<Product> read(Node root, List<PriceEntry> prices) {
        int errorsBefore = errorCount();
        Map<String, Node> top = f.mapping(root, "the file", FILE_KEYS);
        String code = f.text(top, "product", "the file", root);
        String name = f.optionalText(top, "name", code);
        boolean sampleByDefault = Boolean.parseBoolean(f.optionalText(top, "sample", "false"));
        List<String> regions = f.texts(top.get("regions"), "regions");
        Map<String, Edition> editions = editions(top.get("editions"), root);
        Map<String, InstanceClass> classes = classes(top.get("classes"), editions);
        List<BillingItem> items = items(top.get("items"), root, editions);
        Map<String, BillingItem> itemByCode = new HashMap<>();
        items.forEach(i -> itemByCode.put(i.code(), i));
        Map<String, Map<String, SpecRule>> states = states(top.get("states"), root, itemByCode);
        ProductFacts facts = new FactsReader(f).read(top.get("facts"));
        if (code != null) {
            prices(top.get("prices"), code, sampleByDefault, itemByCode, classes, editions, prices);
        }
        if (errorCount() > errorsBefore || code == null) {
            return Optional.empty();
        }
        return Optional.of(new Product(code, name, Set.copyOf(regions.isEmpty() ? List.of("*") : regions), editions, classes, items, states, facts));
    }

    private int errorCount() {
        return f.errorCount();
    }

    private Map<String, Edition> editions(Node node, Node root) {
        Map<String, Edition> out = new LinkedHashMap<>();
        if (node == null) {
            f.error(root, "the file is missing 'editions'");
            return out;
        }
        for (Map.Entry<String, Node> e : f.mapping(node, "editions", null).entrySet()) {
            Map<String, Node> m = f.mapping(e.getValue(), "edition " + e.getKey(), EDITION_KEYS);
            out.put(e.getKey(), new Edition(e.getKey(), f.optionalText(m, "name", e.getKey()), methods(m.get("methods"), e.getValue(), "edition " + e.getKey())));
        }
        return out;
    }

    private Map<String, InstanceClass> classes(Node node, Map<String, Edition> editions) {
        Map<String, InstanceClass> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        for (Map.Entry<String, Node> e : f.mapping(node, "classes", null).entrySet()) {
            String what = "class " + e.getKey();
            Map<String, Node> m = f.mapping(e.getValue(), what, CLASS_KEYS);
            String edition = f.optionalText(m, "edition", null);
            if (edition != null && !editions.containsKey(edition)) {
                f.error(m.get("edition"), what + " refers to unknown edition '" + edition + "' (known: "
                        + String.join(", ", YamlFile.sorted(editions.keySet())) + ")");
            }
            Node memory = m.get("memoryGb");
            BigDecimal memoryGb = memory == null ? BigDecimal.ZERO : f.decimal(memory, what + ".memoryGb");
            out.put(e.getKey(), new InstanceClass(e.getKey(), Optional.ofNullable(edition), methods(m.get("methods"), e.getValue(), what),
                    f.integer(m, "cores", what, e.getValue(), 0), memoryGb == null ? BigDecimal.ZERO : memoryGb,
                    f.integer(m, "storageGb", what, e.getValue(), 0), new FactsReader(f).limits(m.get("limits"), what)));
        }
        return out;
    }

    private List<BillingItem> items(Node node, Node root, Map<String, Edition> editions) {
        List<BillingItem> out = new ArrayList<>();
        if (node == null) {
            f.error(root, "the file is missing 'items'");
            return out;
        }
        for (Map.Entry<String, Node> e : f.mapping(node, "items", null).entrySet()) {
            String what = "item " + e.getKey();
            Map<String, Node> m = f.mapping(e.getValue(), what, ITEM_KEYS);
            Measure measure = required(m, "measure", Measure.class, what, e.getValue());
            Granularity granularity = required(m, "granularity", Granularity.class, what, e.getValue());
            SpecSource spec = m.containsKey("spec") ? f.enumValue(m.get("spec"), SpecSource.class, what + " spec") : SpecSource.NONE;
            QuotaScope scope = m.containsKey("quotaScope") ? f.enumValue(m.get("quotaScope"), QuotaScope.class, what + " quotaScope") : QuotaScope.INSTANCE;
            Long unitSize = unitSize(m.get("pricedPer"), what, e.getValue());
            Map<String, Long> quotas = new HashMap<>();
            if (m.containsKey("freeQuota")) {
                for (Map.Entry<String, Node> q : f.mapping(m.get("freeQuota"), what + " freeQuota", null).entrySet()) {
                    BigDecimal v = f.decimal(q.getValue(), what + " freeQuota " + q.getKey());
                    if (v != null && v.signum() < 0) {
                        f.error(q.getValue(), what + " has a negative free quota for " + q.getKey());
                    } else if (v != null) {
                        quotas.put(q.getKey(), v.longValue());
                    }
                }
            }
            Map<String, Integer> multipliers = new HashMap<>();
            if (m.containsKey("editionMultiplier")) {
                for (Map.Entry<String, Node> q : f.mapping(m.get("editionMultiplier"), what + " editionMultiplier", null).entrySet()) {
                    if (!editions.containsKey(q.getKey())) {
                        f.error(q.getValue(), what + " has a multiplier for unknown edition '" + q.getKey() + "'");
                    }
                    BigDecimal v = f.decimal(q.getValue(), what + " editionMultiplier");
                    if (v != null) {
                        multipliers.put(q.getKey(), v.intValue());
                    }
                }
            }
            String resource = f.optionalText(m, "resource", null);
            if ((measure == Measure.RESOURCE || measure == Measure.USAGE) && resource == null) {
                f.error(e.getValue(), what + " counts a resource: it needs 'resource' (e.g. topics)");
            }
            Set<BillingMethod> methods = methods(m.get("methods"), e.getValue(), what);
            if (measure == null || granularity == null || spec == null || scope == null || unitSize == null) {
                continue;
            }
            ItemConditions conditions = new UsageRulesReader(f).conditions(m, what, granularity);
            out.add(new BillingItem(e.getKey(), f.optionalText(m, "name", e.getKey()), measure, resource, granularity, spec, methods,
                    unitSize, f.optionalText(m, "priceUnit", "unit"), f.optionalText(m, "quantityUnit", "s"), quotas, scope, multipliers,
                    conditions));
        }
        return out;
    }

    private Long unitSize(Node n, String what, Node parent) {
        if (n == null) {
            f.error(parent, what + " is missing 'pricedPer' (hour, day, month, unit or a number)");
            return null;
        }
        String t = f.scalar(n, what + ".pricedPer");
        switch (t == null ? "" : t) {
            case "hour":
                return 3600L;
            case "day":
            case "unit":
                return 1L;
            case "month":
                return 2_592_000L;
            default:
                try {
                    long v = Long.parseLong(t);
                    if (v > 0) {
                        return v;
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
                f.error(n, what + ".pricedPer must be hour, day, month, unit or a positive number, got '" + t + "'");
                return null;
        }
    }

    private Map<String, Map<String, SpecRule>> states(Node node, Node root, Map<String, BillingItem> items) {
        Map<String, Map<String, SpecRule>> out = new LinkedHashMap<>();
        if (node == null) {
            f.error(root, "the file is missing 'states'");
            return out;
        }
        for (Map.Entry<String, Node> e : f.mapping(node, "states", null).entrySet()) {
            Map<String, SpecRule> rules = new HashMap<>();
            for (Map.Entry<String, Node> r : f.mapping(e.getValue(), "state " + e.getKey(), null).entrySet()) {
                if (!items.containsKey(r.getKey())) {
                    f.error(r.getValue(), "unknown item '" + r.getKey() + "' in state " + e.getKey() + " (known items: "
                            + String.join(", ", YamlFile.sorted(items.keySet())) + ")");
                    continue;
                }
                SpecRule rule = f.enumValue(r.getValue(), SpecRule.class, "spec rule");
                if (rule != null) {
                    rules.put(r.getKey(), rule);
                }
            }
            out.put(e.getKey(), rules);
        }
        return out;
    }

    private void prices(Node node, String product, boolean sampleByDefault, Map<String, BillingItem> items,
                        Map<String, InstanceClass> classes, Map<String, Edition> editions, List<PriceEntry> out) {
        for (Node p : f.sequence(node, "prices")) {
            Map<String, Node> m = f.mapping(p, "price", PRICE_KEYS);
            String line = f.name() + ":" + (p.getStartMark().getLine() + 1);
            String item = f.text(m, "item", "price", p);
            BillingItem billingItem = item == null ? null : items.get(item);
            if (item != null && billingItem == null) {
                f.error(m.get("item"), "unknown item '" + item + "' in price (known items: " + String.join(", ", YamlFile.sorted(items.keySet())) + ")");
            }
            String spec = f.optionalText(m, "spec", "*");
            if (billingItem != null && !spec.equals("*")) {
                if (billingItem.specSource() == SpecSource.CLASS && !classes.containsKey(spec)) {
                    f.error(m.get("spec"), "price for unknown class '" + spec + "' of item " + item);
                } else if (billingItem.specSource() == SpecSource.EDITION && !editions.containsKey(spec)) {
                    f.error(m.get("spec"), "price for unknown edition '" + spec + "' of item " + item);
                }
            }
            String currency = f.text(m, "currency", "price", p);
            if (currency != null) {
                try {
                    Money.checkCurrency(currency);
                } catch (IllegalArgumentException e) {
                    f.error(m.get("currency"), "currency must be three capital letters such as USD, got '" + currency + "'");
                    currency = null;
                }
            }
            BigDecimal unitPrice = m.containsKey("unitPrice") ? f.decimal(m.get("unitPrice"), "unitPrice") : null;
            if (!m.containsKey("unitPrice")) {
                f.error(p, "price is missing 'unitPrice'");
            } else if (unitPrice != null && unitPrice.signum() < 0) {
                f.error(m.get("unitPrice"), "negative unit price " + unitPrice.toPlainString());
                unitPrice = null;
            } else if (unitPrice != null && unitPrice.stripTrailingZeros().scale() > PriceEntry.MAX_PRICE_SCALE) {
                f.error(m.get("unitPrice"), "unit price " + unitPrice.toPlainString() + " has more than ten decimals");
                unitPrice = null;
            }
            Instant from = Instant.EPOCH;
            if (m.containsKey("from")) {
                String t = f.scalar(m.get("from"), "from");
                try {
                    from = Instant.parse(t);
                } catch (DateTimeParseException | NullPointerException e) {
                    f.error(m.get("from"), "from must be an instant such as 2026-01-01T00:00:00Z, got '" + t + "'");
                }
            }
            String region = f.optionalText(m, "region", "*");
            boolean sample = Boolean.parseBoolean(f.optionalText(m, "sample", String.valueOf(sampleByDefault)));
            List<PriceEntry.Tier> tiers = new UsageRulesReader(f).tiers(m.get("tiers"), billingItem, "price of " + item);
            if (billingItem != null && currency != null && unitPrice != null) {
                out.add(new PriceEntry(product + "/" + item + "/" + spec + "/" + region + "/" + currency + "@" + from, product, item,
                        region, spec, currency, unitPrice, from, sample, line, tiers));
            }
        }
    }

    private Set<BillingMethod> methods(Node n, Node parent, String what) {
        if (n == null) {
            f.error(parent, what + " is missing 'methods'");
            return Set.of();
        }
        Set<BillingMethod> out = EnumSet.noneOf(BillingMethod.class);
        for (Node m : f.sequence(n, what + " methods")) {
            String t = f.scalar(m, "method");
            try {
                out.add(BillingMethod.parse(t));
            } catch (IllegalArgumentException | NullPointerException e) {
                f.error(m, "unknown billing method '" + t + "' (expected Subscription, PayAsYouGo or Serverless)");
            }
        }
        return out;
    }

    private <E extends Enum<E>> E required(Map<String, Node> m, String key, Class<E> type, String what, Node parent) {
        if (!m.containsKey(key)) {
            f.error(parent, what + " is missing '" + key + "'");
            return null;
        }
        return f.enumValue(m.get(key), type, what + " " + key);
    }
}
