package io.billow.catalog;

import org.yaml.snakeyaml.nodes.Node;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads what decides an item's accrual beyond method and state ({@link ItemConditions}) and the tiers of a price. */
final class UsageRulesReader {

    private static final Set<String> TIER_KEYS = Set.of("above", "unitPrice");

    private final YamlFile f;

    UsageRulesReader(YamlFile f) {
        this.f = f;
    }

    /** onlyWhen: {counter: zero|positive}; allowanceFrom: a counter and perEndpoint: true (COUNT items); sumOf: [counters]; hourAt: peak|last (HOUR items). */
    ItemConditions conditions(Map<String, Node> m, String what, Granularity granularity) {
        Optional<ItemConditions.CountCondition> onlyWhen = Optional.empty();
        if (m.containsKey("onlyWhen")) {
            Map<String, Node> w = f.mapping(m.get("onlyWhen"), what + " onlyWhen", null);
            if (w.size() != 1) {
                f.error(m.get("onlyWhen"), what + " onlyWhen names exactly one counter, such as {reserved_tps: zero}");
            }
            for (Map.Entry<String, Node> c : w.entrySet()) {
                String v = f.scalar(c.getValue(), what + " onlyWhen");
                if (!"zero".equals(v) && !"positive".equals(v)) {
                    f.error(c.getValue(), what + " onlyWhen." + c.getKey() + " is zero or positive, got '" + v + "'");
                } else {
                    onlyWhen = Optional.of(new ItemConditions.CountCondition(c.getKey(), v.equals("positive")));
                }
            }
        }
        Optional<String> allowance = Optional.ofNullable(f.optionalText(m, "allowanceFrom", null));
        boolean perEndpoint = Boolean.parseBoolean(f.optionalText(m, "perEndpoint", "false"));
        if ((allowance.isPresent() || perEndpoint) && granularity != Granularity.COUNT) {
            f.error(m.containsKey("allowanceFrom") ? m.get("allowanceFrom") : m.get("perEndpoint"),
                    what + ": allowanceFrom and perEndpoint apply to COUNT items only");
        }
        List<String> sumOf = m.containsKey("sumOf") ? f.texts(m.get("sumOf"), what + " sumOf") : List.of();
        String hourAt = f.optionalText(m, "hourAt", "peak");
        if (!hourAt.equals("peak") && !hourAt.equals("last") || m.containsKey("hourAt") && granularity != Granularity.HOUR) {
            f.error(m.get("hourAt"), what + ": hourAt is peak or last, for HOUR items only");
        }
        return new ItemConditions(onlyWhen, allowance, perEndpoint, sumOf, hourAt.equals("last"));
    }

    /** tiers: [{above: N, unitPrice: "..."}], for COUNT items, in increasing order of {@code above}. */
    List<PriceEntry.Tier> tiers(Node node, BillingItem item, String what) {
        List<PriceEntry.Tier> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (item != null && item.granularity() != Granularity.COUNT) {
            f.error(node, what + ": tiers apply to COUNT items only, not " + item.code());
        }
        BigDecimal previous = BigDecimal.ZERO;
        for (Node t : f.sequence(node, what + " tiers")) {
            Map<String, Node> m = f.mapping(t, what + " tier", TIER_KEYS);
            BigDecimal above = m.containsKey("above") ? f.decimal(m.get("above"), what + " tier above") : null;
            BigDecimal price = m.containsKey("unitPrice") ? f.decimal(m.get("unitPrice"), what + " tier unitPrice") : null;
            if (above == null || price == null) {
                f.error(t, what + ": a tier needs 'above' and 'unitPrice'");
            } else if (above.compareTo(previous) <= 0 || price.signum() < 0 || price.stripTrailingZeros().scale() > PriceEntry.MAX_PRICE_SCALE) {
                f.error(t, what + ": tiers start above increasing positive quantities, with prices of at most ten decimals");
            } else {
                out.add(new PriceEntry.Tier(above, price));
                previous = above;
            }
        }
        return out;
    }

}
