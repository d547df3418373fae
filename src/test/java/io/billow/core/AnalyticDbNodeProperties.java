package io.billow.core;

import io.billow.catalog.BillingMethod;
import io.billow.catalog.Catalog;
import io.billow.catalog.CatalogLoader;
import io.billow.catalog.Product;
import io.billow.metering.Accrual;
import io.billow.metering.Meter;
import io.billow.time.Interval;
import io.billow.time.SettlementZone;
import io.billow.timeline.InstanceSnapshot;
import io.billow.timeline.Timeline;
import io.billow.timeline.TimelineEvent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped AnalyticDB catalog over random lives driven as the engine drives them: pause
 * (Pausing, then Paused), resume (Starting, then Running), scale (Scaling at the original class and
 * node count, then the new ones from the Running instant). Node-seconds billed per class equal
 * the seconds in Running and Pausing (and Scaling, at the original spec) times the nodes then, walked
 * independently of metering.
 */
class AnalyticDbNodeProperties {

    private static final Catalog CATALOG = CatalogLoader.fromClasspath();
    private static final Product ADB = CATALOG.product("analyticdb-postgresql").orElseThrow();
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final String[] CLASSES = {"2C8G", "4C16G", "8C32G"};

    /** One step: what happens (0 pause, 1 resume, 2 scale), how long the operation takes, how long after it the next starts, and the new shape. */
    record Step(int kind, long takes, long idle, int classIndex, int nodes) {
    }

    @Provide
    Arbitrary<List<Step>> lives() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.longs().between(1, 1200),
                        Arbitraries.longs().between(0, 5400), Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 8))
                .as((kind, takes, idle, cls, nodes) -> new Step(kind, takes, idle, cls, nodes * 2)).list().ofMaxSize(20);
    }

    @Property(tries = 300)
    void nodeSecondsBilledAreTheNodesInBilledStatesTimesTheirSeconds(@ForAll("lives") List<Step> steps) {
        Timeline t = new Timeline("gp-prop");
        Instant at = T0.plusSeconds(1234);
        t.append(new TimelineEvent.Created(at, InstanceSnapshot.created(ADB.code(), "cn-hangzhou", "ElasticStorage", "4C16G",
                BillingMethod.PAY_AS_YOU_GO, 100, "cloud_essd").withCount("nodes", 2)));
        Map<String, Long> expected = new HashMap<>();
        String cls = "4C16G";
        long nodes = 2;
        String state = "Running";
        for (Step s : steps) {
            Instant done = at.plusSeconds(s.takes());
            boolean billed;
            if (s.kind() == 0 && state.equals("Running")) {
                t.append(new TimelineEvent.StateChanged(at, "Pausing"));
                t.append(new TimelineEvent.StateChanged(done, "Paused"));
                add(expected, cls, nodes, s.takes()); // Pausing is billed
                state = "Paused";
                billed = false;
            } else if (s.kind() == 1 && state.equals("Paused")) {
                t.append(new TimelineEvent.StateChanged(at, "Starting"));
                t.append(new TimelineEvent.StateChanged(done, "Running"));
                state = "Running";
                billed = true;
            } else if (s.kind() == 2 && state.equals("Running")) {
                t.append(new TimelineEvent.StateChanged(at, "Scaling"));
                add(expected, cls, nodes, s.takes()); // at the original spec
                cls = CLASSES[s.classIndex()];
                nodes = s.nodes();
                t.append(new TimelineEvent.SpecChanged(done, cls, 100, "cloud_essd"));
                t.append(new TimelineEvent.ResourceCountChanged(done, "nodes", nodes));
                t.append(new TimelineEvent.StateChanged(done, "Running"));
                billed = true;
            } else {
                done = at; // a call the state refuses: nothing happens
                billed = state.equals("Running");
            }
            if (billed) {
                add(expected, cls, nodes, s.idle());
            }
            at = done.plusSeconds(s.idle());
        }
        Instant end = at;
        Map<String, Long> metered = new HashMap<>();
        for (Interval period : SettlementZone.UTC.periodsCovering(Interval.of(T0, end))) {
            for (Accrual a : Meter.measure(t, ADB, period, SettlementZone.UTC).accruals()) {
                if (a.item().code().equals("compute")) {
                    long until = Math.min(a.end(), end.getEpochSecond());
                    long seconds = Math.max(0, until - a.start());
                    metered.merge(a.spec(), a.rate().multiply(BigDecimal.valueOf(seconds)).longValueExact(), Long::sum);
                }
            }
        }
        metered.values().removeIf(v -> v == 0);
        expected.values().removeIf(v -> v == 0);
        assertThat(metered).isEqualTo(expected);
    }

    private static void add(Map<String, Long> expected, String cls, long nodes, long seconds) {
        expected.merge(cls, nodes * seconds, Long::sum);
    }
}
