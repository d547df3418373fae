package io.billow.settlement;

import io.billow.catalog.BillingMethod;
import io.billow.catalog.Product;
import io.billow.core.TestCatalog;
import io.billow.metering.Meter;
import io.billow.metering.Metered;
import io.billow.rating.BillLine;
import io.billow.rating.Rater;
import io.billow.time.Interval;
import io.billow.time.SettlementZone;
import io.billow.timeline.InstanceSnapshot;
import io.billow.timeline.Timeline;
import io.billow.timeline.TimelineEvent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Remembered rating is rating: whatever mix of instances comes, the memo answers what the rater would. */
class RatedShapesProperties {

    private static final Product ADB = TestCatalog.analyticDb();
    private static final Rater RATER = new Rater(TestCatalog.prices());
    private static final Rater.Pricing PRICING = new Rater.Pricing("adb", "cn-hangzhou", "USD");
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final String[] STATES = {"Running", "Paused", "Scaling"};

    /** Few distinct shapes, so that instances often accrue alike and the memo is exercised. */
    @Provide
    Arbitrary<Timeline> timelines() {
        return Arbitraries.integers().between(0, 3).list().ofMaxSize(3)
                .flatMap(states -> Arbitraries.of(0L, 1800L, 3600L).list().ofSize(states.size()).map(gaps -> {
                    Timeline t = new Timeline("i-" + System.identityHashCode(states));
                    Instant at = T0;
                    t.append(new TimelineEvent.Created(at, InstanceSnapshot.created("adb", "cn-hangzhou", "elastic", "4c",
                            BillingMethod.PAY_AS_YOU_GO, 100, "cloud_essd")));
                    for (int i = 0; i < states.size(); i++) {
                        at = at.plusSeconds(gaps.get(i));
                        int s = states.get(i);
                        t.append(s < STATES.length ? new TimelineEvent.StateChanged(at, STATES[s])
                                : new TimelineEvent.SpecChanged(at, "8c", 200, "cloud_essd"));
                    }
                    return t;
                }));
    }

    @Property(tries = 100)
    void theMemoAnswersWhatTheRaterWould(@ForAll("fleet") List<Timeline> fleet) {
        RatedShapes shapes = new RatedShapes(RATER);
        for (int hour = 0; hour < 3; hour++) {
            Interval period = Interval.ofSeconds(T0.plusSeconds(3600L * hour), 3600);
            for (Timeline t : fleet) {
                Metered metered = Meter.measure(t, ADB, period, SettlementZone.UTC);
                List<BillLine> remembered = shapes.rate(metered, PRICING);
                assertThat(remembered).isEqualTo(RATER.rate(metered, PRICING, Map.of()));
                for (BillLine l : remembered) {
                    assertThat(shapes.copyFields(l).bytes()).isEqualTo(RatedShapes.encode(l).bytes());
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Timeline>> fleet() {
        return timelines().list().ofMinSize(1).ofMaxSize(20);
    }
}
