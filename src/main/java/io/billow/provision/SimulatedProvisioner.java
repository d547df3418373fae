package io.billow.provision;

import io.billow.catalog.BillingMethod;
import io.billow.catalog.Catalog;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A provisioner that simulates infrastructure: configurable durations per operation kind,
 * capacity per (product, zone, method), and injected failures ("fail the next N operations of
 * a kind") so tests can exercise rollbacks deterministically.
 */
public final class SimulatedProvisioner implements Provisioner {

    private static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);
    /** Kinds every product shares, unless its catalog facts say otherwise. */
    private static final Map<String, Duration> KIND_DEFAULTS = Map.of("CONVERT", Duration.ofSeconds(60),
            "MODIFY_SPEC", Duration.ofMinutes(5), "AUTO_PAUSE", Duration.ofSeconds(30), "AUTO_RESUME", Duration.ofSeconds(30));

    private final Catalog catalog;
    private final Map<String, Duration> durations = new ConcurrentHashMap<>();
    private final Map<String, Integer> capacity = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    /** Durations come from the products' catalog facts, then the kind's default, until set otherwise. */
    public SimulatedProvisioner(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Sets the duration of an operation kind, for every product or for "product:KIND". */
    public void setDuration(String kindOrProductKind, Duration duration) {
        durations.put(kindOrProductKind, duration);
    }

    /** Limits how many more instances of (product, method) a zone takes; unset means unlimited. */
    public void setCapacity(String product, String zoneId, BillingMethod method, int instances) {
        capacity.put(key(product, zoneId, method), instances);
    }

    /** The next {@code count} operations of {@code kind} fail. */
    public void failNext(String kind, int count) {
        failures.put(kind, count);
    }

    public void reset() {
        capacity.clear();
        failures.clear();
    }

    @Override
    public Duration duration(String product, String operationKind) {
        Duration d = durations.get(product + ":" + operationKind);
        if (d == null) {
            d = durations.get(operationKind);
        }
        if (d == null) {
            d = catalog.product(product).flatMap(p -> p.facts().durationSeconds(operationKind)).map(Duration::ofSeconds).orElse(null);
        }
        return d != null ? d : KIND_DEFAULTS.getOrDefault(operationKind, DEFAULT_DURATION);
    }

    @Override
    public boolean reserve(String product, String zoneId, BillingMethod method) {
        String key = key(product, zoneId, method);
        boolean[] ok = {true};
        capacity.computeIfPresent(key, (k, left) -> {
            if (left <= 0) {
                ok[0] = false;
                return left;
            }
            return left - 1;
        });
        return ok[0];
    }

    @Override
    public void release(String product, String zoneId, BillingMethod method) {
        capacity.computeIfPresent(key(product, zoneId, method), (k, left) -> left + 1);
    }

    @Override
    public boolean hasRoom(String product, String zoneId, BillingMethod method) {
        Integer left = capacity.get(key(product, zoneId, method));
        return left == null || left > 0;
    }

    @Override
    public boolean perform(String product, String operationKind, String instanceId) {
        boolean[] fail = {false};
        failures.computeIfPresent(operationKind, (k, left) -> {
            if (left > 0) {
                fail[0] = true;
                return left - 1;
            }
            return null;
        });
        return !fail[0];
    }

    private static String key(String product, String zoneId, BillingMethod method) {
        return product + "/" + zoneId + "/" + method;
    }
}
