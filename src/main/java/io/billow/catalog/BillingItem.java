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
 * @param conditions    a counter the item's accrual depends on, a per-period allowance, per-endpoint usage
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
        Map<String, Integer> editionMultipliers,
        ItemConditions conditions) {

    public BillingItem {
        methods = Set.copyOf(methods);
        freeQuotas = Map.copyOf(freeQuotas);
        editionMultipliers = Map.copyOf(editionMultipliers);
        if (unitSize <= 0) {
            throw new IllegalArgumentException("unitSize must be positive for item " + code);
        }
    }

    /** An item whose method and state rule alone decide when it accrues. */
    public BillingItem(String code, String name, Measure measure, String resource, Granularity granularity, SpecSource specSource,
                       Set<BillingMethod> methods, long unitSize, String priceUnit, String quantityUnit, Map<String, Long> freeQuotas,
                       QuotaScope quotaScope, Map<String, Integer> editionMultipliers) {
        this(code, name, measure, resource, granularity, specSource, methods, unitSize, priceUnit, quantityUnit, freeQuotas, quotaScope,
                editionMultipliers, ItemConditions.NONE);
    }

    /** Whether an instance of this edition, with these counters, can accrue the item at all (a multiplier of 0 never does). */
    public boolean billable(String edition, Map<String, Long> counts) {
        return multiplier(edition) != 0 && conditions.holds(counts);
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
