package io.billow.cli;

import io.billow.bench.RatingBenchmark;
import io.billow.bench.SettleBenchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.Callable;

/** {@code billow bench rating|settle}: measured figures, printed; never part of the tests. */
@Command(name = "bench", description = "Run a benchmark and print its figures.",
        subcommands = {BenchCommand.Rating.class, BenchCommand.Settle.class})
public final class BenchCommand implements Runnable {

    @Override
    public void run() {
        System.out.println("usage: billow bench rating | billow bench settle --instances N");
    }

    @Command(name = "rating", description = "Instance-hours rated per second on one core (JMH).")
    static final class Rating implements Callable<Integer> {
        @Option(names = "--quick", description = "Shorter warm-up and measurement.")
        boolean quick;

        @Override
        public Integer call() throws Exception {
            Collection<RunResult> results = new Runner(new OptionsBuilder()
                    .include(RatingBenchmark.class.getName())
                    .forks(1).threads(1)
                    .jvmArgsAppend("-Xmx1g")
                    .warmupIterations(quick ? 1 : 3).warmupTime(TimeValue.seconds(quick ? 2 : 5))
                    .measurementIterations(quick ? 2 : 5).measurementTime(TimeValue.seconds(quick ? 2 : 5))
                    .build()).run();
            for (RunResult r : results) {
                double perSecond = r.getPrimaryResult().getScore();
                double error = r.getPrimaryResult().getScoreError();
                System.out.printf("rating: %,.0f instance-hours/s on one core (± %,.0f); aim 2,000,000 → ratio %.2f%n",
                        perSecond, error, perSecond / 2_000_000.0);
            }
            return 0;
        }
    }

    @Command(name = "settle", description = "Settle one period of N instances; compare with raw COPY on the same database.")
    static final class Settle implements Callable<Integer> {
        @Option(names = "--instances", defaultValue = "100000", description = "Instances to settle (default ${DEFAULT-VALUE}).")
        int instances;

        @Option(names = "--db-url", description = "External PostgreSQL (default: embedded, in a temporary directory).")
        String dbUrl;

        @Option(names = "--data", description = "Data directory for the embedded database (default: a temporary one).")
        Path data;

        @Override
        public Integer call() throws Exception {
            SettleBenchmark.run(instances, dbUrl, data, System.out);
            return 0;
        }
    }
}
