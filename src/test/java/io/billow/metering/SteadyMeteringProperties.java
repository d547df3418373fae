package io.billow.metering;

import io.billow.catalog.BillingMethod;
import io.billow.catalog.Product;
import io.billow.core.TestCatalog;
import io.billow.time.Interval;
import io.billow.time.SettlementZone;
import io.billow.timeline.InstanceSnapshot;
import io.billow.timeline.Segment;
import io.billow.timeline.Timeline;
import io.billow.timeline.TimelineEvent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Settlement meters an instance that has not changed since before a period from its latest
 * snapshot alone. That must be exactly what metering its whole timeline gives, for every kind of
 * item: per second, per hour, reported counts and daily peaks (which look back over the day).
 */
class SteadyMeteringProperties {

    private static final Product QUEUE = TestCatalog.queue();
    private static final Product ADB = TestCatalog.analyticDb();
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final List<SettlementZone> ZONES = List.of(SettlementZone.UTC,
            SettlementZone.of("Asia/Shanghai", ZoneOffset.ofHours(8)), SettlementZone.of("America/Los_Angeles", ZoneOffset.ofHours(-8)));

    @Property(tries = 400)
    void aQueueThatHasNotChangedIsMeteredFromItsSnapshot(@ForAll("queueLives") Timeline life, @ForAll @IntRange(min = 0, max = 72) int hour,
                                                         @ForAll @IntRange(min = 0, max = 2) int zone) {
        assertSteadyMeteringAgrees(life, QUEUE, hour, ZONES.get(zone));
    }

    @Property(tries = 400)
    void aWarehouseThatHasNotChangedIsMeteredFromItsSnapshot(@ForAll("warehouseLives") Timeline life,
                                                             @ForAll @IntRange(min = 0, max = 72) int hour) {
        assertSteadyMeteringAgrees(life, ADB, hour, SettlementZone.UTC);
    }

    @Example
    void aSnapshotFromInsideWhatThePeriodMetersIsRefused() {
        Timeline t = new Timeline("i-1").append(new TimelineEvent.Created(T0.plusSeconds(10), queueAt()));
        Interval hour = Interval.ofSeconds(T0, 3600);
        Segment open = t.openSegment().orElseThrow();

        assertThatThrownBy(() -> Meter.measureSteady("i-1", open, QUEUE, hour, SettlementZone.UTC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("changed at");
    }

    @Example
    void aDailyItemLooksBackToTheStartOfTheDayAtTheDaysLastPeriod() {
        Interval lastHour = Interval.ofSeconds(T0.plusSeconds(23 * 3600), 3600);
        Interval noon = Interval.ofSeconds(T0.plusSeconds(12 * 3600), 3600);

        assertThat(Meter.quietBefore(QUEUE, lastHour, SettlementZone.UTC)).isEqualTo(T0);
        assertThat(Meter.quietBefore(QUEUE, noon, SettlementZone.UTC)).isEqualTo(noon.start());
        assertThat(Meter.quietBefore(ADB, lastHour, SettlementZone.UTC)).isEqualTo(lastHour.start());
    }

    private static void assertSteadyMeteringAgrees(Timeline life, Product product, int hour, SettlementZone zone) {
        Interval period = Interval.ofSeconds(T0.plusSeconds(hour * 3600L), 3600);
        Segment open = life.openSegment().orElse(null);
        if (open == null || open.start() >= Meter.quietBefore(product, period, zone).getEpochSecond()) {
            return; // changed inside what the period meters (or released): settlement reads the timeline
        }
        Metered whole = Meter.measure(life, product, period, zone);
        Metered steady = Meter.measureSteady(life.instanceId(), open, product, period, zone);

        assertThat(steady.accruals()).isEqualTo(whole.accruals());
        assertThat(steady.methodChanged()).isEqualTo(whole.methodChanged());
    }

    private static InstanceSnapshot queueAt() {
        return InstanceSnapshot.created("mq", "cn-hangzhou", "Shared", "s1", BillingMethod.PAY_AS_YOU_GO, 0, "none");
    }

    /** Up to 12 changes, each {gap in seconds, kind in 0..maxKind, value in minValue..900}, spread over three days. */
    private static Arbitrary<List<long[]>> steps(int maxKind, int minValue) {
        return Combinators.combine(Arbitraries.longs().between(0, 30_000), Arbitraries.integers().between(0, maxKind),
                Arbitraries.integers().between(minValue, 900)).as((gap, kind, value) -> new long[]{gap, kind, value}).list().ofMaxSize(12);
    }

    /** A queue's life over three days: counts of topics, clients and queues change, calls are reported, it stops and starts. */
    @Provide
    Arbitrary<Timeline> queueLives() {
        return Combinators.combine(Arbitraries.longs().between(0, 40_000), steps(5, 0)).as((start, list) -> {
            Instant at = T0.plusSeconds(start);
            Timeline t = new Timeline("i-queue").append(new TimelineEvent.Created(at, queueAt()));
            int n = 0;
            for (long[] step : list) {
                at = at.plusSeconds(step[0]);
                switch ((int) step[1]) {
                    case 0 -> t.append(new TimelineEvent.ResourceCountChanged(at, "topics", step[2]));
                    case 1 -> t.append(new TimelineEvent.ResourceCountChanged(at, "clients", step[2] * 2));
                    case 2 -> t.append(new TimelineEvent.ResourceCountChanged(at, "queues", step[2] % 40));
                    case 3 -> t.append(new TimelineEvent.UsageRecorded(at, "calls", BigDecimal.valueOf(step[2] * 1000), "e" + n++));
                    case 4 -> t.append(new TimelineEvent.StateChanged(at, "Stopped"));
                    default -> t.append(new TimelineEvent.StateChanged(at, "Running"));
                }
            }
            return t;
        });
    }

    /** A warehouse's life: pauses, resumes and resizes, spread over three days. */
    @Provide
    Arbitrary<Timeline> warehouseLives() {
        return Combinators.combine(Arbitraries.longs().between(0, 40_000), steps(3, 50)).as((start, list) -> {
            Instant at = T0.plusSeconds(start);
            Timeline t = new Timeline("i-adb").append(new TimelineEvent.Created(at, InstanceSnapshot.created("adb", "cn-hangzhou",
                    "elastic", "4c", BillingMethod.PAY_AS_YOU_GO, 100, "cloud_essd")));
            String[] states = {"Running", "Paused", "Scaling"};
            for (long[] step : list) {
                at = at.plusSeconds(step[0]);
                if (step[1] < 3) {
                    t.append(new TimelineEvent.StateChanged(at, states[(int) step[1]]));
                } else {
                    t.append(new TimelineEvent.SpecChanged(at, step[2] % 2 == 0 ? "4c" : "8c", (int) step[2], "cloud_essd"));
                }
            }
            return t;
        });
    }
}
