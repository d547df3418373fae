package io.billow.metering;

import io.billow.catalog.BillingItem;
import io.billow.catalog.Granularity;
import io.billow.catalog.Product;
import io.billow.catalog.SpecRule;
import io.billow.timeline.Endpoint;
import io.billow.timeline.InstanceSnapshot;
import io.billow.timeline.Segment;
import io.billow.timeline.TimelineEvent;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What metering takes of reported usage (COUNT items): the period's reports, the cycle's before it, and the period's allowances. */
final class CountedUsage {

    private CountedUsage() {
    }

    /** COUNT items with an allowance: Σ over the period's accruing seconds of the allowance counter (value × seconds). */
    static Map<String, BigDecimal> allowances(List<Segment> segments, Product product, long from, long to) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (BillingItem item : product.items()) {
            if (item.conditions().allowanceFrom().isEmpty()) {
                continue;
            }
            String counter = item.conditions().allowanceFrom().get();
            long total = 0;
            for (int s = Segment.firstEndingAfter(segments, from); s < segments.size() && segments.get(s).start() < to; s++) {
                Segment segment = segments.get(s);
                InstanceSnapshot snap = segment.snapshot();
                if (accrues(product, item, snap)) {
                    total = Math.addExact(total, Math.multiplyExact(snap.count(counter),
                            Math.min(to, segment.end()) - Math.max(from, segment.start())));
                }
            }
            out.put(item.code(), BigDecimal.valueOf(total));
        }
        return out;
    }

    /** Whether an item accrues for a snapshot at all: its method, a state rule, its edition multiplier and counter condition. */
    private static boolean accrues(Product product, BillingItem item, InstanceSnapshot snap) {
        return item.accruesUnder(snap.method()) && product.ruleOrNull(snap.state(), item.code()) != null
                && item.billable(snap.edition(), snap.counts());
    }

    /**
     * COUNT items: reported usage inside the period, under a method, state and counters where the
     * item accrues (per-endpoint usage: through an endpoint that bills its owner). Returns what
     * accrued the same way earlier in the monthly cycle, by item.
     */
    static Map<String, BigDecimal> addReported(List<Accrual> out, List<Segment> segments, List<TimelineEvent> events,
                                                            Product product, long cycleStart, long from, long to) {
        Map<String, BigDecimal> before = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            if (!(events.get(i) instanceof TimelineEvent.UsageRecorded usage)) {
                continue;
            }
            long at = usage.at().getEpochSecond();
            if (at < cycleStart || at >= to) {
                continue;
            }
            BillingItem item = product.item(usage.item()).orElse(null);
            if (item == null || item.granularity() != Granularity.COUNT) {
                continue;
            }
            InstanceSnapshot snap = Meter.snapshotAt(segments, at);
            if (snap == null || !item.accruesUnder(snap.method()) || !item.conditions().holds(snap.counts())) {
                continue;
            }
            Optional<String> note = Optional.empty();
            if (item.conditions().perEndpoint()) {
                Endpoint through = endpoint(snap, usage.endpointId());
                if (through == null || !through.billsOwner()) {
                    continue;
                }
                if (through.toBeUnpublished()) {
                    note = Optional.of("traffic through endpoint " + through.id() + ", marked To Be Unpublished: its traffic is billed "
                            + "while it is used; the instance's current endpoint carries it free");
                }
            }
            if (at < from) {
                before.merge(item.code(), usage.quantity(), BigDecimal::add);
                continue;
            }
            String spec = Meter.spec(item, snap, SpecRule.CURRENT);
            out.add(new Accrual(item, spec, snap.method(), at, at, usage.quantity(), i, note));
        }
        return before;
    }

    private static Endpoint endpoint(InstanceSnapshot snap, Optional<String> id) {
        if (id.isEmpty()) {
            return null;
        }
        for (Endpoint e : snap.endpoints()) {
            if (e.id().equals(id.get())) {
                return e;
            }
        }
        return null;
    }

}
