package io.billow.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A product of the catalog: its editions, classes, items, and which items accrue in which
 * lifecycle state at which spec (domain.md §3).
 *
 * @param states state name → (item code → spec rule); an item missing from a state's map does not accrue
 * @param facts  id format, retention, durations and terms: what shared code must not hard-code per product
 */
public record Product(
        String code,
        String name,
        Set<String> regions,
        Map<String, Edition> editions,
        Map<String, InstanceClass> classes,
        List<BillingItem> items,
        Map<String, Map<String, SpecRule>> states,
        ProductFacts facts) {

    public Product {
        regions = Set.copyOf(regions);
        editions = Map.copyOf(editions);
        classes = Map.copyOf(classes);
        items = List.copyOf(items);
        states = Map.copyOf(states);
    }

    /** A product with {@link ProductFacts#DEFAULT} facts. */
    public Product(String code, String name, Set<String> regions, Map<String, Edition> editions, Map<String, InstanceClass> classes,
                   List<BillingItem> items, Map<String, Map<String, SpecRule>> states) {
        this(code, name, regions, editions, classes, items, states, ProductFacts.DEFAULT);
    }

    /** Items of a granularity with a reported counter of this name (COUNT items take usage counts). */
    public Optional<BillingItem> itemForResource(String resource, Granularity granularity) {
        for (BillingItem i : items) {
            if (i.granularity() == granularity && resource.equals(i.resource())) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** Every item of a granularity with a reported counter of this name (a count may feed a cumulative and an elastic item). */
    public List<BillingItem> itemsForResource(String resource, Granularity granularity) {
        List<BillingItem> out = new java.util.ArrayList<>();
        for (BillingItem i : items) {
            if (i.granularity() == granularity && resource.equals(i.resource())) {
                out.add(i);
            }
        }
        return out;
    }

    public Optional<BillingItem> item(String itemCode) {
        for (BillingItem i : items) {
            if (i.code().equals(itemCode)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    public Optional<InstanceClass> instanceClass(String classCode) {
        return Optional.ofNullable(classes.get(classCode));
    }

    /**
     * The storage sizes an instance of {@code cls} billed by {@code method} can have on
     * {@code storageType}: the type's range from the facts, narrowed by the class's own limits
     * (storageMinGb, storageMaxGb, storageStepGb); empty if the product does not sell that type
     * for this class and method. A product that bounds no storage answers {@link StorageRange#UNBOUNDED}.
     * Creation, changes, estimates and the catalog listings all read their figures here.
     */
    public Optional<StorageRange> storageRange(InstanceClass cls, BillingMethod method, String storageType) {
        Map<String, StorageType> types = facts.bounds().storage();
        Optional<StorageRange> own = cls.storageLimits();
        if (types.isEmpty()) {
            return Optional.of(own.orElse(StorageRange.UNBOUNDED));
        }
        StorageType type = types.get(storageType);
        if (type == null || !type.methods().contains(method)) {
            return Optional.empty();
        }
        return own.isEmpty() ? Optional.of(type.range()) : type.range().narrowedBy(own.get());
    }

    /** The capacity range a serverless class takes, if the catalog gives one. */
    public Optional<CapacityRange> capacity(String classCode) {
        return Optional.ofNullable(facts.bounds().capacity().get(classCode));
    }

    public boolean hasState(String state) {
        return states.containsKey(state);
    }

    /** The spec rule of an item in a state, or empty if the item does not accrue in that state. */
    public Optional<SpecRule> rule(String state, String itemCode) {
        return Optional.ofNullable(ruleOrNull(state, itemCode));
    }

    /** As {@link #rule}, without the Optional: metering asks this for every item of every stretch. */
    public SpecRule ruleOrNull(String state, String itemCode) {
        Map<String, SpecRule> rules = states.get(state);
        return rules == null ? null : rules.get(itemCode);
    }
}
