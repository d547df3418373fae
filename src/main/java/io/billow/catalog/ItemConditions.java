package io.billow.catalog;

import java.util.Map;
import java.util.Optional;

/**
 * What decides an item's accrual beyond its billing method and state rule, and what it leaves
 * free in a period; catalog keys {@code onlyWhen}, {@code allowanceFrom} and {@code perEndpoint}.
 *
 * @param onlyWhen      the item accrues only while a counter of the instance is zero, or only while it is positive
 *                      (a reserved capacity: the reserved fee while one is reserved, the cumulative fee while none is)
 * @param allowanceFrom a COUNT item: the counter whose value × seconds of the period is free in that period
 *                      (a reserved rate of requests per second covers that many requests each second)
 * @param perEndpoint   a COUNT item reported per endpoint: usage names its endpoint, and only usage through an
 *                      endpoint that bills its owner is charged
 */
public record ItemConditions(Optional<CountCondition> onlyWhen, Optional<String> allowanceFrom, boolean perEndpoint) {

    /** No condition: the method and state rule alone decide. */
    public static final ItemConditions NONE = new ItemConditions(Optional.empty(), Optional.empty(), false);

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
