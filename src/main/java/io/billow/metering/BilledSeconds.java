package io.billow.metering;

import io.billow.catalog.Granularity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The seconds a period's bill actually charges time for, per item and for the instance: what a
 * bill's service period is. A SECOND item bills the seconds it accrued; an HOUR item bills the
 * whole period once it accrued at all (by the second where the billing method changed inside the
 * period, as rating does); DAY and COUNT items bill days and events, not seconds, and add none.
 */
public final class BilledSeconds {

    private BilledSeconds() {
    }

    /** Item code → seconds billed in the period, for the items that bill time. */
    public static Map<String, Long> perItem(Metered m) {
        Map<String, Long> out = new TreeMap<>();
        spansPerItem(m).forEach((item, spans) -> out.put(item, covered(spans)));
        return out;
    }

    /** Seconds of the period in which the instance was billed for time by any item. */
    public static long instance(Metered m) {
        List<long[]> all = new ArrayList<>();
        spansPerItem(m).values().forEach(all::addAll);
        return covered(all);
    }

    private static Map<String, List<long[]>> spansPerItem(Metered m) {
        Map<String, List<long[]>> spans = new TreeMap<>();
        long start = m.period().start().getEpochSecond();
        long end = m.period().end().getEpochSecond();
        for (Accrual a : m.accruals()) {
            Granularity g = a.item().granularity();
            if (a.seconds() <= 0 || !(g == Granularity.SECOND || g == Granularity.HOUR)) {
                continue;
            }
            long[] span = g == Granularity.HOUR && !m.methodChanged() ? new long[] {start, end} : new long[] {a.start(), a.end()};
            spans.computeIfAbsent(a.item().code(), k -> new ArrayList<>()).add(span);
        }
        return spans;
    }

    /** The length of the union of half-open spans. */
    private static long covered(List<long[]> spans) {
        List<long[]> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingLong(s -> s[0]));
        long total = 0;
        long reach = Long.MIN_VALUE;
        for (long[] s : sorted) {
            long from = Math.max(s[0], reach);
            if (s[1] > from) {
                total += s[1] - from;
            }
            reach = Math.max(reach, s[1]);
        }
        return total;
    }
}
