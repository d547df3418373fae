package io.billow.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Versioned prices. A price applies from its effective instant until the next version of the
 * same key takes over; a region-specific price wins over a "*" one, and a spec-specific
 * price over a "*" one.
 */
public final class PriceBook {

    /** What a price is for; region and spec may be "*". */
    public record Key(String product, String item, String region, String spec, String currency) {
    }

    /** A price and the part of an interval (epoch seconds, half-open) over which it applies. */
    public record Span(PriceEntry entry, long start, long end) {
    }

    private static final PriceEntry[] NONE = new PriceEntry[0];
    /** A limit on everything: the lookup cache holds at most this many keys. */
    private static final int MAX_RESOLVED = 100_000;

    private final Map<Key, PriceEntry[]> versions;
    /** Requested key → versions found after the "*" fallbacks; the book is immutable, so this never goes stale. */
    private final Map<Key, PriceEntry[]> resolved = new java.util.concurrent.ConcurrentHashMap<>();

    private PriceBook(Map<Key, PriceEntry[]> versions) {
        this.versions = versions;
    }

    /**
     * Builds a price book; refuses two versions of one key that take effect at the same instant
     * (their periods would overlap).
     */
    public static PriceBook of(Collection<PriceEntry> entries) {
        Map<Key, List<PriceEntry>> byKey = new HashMap<>();
        for (PriceEntry e : entries) {
            byKey.computeIfAbsent(new Key(e.product(), e.item(), e.region(), e.spec(), e.currency()), k -> new ArrayList<>()).add(e);
        }
        Map<Key, PriceEntry[]> versions = new HashMap<>();
        for (Map.Entry<Key, List<PriceEntry>> kv : byKey.entrySet()) {
            PriceEntry[] sorted = kv.getValue().toArray(new PriceEntry[0]);
            Arrays.sort(sorted, Comparator.comparing(PriceEntry::effectiveFrom));
            for (int i = 1; i < sorted.length; i++) {
                if (sorted[i].effectiveFrom().equals(sorted[i - 1].effectiveFrom())) {
                    throw new OverlappingPriceException(sorted[i - 1], sorted[i]);
                }
            }
            versions.put(kv.getKey(), sorted);
        }
        return new PriceBook(versions);
    }

    public List<PriceEntry> entries() {
        List<PriceEntry> all = new ArrayList<>();
        versions.values().forEach(v -> all.addAll(Arrays.asList(v)));
        all.sort(Comparator.comparing(PriceEntry::id));
        return all;
    }

    /** The versions that apply to a concrete (product, item, region, spec, currency), oldest first. */
    public PriceEntry[] versionsFor(String product, String item, String region, String spec, String currency) {
        Key key = new Key(product, item, region, spec, currency);
        PriceEntry[] v = resolved.get(key);
        if (v == null) {
            v = resolve(key);
            if (resolved.size() < MAX_RESOLVED) {
                resolved.put(key, v);
            }
        }
        return v;
    }

    private PriceEntry[] resolve(Key k) {
        String product = k.product();
        String item = k.item();
        String region = k.region();
        String spec = k.spec();
        String currency = k.currency();
        PriceEntry[] v = versions.get(k);
        if (v == null) {
            v = versions.get(new Key(product, item, "*", spec, currency));
        }
        if (v == null) {
            v = versions.get(new Key(product, item, region, "*", currency));
        }
        if (v == null) {
            v = versions.get(new Key(product, item, "*", "*", currency));
        }
        return v == null ? NONE : v;
    }

    /** The price in effect at {@code at}, if any. */
    public Optional<PriceEntry> priceAt(String product, String item, String region, String spec, String currency, Instant at) {
        PriceEntry[] v = versionsFor(product, item, region, spec, currency);
        return Optional.ofNullable(inEffect(v, at.getEpochSecond()));
    }

    static PriceEntry inEffect(PriceEntry[] v, long epochSecond) {
        PriceEntry found = null;
        for (PriceEntry e : v) {
            if (e.effectiveFrom().getEpochSecond() <= epochSecond) {
                found = e;
            } else {
                break;
            }
        }
        return found;
    }

    /**
     * Splits {@code [start, end)} at the effective instants of the versions inside it. A part
     * before the first version has no price and is reported with a null entry, so that the
     * caller can refuse it with a clear error rather than bill it at zero.
     */
    public static void split(PriceEntry[] v, long start, long end, List<Span> out) {
        long cursor = start;
        PriceEntry current = inEffect(v, start);
        for (PriceEntry e : v) {
            long from = e.effectiveFrom().getEpochSecond();
            if (from <= cursor) {
                continue;
            }
            if (from >= end) {
                break;
            }
            out.add(new Span(current, cursor, from));
            cursor = from;
            current = e;
        }
        out.add(new Span(current, cursor, end));
    }
}
