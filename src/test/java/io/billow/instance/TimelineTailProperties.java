package io.billow.instance;

import io.billow.catalog.BillingMethod;
import io.billow.timeline.InstanceSnapshot;
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
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Appending to an instance continues from the snapshot its row keeps (stored encoded) instead of
 * reading the whole timeline. For every life and every point it is cut at, that must be exactly
 * what the whole timeline gives: the same current snapshot, the same last time, the same end.
 */
class TimelineTailProperties {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @Property(tries = 600)
    void continuingFromTheStoredSnapshotIsReadingTheWholeTimeline(@ForAll("lives") List<TimelineEvent> life,
                                                                  @ForAll @IntRange(min = 1, max = 40) int cut) {
        int k = Math.min(cut, life.size());
        Timeline whole = Timeline.of("i-1", life);
        Timeline prefix = Timeline.of("i-1", life.subList(0, k));
        if (prefix.isReleased()) {
            return; // a released row keeps no snapshot: the next append reads the timeline and is refused
        }
        InstanceSnapshot stored = TimelineCodec.decodeSnapshot(TimelineCodec.encodeSnapshot(prefix.current()));
        assertThat(stored).isEqualTo(prefix.current());

        Timeline.Tail tail = Timeline.continueFrom("i-1", stored, life.get(k - 1).at(), life.subList(k, life.size())).orElseThrow();

        assertThat(tail.current()).isEqualTo(whole.current());
        assertThat(tail.released()).isEqualTo(whole.isReleased());
        assertThat(tail.lastAt()).isEqualTo(life.get(life.size() - 1).at());
        if (!whole.isReleased()) {
            assertThat(tail.lastAt().getEpochSecond()).isEqualTo(whole.openSegment().orElseThrow().start());
        }
    }

    @Example
    void aLateEventLeavesTheWholeTimelineToBeRead() {
        InstanceSnapshot s = created();
        Instant last = T0.plusSeconds(600);

        assertThat(Timeline.continueFrom("i-1", s, last, List.of(new TimelineEvent.RcuSampled(T0.plusSeconds(599), BigDecimal.ONE))))
                .isEmpty();
        assertThat(Timeline.continueFrom("i-1", s, last, List.of(new TimelineEvent.RcuSampled(last, BigDecimal.ONE)))).isPresent();
    }

    @Example
    void nothingFollowsARelease() {
        List<TimelineEvent> more = List.of(new TimelineEvent.Released(T0.plusSeconds(10)), new TimelineEvent.StateChanged(T0.plusSeconds(20), "Running"));

        assertThatThrownBy(() -> Timeline.continueFrom("i-1", created(), T0, more))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("released");
        assertThatThrownBy(() -> Timeline.continueFrom("i-1", created(), T0, List.of(new TimelineEvent.Created(T0.plusSeconds(5), created()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already created");
    }

    private static InstanceSnapshot created() {
        return InstanceSnapshot.created("rds", "cn-hangzhou", "HighAvailability", "pg.n2.2c.2m", BillingMethod.PAY_AS_YOU_GO, 100, "cloud_essd");
    }

    /** A life of up to 40 changes of every kind (several in one second at times), sometimes ending in a release. */
    @Provide
    Arbitrary<List<TimelineEvent>> lives() {
        Arbitrary<long[]> step = Combinators.combine(Arbitraries.longs().between(0, 5_000).injectDuplicates(0.3),
                Arbitraries.integers().between(0, 11), Arbitraries.integers().between(1, 64))
                .as((gap, kind, value) -> new long[]{gap, kind, value});
        return step.list().ofMaxSize(40).map(steps -> {
            List<TimelineEvent> events = new ArrayList<>();
            Instant at = T0;
            events.add(new TimelineEvent.Created(at, created()));
            int n = 0;
            for (long[] s : steps) {
                at = at.plusSeconds(s[0] % 7 == 0 ? 0 : s[0]);
                int v = (int) s[2];
                events.add(switch ((int) s[1]) {
                    case 0 -> new TimelineEvent.StateChanged(at, v % 2 == 0 ? "Stopped" : "Running");
                    case 1 -> new TimelineEvent.SpecChanged(at, v % 2 == 0 ? "pg.n2.4c.2m" : "pg.n2.2c.2m", 20 * v, "cloud_essd");
                    case 2 -> new TimelineEvent.BillingMethodChanged(at, v % 2 == 0 ? BillingMethod.SERVERLESS : BillingMethod.PAY_AS_YOU_GO,
                            v % 2 == 0 ? "pg.n2.serverless.1c" : "pg.n2.2c.2m");
                    case 3 -> new TimelineEvent.RcuRangeChanged(at, BigDecimal.valueOf(v % 4, 0).multiply(new BigDecimal("0.5")),
                            BigDecimal.valueOf(v));
                    case 4 -> new TimelineEvent.RcuSampled(at, BigDecimal.valueOf(v, 1));
                    case 5 -> new TimelineEvent.ResourceCountChanged(at, v % 2 == 0 ? "topics" : "groups", v);
                    case 6 -> new TimelineEvent.EndpointAdded(at, "ep-" + (v % 3), v % 2 == 0);
                    case 7 -> new TimelineEvent.EndpointMarked(at, "ep-" + (v % 3));
                    case 8 -> new TimelineEvent.EndpointDeleted(at, "ep-" + (v % 3));
                    case 9 -> new TimelineEvent.EditionChanged(at, v % 2 == 0 ? "Basic" : "HighAvailability", "pg.n2.2c.2m");
                    case 10 -> new TimelineEvent.UsageRecorded(at, "calls", BigDecimal.valueOf(v), "e" + n++);
                    default -> v % 5 == 0 ? new TimelineEvent.Released(at) : new TimelineEvent.RcuSampled(at, BigDecimal.valueOf(v));
                });
                if (events.get(events.size() - 1) instanceof TimelineEvent.Released) {
                    break;
                }
            }
            return events;
        });
    }
}
