package io.billow.bench;

import io.billow.catalog.Catalog;
import io.billow.catalog.CatalogLoader;
import io.billow.metering.Meter;
import io.billow.rating.CycleTotals;
import io.billow.rating.PeriodBill;
import io.billow.rating.Rater;
import io.billow.time.SettlementZone;
import io.billow.timeline.Timeline;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.Random;

/**
 * Rating throughput: instance-hours metered, rated and totalled per second on one thread, over
 * a mix of every priced product and class with 10 % of instances changing mid-hour.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
public class RatingBenchmark {

    static final int INSTANCES = 10_000;

    private Timeline[] timelines;
    private BenchmarkFleet.Shape[] shapes;
    private Rater rater;
    private Rater.Pricing[] pricing;

    @Setup
    public void setUp() {
        Catalog catalog = CatalogLoader.fromClasspath();
        List<BenchmarkFleet.Shape> mix = BenchmarkFleet.shapes(catalog, "USD");
        Random random = new Random(42);
        timelines = new Timeline[INSTANCES];
        shapes = new BenchmarkFleet.Shape[INSTANCES];
        pricing = new Rater.Pricing[INSTANCES];
        for (int i = 0; i < INSTANCES; i++) {
            BenchmarkFleet.Shape s = mix.get(i % mix.size());
            shapes[i] = s;
            timelines[i] = BenchmarkFleet.timeline("i-" + i, s, 10, random);
            pricing[i] = new Rater.Pricing(s.product().code(), s.region(), "USD");
        }
        rater = new Rater(catalog.prices());
    }

    @Benchmark
    @OperationsPerInvocation(INSTANCES)
    public void rateOneHourOfTheFleet(Blackhole hole) {
        for (int i = 0; i < INSTANCES; i++) {
            var metered = Meter.measure(timelines[i], shapes[i].product(), BenchmarkFleet.HOUR, SettlementZone.UTC);
            hole.consume(PeriodBill.of(timelines[i].instanceId(), BenchmarkFleet.HOUR, "USD",
                    rater.rate(metered, pricing[i], java.util.Map.of()), CycleTotals.EMPTY));
        }
    }
}
