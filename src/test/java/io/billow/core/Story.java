package io.billow.core;

import io.billow.catalog.BillingMethod;
import io.billow.catalog.Product;
import io.billow.metering.Meter;
import io.billow.metering.Metered;
import io.billow.rating.BillLine;
import io.billow.rating.Rater;
import io.billow.time.Interval;
import io.billow.time.SettlementZone;
import io.billow.timeline.InstanceSnapshot;
import io.billow.timeline.Timeline;
import io.billow.timeline.TimelineEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A readable way to write a timeline in a test: {@code story.at("11:20").state("Paused")}. */
public final class Story {

    private final String day;
    private final Product product;
    private final Timeline timeline = new Timeline("i-test");
    private Instant cursor;

    private Story(String day, Product product) {
        this.day = day;
        this.product = product;
    }

    public static Story on(String day, Product product) {
        return new Story(day, product);
    }

    public Instant t(String hhmmss) {
        return Instant.parse(day + "T" + (hhmmss.length() == 5 ? hhmmss + ":00" : hhmmss) + "Z");
    }

    public Story at(String hhmmss) {
        cursor = t(hhmmss);
        return this;
    }

    public Story created(String edition, String cls, BillingMethod method, int storageGb) {
        return add(new TimelineEvent.Created(cursor, InstanceSnapshot.created(product.code(), "cn-hangzhou", edition, cls, method, storageGb, "cloud_essd")));
    }

    public Story state(String state) {
        return add(new TimelineEvent.StateChanged(cursor, state));
    }

    public Story spec(String cls, int storageGb) {
        return add(new TimelineEvent.SpecChanged(cursor, cls, storageGb, "cloud_essd"));
    }

    public Story method(BillingMethod method, String cls) {
        return add(new TimelineEvent.BillingMethodChanged(cursor, method, cls));
    }

    public Story rcuRange(String min, String max) {
        return add(new TimelineEvent.RcuRangeChanged(cursor, new BigDecimal(min), new BigDecimal(max)));
    }

    public Story rcu(String level) {
        return add(new TimelineEvent.RcuSampled(cursor, new BigDecimal(level)));
    }

    public Story count(String resource, long n) {
        return add(new TimelineEvent.ResourceCountChanged(cursor, resource, n));
    }

    public Story usage(String item, long quantity, String id) {
        return add(new TimelineEvent.UsageRecorded(cursor, item, BigDecimal.valueOf(quantity), id));
    }

    public Story released() {
        return add(new TimelineEvent.Released(cursor));
    }

    public Story add(TimelineEvent e) {
        timeline.append(e);
        return this;
    }

    public Timeline timeline() {
        return timeline;
    }

    public Interval period(String fromHhmm, String toHhmm) {
        return Interval.of(t(fromHhmm), t(toHhmm));
    }

    public Metered meter(String fromHhmm, String toHhmm) {
        return Meter.measure(timeline, product, period(fromHhmm, toHhmm), SettlementZone.UTC);
    }

    public List<BillLine> lines(String fromHhmm, String toHhmm) {
        return new Rater(TestCatalog.prices()).rate(meter(fromHhmm, toHhmm), new Rater.Pricing(product.code(), "cn-hangzhou", "USD"), Map.of());
    }

    /** Seconds (or quantity) of one item over a period, summed over its lines. */
    public BigDecimal quantity(String item, String fromHhmm, String toHhmm) {
        return lines(fromHhmm, toHhmm).stream().filter(l -> l.item().equals(item)).map(BillLine::quantity)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
