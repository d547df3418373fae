package io.billow.metering;

import io.billow.catalog.BillingItem;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.Granularity;
import io.billow.catalog.Measure;
import io.billow.catalog.Product;
import io.billow.catalog.SpecRule;
import io.billow.time.Interval;
import io.billow.time.SettlementZone;
import io.billow.timeline.Endpoint;
import io.billow.timeline.InstanceSnapshot;
import io.billow.timeline.Segment;
import io.billow.timeline.Timeline;
import io.billow.timeline.TimelineEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a timeline into billable quantities for one period: which items accrue in each
 * stretch of the instance's life, at which spec and rate, by the product's state rules
 * (domain.md §3). Pure: no prices, no I/O.
 */
public final class Meter {

    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final long DAY_SECONDS = 86_400;

    private Meter() {
    }

    public static Metered measure(Timeline timeline, Product product, Interval period, SettlementZone zone) {
        return measure(timeline.instanceId(), timeline.segments(), timeline.events(), product, period, zone);
    }

    /**
     * The earliest moment whose events can change what {@code product} accrues in {@code period}:
     * the period's start, or the start of its day when the period ends a day and the product has
     * daily items (they bill the day's peak). An instance whose last event is earlier than this
     * accrues exactly what its latest snapshot alone says, so {@link #measureSteady} serves.
     */
    public static Instant quietBefore(Product product, Interval period, SettlementZone zone) {
        if (has(product, Granularity.DAY) && zone.isDayBoundary(period.end().getEpochSecond())) {
            return zone.dayContaining(period.end().minusSeconds(1)).start();
        }
        return period.start();
    }

    /**
     * What an instance accrues whose life has been one unchanging stretch since before
     * {@link #quietBefore}: its open segment, the snapshot its last event made. Equal to
     * {@link #measure} over the whole timeline, without reading it.
     */
    public static Metered measureSteady(String instanceId, Segment open, Product product, Interval period, SettlementZone zone) {
        if (open.start() >= quietBefore(product, period, zone).getEpochSecond() || open.end() != Long.MAX_VALUE) {
            throw new IllegalArgumentException("instance " + instanceId + " changed at " + open.start() + ", inside what "
                    + period + " meters");
        }
        return measure(instanceId, List.of(open), List.of(), product, period, zone);
    }

    private static Metered measure(String instanceId, List<Segment> segments, List<TimelineEvent> events, Product product,
                                   Interval period, SettlementZone zone) {
        long from = period.start().getEpochSecond();
        long to = period.end().getEpochSecond();
        List<Accrual> accruals = new ArrayList<>(4);
        boolean methodChanged = false;
        Segment previous = null;
        for (int s = Segment.firstEndingAfter(segments, from); s < segments.size(); s++) {
            Segment segment = segments.get(s);
            if (segment.start() >= to) {
                break;
            }
            if (previous != null && previous.end() == segment.start()
                    && previous.snapshot().method() != segment.snapshot().method()) {
                methodChanged = true;
            }
            previous = segment;
            long start = Math.max(from, segment.start());
            long end = Math.min(to, segment.end());
            for (BillingItem item : product.items()) {
                if (item.granularity() == Granularity.SECOND || item.granularity() == Granularity.HOUR) {
                    addAccrual(accruals, product, item, segment, start, end);
                }
            }
        }
        Map<String, BigDecimal> cycleUsage = Map.of();
        Map<String, BigDecimal> allowances = Map.of();
        if (has(product, Granularity.COUNT)) {
            long cycleStart = zone.monthlyCycleContaining(period.start()).start().getEpochSecond();
            cycleUsage = CountedUsage.addReported(accruals, segments, events, product, cycleStart, from, to);
            allowances = CountedUsage.allowances(segments, product, from, to);
        }
        if (has(product, Granularity.DAY) && zone.isDayBoundary(to)) {
            addDays(accruals, segments, product, zone.dayContaining(period.end().minusSeconds(1)));
        }
        return new Metered(instanceId, period, accruals, methodChanged, allowances, cycleUsage);
    }

    private static boolean has(Product product, Granularity granularity) {
        for (BillingItem item : product.items()) {
            if (item.granularity() == granularity) {
                return true;
            }
        }
        return false;
    }

    private static void addAccrual(List<Accrual> out, Product product, BillingItem item, Segment segment, long start, long end) {
        InstanceSnapshot snap = segment.snapshot();
        if (!item.accruesUnder(snap.method())) {
            return;
        }
        SpecRule rule = product.ruleOrNull(snap.state(), item.code());
        if (rule == null || !item.conditions().holds(snap.counts())) {
            return;
        }
        String spec = spec(item, snap, rule);
        BigDecimal rate = rate(item, snap, spec);
        if (rate.signum() == 0) {
            return;
        }
        Optional<String> note = item.measure() == Measure.ENDPOINT ? keptEndpoints(snap) : Optional.empty();
        // Merge with the previous stretch of the same item at the same spec and rate, so that
        // an event that does not touch this item does not split its line's explanation.
        for (int i = out.size() - 1; i >= 0; i--) {
            Accrual last = out.get(i);
            if (last.item() != item) {
                continue;
            }
            if (last.end() == start && last.method() == snap.method() && last.spec().equals(spec) && last.rate().compareTo(rate) == 0
                    && last.note().equals(note)) {
                out.set(i, new Accrual(item, spec, snap.method(), last.start(), end, rate, last.eventIndex(), note));
                return;
            }
            break;
        }
        out.add(new Accrual(item, spec, snap.method(), start, end, rate, segment.eventIndex(), note));
    }

