package io.billow.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What decides an item's accrual beyond its billing method and state rule, what it counts and
 * what it leaves free in a period; catalog keys {@code onlyWhen}, {@code allowanceFrom},
 * {@code perEndpoint} and {@code sumOf}.
 *
 * @param onlyWhen      the item accrues only while a counter of the instance is zero, or only while it is positive
 *                      (a reserved capacity: the reserved fee while one is reserved, the cumulative fee while none is)
 * @param allowanceFrom a COUNT item: the counter whose value × seconds of the period is free in that period
 *                      (a reserved rate of requests per second covers that many requests each second)
 * @param perEndpoint   a COUNT item reported per endpoint: usage names its endpoint, and only usage through an
 *                      endpoint that bills its owner is charged
 * @param sumOf         a RESOURCE item counting several counters together against one free quota (topics and
 *                      consumer groups); empty: its {@code resource} alone
 * @param hourAtLast    an HOUR item billing the whole hour at the configuration of its last accruing second
 *                      ("the new price from the hour the change takes effect"), rather than at the hour's peak
 *                      (a count of clients billed on the hour's highest)
 */
public record ItemConditions(Optional<CountCondition> onlyWhen, Optional<String> allowanceFrom, boolean perEndpoint,
                             List<String> sumOf, boolean hourAtLast) {

    /** No condition: the method and state rule alone decide. */
    public static final ItemConditions NONE = new ItemConditions(Optional.empty(), Optional.empty(), false, List.of());

    public ItemConditions {
        sumOf = List.copyOf(sumOf);
    }

    /** Conditions of an item billed, if by the hour, at the hour's peak. */
    public ItemConditions(Optional<CountCondition> onlyWhen, Optional<String> allowanceFrom, boolean perEndpoint, List<String> sumOf) {
        this(onlyWhen, allowanceFrom, perEndpoint, sumOf, false);
    }

    /** The count a RESOURCE item bills: its counters added up. */
    public long count(String resource, Map<String, Long> counts) {
        if (sumOf.isEmpty()) {
            return counts.getOrDefault(resource, 0L);
        }
        long n = 0;
        for (String c : sumOf) {
            n = Math.addExact(n, counts.getOrDefault(c, 0L));
        }
        return n;
    }

    /** A counter that must be zero ({@code positive} false) or above zero ({@code positive} true). */
    public record CountCondition(String resource, boolean positive) {

        public boolean holds(long count) {
            return positive ? count > 0 : count == 0;
        }

        @Override
        public String toString() {
            return resource + (positive ? " > 0" : " = 0");
        }
    }

    /** Whether the instance's counters let the item accrue. */
    public boolean holds(Map<String, Long> counts) {
        return onlyWhen.isEmpty() || onlyWhen.get().holds(counts.getOrDefault(onlyWhen.get().resource(), 0L));
    }
}
