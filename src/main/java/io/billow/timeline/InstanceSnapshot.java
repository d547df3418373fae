package io.billow.timeline;

import io.billow.catalog.BillingMethod;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The billing-relevant facts of an instance at one moment. Immutable; each timeline event
 * produces the next snapshot from the previous one.
 *
 * @param state            lifecycle state (Running, Paused, DBInstanceClassChanging...)
 * @param stateEntryClass  the class held when the current state was entered (the "original" spec)
 * @param rcuMinHalves     serverless MinCapacity in 0.5-RCU units
 * @param rcuMaxHalves     serverless MaxCapacity in 0.5-RCU units
 * @param rcuSampleHalves  last RCU sample (rounded up to 0.5) or -1 before the first sample
 * @param counts           counted resources (topics, groups, clients...)
 */
public record InstanceSnapshot(
        String product,
        String region,
        String edition,
        String instanceClass,
        BillingMethod method,
        String state,
        String stateEntryClass,
        int storageGb,
        String storageType,
        int rcuMinHalves,
        int rcuMaxHalves,
        int rcuSampleHalves,
        Map<String, Long> counts,
        List<Endpoint> endpoints) {

    public InstanceSnapshot {
        counts = Map.copyOf(counts);
        endpoints = List.copyOf(endpoints);
    }

    /** A new instance in the Running state: billing starts at creation (seed 003). */
    public static InstanceSnapshot created(String product, String region, String edition, String instanceClass,
                                           BillingMethod method, int storageGb, String storageType) {
        return new InstanceSnapshot(product, region, edition, instanceClass, method, "Running", instanceClass,
                storageGb, storageType, 0, 0, -1, Map.of(), List.of());
    }

    /** The RCU in use: the last sample (MinCapacity before any) clamped into [min, max], in 0.5 units. */
    public int rcuHalves() {
        int level = rcuSampleHalves < 0 ? rcuMinHalves : rcuSampleHalves;
        return Math.max(rcuMinHalves, Math.min(rcuMaxHalves, level));
    }

    public long count(String resource) {
        return counts.getOrDefault(resource, 0L);
    }

    public InstanceSnapshot withState(String newState) {
        String entryClass = newState.equals(state) ? stateEntryClass : instanceClass;
        return new InstanceSnapshot(product, region, edition, instanceClass, method, newState, entryClass, storageGb,
                storageType, rcuMinHalves, rcuMaxHalves, rcuSampleHalves, counts, endpoints);
    }

    public InstanceSnapshot withClass(String newClass) {
        return new InstanceSnapshot(product, region, edition, newClass, method, state, stateEntryClass, storageGb,
                storageType, rcuMinHalves, rcuMaxHalves, rcuSampleHalves, counts, endpoints);
    }

    public InstanceSnapshot withStorage(int gb, String type) {
        return new InstanceSnapshot(product, region, edition, instanceClass, method, state, stateEntryClass, gb,
                type, rcuMinHalves, rcuMaxHalves, rcuSampleHalves, counts, endpoints);
    }

    /** A method switch changes the class too, and the original spec of the current state with it. */
    public InstanceSnapshot withMethod(BillingMethod newMethod, String newClass) {
        return new InstanceSnapshot(product, region, edition, newClass, newMethod, state, newClass, storageGb,
                storageType, rcuMinHalves, rcuMaxHalves, rcuSampleHalves, counts, endpoints);
    }

    public InstanceSnapshot withEdition(String newEdition, String newClass) {
        return new InstanceSnapshot(product, region, newEdition, newClass, method, state, newClass, storageGb,
                storageType, rcuMinHalves, rcuMaxHalves, rcuSampleHalves, counts, endpoints);
    }

    public InstanceSnapshot withRcuRange(int minHalves, int maxHalves) {
        return new InstanceSnapshot(product, region, edition, instanceClass, method, state, stateEntryClass, storageGb,
                storageType, minHalves, maxHalves, rcuSampleHalves, counts, endpoints);
    }

    /** The capacity range given in RCU (0.5 steps; a value off the step is rounded up to it). */
    public InstanceSnapshot withRcuRange(java.math.BigDecimal min, java.math.BigDecimal max) {
        return withRcuRange(halvesOf(min), halvesOf(max));
    }

    /** An RCU value in 0.5-RCU units, rounded up to the step (domain.md §2). */
    public static int halvesOf(java.math.BigDecimal rcu) {
        return rcu.multiply(java.math.BigDecimal.valueOf(2)).setScale(0, java.math.RoundingMode.CEILING).intValueExact();
    }

    public InstanceSnapshot withRcuSample(int halves) {
        return new InstanceSnapshot(product, region, edition, instanceClass, method, state, stateEntryClass, storageGb,
                storageType, rcuMinHalves, rcuMaxHalves, halves, counts, endpoints);
    }

    public InstanceSnapshot withCount(String resource, long count) {
        Map<String, Long> next = new TreeMap<>(counts);
        next.put(resource, count);
        return new InstanceSnapshot(product, region, edition, instanceClass, method, state, stateEntryClass, storageGb,
                storageType, rcuMinHalves, rcuMaxHalves, rcuSampleHalves, next, endpoints);
    }

    public InstanceSnapshot withEndpoints(List<Endpoint> next) {
        return new InstanceSnapshot(product, region, edition, instanceClass, method, state, stateEntryClass, storageGb,
                storageType, rcuMinHalves, rcuMaxHalves, rcuSampleHalves, counts, next);
    }

    InstanceSnapshot withEndpoint(Endpoint endpoint) {
        List<Endpoint> next = new ArrayList<>();
        for (Endpoint e : endpoints) {
            if (!e.id().equals(endpoint.id())) {
                next.add(e);
            }
        }
        next.add(endpoint);
        return withEndpoints(next);
    }

    InstanceSnapshot withoutEndpoint(String id) {
        List<Endpoint> next = new ArrayList<>(endpoints);
        next.removeIf(e -> e.id().equals(id));
        return withEndpoints(next);
    }

    public long billableEndpoints() {
        long n = 0;
        for (Endpoint e : endpoints) {
            if (e.billsOwner()) {
                n++;
            }
        }
        return n;
    }
}
