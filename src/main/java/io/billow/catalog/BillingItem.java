package io.billow.catalog;

import java.util.Map;
import java.util.Set;

/**
 * Something an instance is charged for.
 *
 * @param code          stable identifier within the product (compute, storage, rcu, topics...)
 * @param name          human name shown on bills
 * @param measure       what accrues
 * @param resource      for RESOURCE and USAGE measures: the counter's name (topics, clients, api_calls)
 * @param granularity   how finely it is charged
 * @param specSource    which instance attribute names the price's spec
 * @param methods       billing methods under which it accrues
 * @param unitSize      how many quantity units one unit price pays for (3600 for a per-hour price of a
 *                      per-second quantity, 1 for per-day or per-call, 2,592,000 for a monthly TERM price)
 * @param priceUnit     what one unit price pays for, for people ("RCU-hour", "GB-hour", "10,000 calls")
 * @param quantityUnit  what the quantity counts ("RCU-s", "GB-s", "calls")
 * @param freeQuotas    free quota per spec ("*" for every spec), subtracted before charging
 * @param quotaScope    for COUNT items: whose monthly quota it is
 * @param editionMultipliers how many times an edition bills the item (High-availability serverless: 2)
 */
public record BillingItem(
        String code,
        String name,
        Measure measure,
        String resource,
        Granularity granularity,
        SpecSource specSource,
        Set<BillingMethod> methods,
        long unitSize,
        String priceUnit,
        String quantityUnit,
        Map<String, Long> freeQuotas,
        QuotaScope quotaScope,
        Map<String, Integer> editionMultipliers) {

    public BillingItem {
        methods = Set.copyOf(methods);
        freeQuotas = Map.copyOf(freeQuotas);
        editionMultipliers = Map.copyOf(editionMultipliers);
        if (unitSize <= 0) {
            throw new IllegalArgumentException("unitSize must be positive for item " + code);
        }
    }

    public long freeQuota(String spec) {
        Long q = freeQuotas.get(spec);
        if (q == null) {
            q = freeQuotas.get("*");
        }
        return q == null ? 0 : q;
    }

    public int multiplier(String edition) {
        return editionMultipliers.getOrDefault(edition, 1);
    }

    public boolean accruesUnder(BillingMethod method) {
        return methods.contains(method);
    }
}
