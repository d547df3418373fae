package io.billow.simulation;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an instance's timeline says should be billed in a period, computed afresh from its events
 * and the catalog's table of what each state bills, independently of the rater.
 */
final class BillableSeconds {

    /** A stretch of time over which nothing billable changed. */
    record Stretch(Instant from, Instant to, String state, String method, long storageGb) {
    }

    private final List<Stretch> stretches = new ArrayList<>();
    private final Instant first;

    /** {@code events}: the timeline's events in order; the last stretch runs until {@code now}. */
    BillableSeconds(JsonNode events, Instant now) {
        String state = "Running";
        String method = null;
        long storage = 0;
        Instant at = null;
        boolean released = false;
        Instant firstAt = null;
        for (JsonNode e : events) {
            Instant t = Instant.parse(e.get("at").asText());
            if (firstAt == null) {
                firstAt = t;
            }
            if (at != null && method != null && !released) {
                stretches.add(new Stretch(at, t, state, method, storage));
            }
            at = t;
            JsonNode d = e.path("data");
            switch (e.get("kind").asText()) {
                case "created" -> {
                    method = d.path("method").asText();
                    storage = d.path("storageGb").asLong();
                    if (d.hasNonNull("state")) {
                        state = d.get("state").asText();
                    }
                }
                case "state-changed" -> state = d.path("state").asText();
                case "spec-changed" -> storage = d.path("storageGb").asLong(storage);
                case "billing-method-changed" -> method = d.path("method").asText();
                case "released" -> released = true;
                default -> {
                    // usage, ranges and resources do not change what is billed by the second
                }
            }
        }
        if (at != null && method != null && !released && now.isAfter(at)) {
            stretches.add(new Stretch(at, now, state, method, storage));
        }
        this.first = firstAt;
    }

    /** Where the timeline begins; null when it has no event. */
    Instant first() {
        return first;
    }

    /** Seconds of [from, to) in which {@code method} applied and the state billed {@code item}, each weighted by its storage when asked. */
    long seconds(Instant from, Instant to, String method, String item, Map<String, Set<String>> statesBilling, boolean byStorage) {
        long total = 0;
        for (Stretch s : stretches) {
            if (!s.method().equals(method) || !statesBilling.getOrDefault(s.state(), Set.of()).contains(item)) {
                continue;
            }
            long len = overlap(s, from, to);
            total += byStorage ? len * s.storageGb() : len;
        }
        return total;
    }

    /** Seconds of [from, to) in which the instance was alive under {@code method}. */
    long aliveUnder(Instant from, Instant to, String method) {
        long total = 0;
        for (Stretch s : stretches) {
            if (s.method().equals(method)) {
                total += overlap(s, from, to);
            }
        }
        return total;
    }

    private static long overlap(Stretch s, Instant from, Instant to) {
        long a = Math.max(s.from().getEpochSecond(), from.getEpochSecond());
        long b = Math.min(s.to().getEpochSecond(), to.getEpochSecond());
        return Math.max(0, b - a);
    }
}
