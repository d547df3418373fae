package io.billow.bench;

import io.billow.catalog.BillingMethod;
import io.billow.catalog.Catalog;
import io.billow.catalog.Edition;
import io.billow.catalog.InstanceClass;
import io.billow.catalog.Product;
import io.billow.metering.Meter;
import io.billow.rating.PriceNotFoundException;
import io.billow.rating.Rater;
import io.billow.time.Interval;
import io.billow.time.SettlementZone;
import io.billow.timeline.InstanceSnapshot;
import io.billow.timeline.Timeline;
import io.billow.timeline.TimelineEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic mix of instances for benchmarks: every metered (pay-as-you-go or serverless)
 * class of every product in the catalog that has prices, created before the benchmark hour, with
 * a given share changing mid-hour (a spec change, a pause, an RCU sample or a count change).
 */
public final class BenchmarkFleet {

    /** A shape an instance can be created with. */
    public record Shape(Product product, Edition edition, InstanceClass cls, BillingMethod method, String region) {
    }

    public static final Instant HOUR_START = Instant.parse("2026-06-01T10:00:00Z");
    public static final Interval HOUR = Interval.ofSeconds(HOUR_START, 3600);

    private BenchmarkFleet() {
    }

    /** Every shape that rates without a missing price, in a stable order. */
    public static List<Shape> shapes(Catalog catalog, String currency) {
        List<Shape> shapes = new ArrayList<>();
        Rater rater = new Rater(catalog.prices());
        List<String> codes = new ArrayList<>(catalog.products().keySet());
        codes.sort(null);
        for (String code : codes) {
            Product p = catalog.products().get(code);
            List<String> classes = new ArrayList<>(p.classes().keySet());
            classes.sort(null);
            for (String c : classes) {
                InstanceClass cls = p.classes().get(c);
                for (BillingMethod m : List.of(BillingMethod.PAY_AS_YOU_GO, BillingMethod.SERVERLESS)) {
                    if (!cls.methods().contains(m)) {
                        continue;
                    }
                    for (Edition e : p.editions().values()) {
                        if (!e.methods().contains(m) || (cls.edition().isPresent() && !cls.edition().get().equals(e.code()))) {
                            continue;
                        }
                        String region = p.regions().stream().sorted().findFirst().orElse("*");
                        Shape shape = new Shape(p, e, cls, m, region);
                        Timeline t = timeline("probe", shape, 0, new Random(1));
                        try {
                            rater.rate(Meter.measure(t, p, HOUR, SettlementZone.UTC), new Rater.Pricing(code, region, currency), Map.of());
                            shapes.add(shape);
                        } catch (PriceNotFoundException ignored) {
                            // a shape the catalog does not price in this currency is not part of the mix
                        }
                        break;
                    }
                }
            }
        }
        if (shapes.isEmpty()) {
            throw new IllegalStateException("the catalog prices no pay-as-you-go or serverless class in " + currency);
        }
        return shapes;
    }

    /** An instance created a day before the hour; with {@code changePercent} chance it changes mid-hour. */
    public static Timeline timeline(String id, Shape s, int changePercent, Random random) {
        return timeline(id, s, changePercent, random, HOUR_START.minusSeconds(86_400));
    }

    /** An instance created at {@code createdAt}, unchanged until the hour; with {@code changePercent} chance it changes mid-hour. */
    public static Timeline timeline(String id, Shape s, int changePercent, Random random, Instant createdAt) {
        return timeline(id, s, changePercent, random, createdAt, 0);
    }

    /** As {@link #timeline(String, Shape, int, Random, Instant)}, with the change {@code changeHour} hours after the hour instead. */
    public static Timeline timeline(String id, Shape s, int changePercent, Random random, Instant createdAt, int changeHour) {
        InstanceSnapshot snap = InstanceSnapshot.created(s.product().code(), s.region(), s.edition().code(), s.cls().code(), s.method(),
                100, "cloud_essd");
        if (s.method() == BillingMethod.SERVERLESS) {
            snap = snap.withRcuRange(1, 16);
        }
        if (s.cls().hasNodes()) {
            snap = snap.withCount(io.billow.catalog.InstanceClass.NODES, s.cls().limit("nodesMin").orElseThrow());
        }
        Timeline t = new Timeline(id);
        t.append(new TimelineEvent.Created(createdAt, snap));
        if (random.nextInt(100) < changePercent) {
            Instant at = HOUR_START.plusSeconds(3600L * changeHour + 1 + random.nextInt(3598));
            switch (random.nextInt(3)) {
                case 0 -> t.append(new TimelineEvent.SpecChanged(at, s.cls().code(), 200, "cloud_essd"));
                case 1 -> t.append(new TimelineEvent.RcuSampled(at, BigDecimal.valueOf(2 + random.nextInt(6))));
                default -> t.append(new TimelineEvent.ResourceCountChanged(at, "topics", 50 + random.nextInt(500)));
            }
        }
        return t;
    }
}