    /** Why an endpoint fee is there after the instance stopped needing the endpoint: those marked To Be Unpublished. */
    private static Optional<String> keptEndpoints(InstanceSnapshot snap) {
        List<String> kept = new ArrayList<>();
        for (Endpoint e : snap.endpoints()) {
            if (e.billsOwner() && e.toBeUnpublished()) {
                kept.add(e.id());
            }
        }
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        String which = kept.size() == 1 ? "endpoint " + kept.get(0) + " is" : "endpoints " + String.join(", ", kept) + " are";
        return Optional.of(which + " marked To Be Unpublished (replaced by an upgrade) and bills its owner until deleted");
    }

    /** The spec an item is priced at for a snapshot: its class (the original one under ORIGINAL), edition or storage type. */
    public static String spec(BillingItem item, InstanceSnapshot snap, SpecRule rule) {
        switch (item.specSource()) {
            case CLASS:
                return rule == SpecRule.ORIGINAL ? snap.stateEntryClass() : snap.instanceClass();
            case EDITION:
                return snap.edition();
            case STORAGE_TYPE:
                return snap.storageType();
            default:
                return "*";
        }
    }

    /** Quantity per second (or the count, for DAY items) of an item for a snapshot. */
    static BigDecimal rate(BillingItem item, InstanceSnapshot snap, String spec) {
        BigDecimal base;
        switch (item.measure()) {
            case INSTANCE:
                base = BigDecimal.ONE;
                break;
            case STORAGE_GB:
                base = BigDecimal.valueOf(snap.storageGb());
                break;
            case RCU:
                base = BigDecimal.valueOf(snap.rcuHalves()).multiply(HALF);
                break;
            case RESOURCE:
                base = BigDecimal.valueOf(Math.max(0, item.conditions().count(item.resource(), snap.counts()) - item.freeQuota(spec)));
                break;
            case ENDPOINT:
                base = BigDecimal.valueOf(snap.billableEndpoints());
                break;
            default:
                return BigDecimal.ZERO;
        }
        int multiplier = item.multiplier(snap.edition());
        return multiplier == 1 ? base : base.multiply(BigDecimal.valueOf(multiplier));
    }

    /**
     * DAY items: each resource present at any accruing moment of the day bills one day, charged
     * in the period that ends the day. Where the timeline also counts creations ({@code topics+}),
     * that is the count when the day's billing starts plus what was created after (a topic
     * deleted before another was created still bills its day); otherwise the day's peak count.
     * Rate = that number above the free quota, per spec.
     */
    private static void addDays(List<Accrual> out, List<Segment> segments, Product product, Interval day) {
        long from = day.start().getEpochSecond();
        long to = from + DAY_SECONDS;
        for (BillingItem item : product.items()) {
            if (item.granularity() != Granularity.DAY) {
                continue;
            }
            Map<String, DayCount> days = new LinkedHashMap<>();
            for (int s = Segment.firstEndingAfter(segments, from); s < segments.size() && segments.get(s).start() < to; s++) {
                Segment segment = segments.get(s);
                InstanceSnapshot snap = segment.snapshot();
                SpecRule rule = product.rule(snap.state(), item.code()).orElse(null);
                if (rule == null || !item.accruesUnder(snap.method())) {
                    continue;
                }
                String spec = spec(item, snap, rule);
                DayCount d = days.get(spec);
                long present = snap.count(item.resource());
                long created = snap.count(item.resource() + "+");
                days.put(spec, d == null ? new DayCount(snap.method(), present, present, created, created, segment.eventIndex())
                        : d.then(present, created));
            }
            days.forEach((spec, d) -> {
                BigDecimal rate = BigDecimal.valueOf(Math.max(0, d.distinct() - item.freeQuota(spec)));
                if (rate.signum() > 0) {
                    out.add(new Accrual(item, spec, d.method(), from, to, rate, d.eventIndex()));
                }
            });
        }
    }

    /** One spec's day so far: the count when its billing began, the peak, and the creation counter then and now. */
    private record DayCount(BillingMethod method, long first, long peak, long createdAtFirst, long createdNow, int eventIndex) {

        DayCount then(long present, long created) {
            return new DayCount(method, first, Math.max(peak, present), createdAtFirst, created, eventIndex);
        }

        long distinct() {
            return Math.max(peak, first + createdNow - createdAtFirst);
        }
    }
    static InstanceSnapshot snapshotAt(List<Segment> segments, long at) {
        int i = Segment.firstEndingAfter(segments, at);
        if (i < segments.size() && segments.get(i).start() <= at) {
            return segments.get(i).snapshot();
        }
        return null;
    }
}
