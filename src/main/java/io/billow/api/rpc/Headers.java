package io.billow.api.rpc;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** HTTP request headers, looked up without regard to case, as HTTP defines them. */
public final class Headers {

    private final Map<String, String> byName;

    private Headers(Map<String, String> byName) {
        this.byName = byName;
    }

    /** When a name repeats with different case, the first one given wins. */
    public static Headers of(Map<String, String> headers) {
        TreeMap<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach(byName::putIfAbsent);
        return new Headers(Collections.unmodifiableMap(byName));
    }

    public static Headers none() {
        return of(Map.of());
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public boolean has(String name) {
        return byName.containsKey(name);
    }

    /** All headers, sorted by name without regard to case. */
    public Map<String, String> asMap() {
        return byName;
    }

    @Override
    public String toString() {
        return byName.toString();
    }
}
