package io.billow.cli;

import io.billow.bench.ApiBenchmark;
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
        subcommands = {BenchCommand.Rating.class, BenchCommand.Settle.class, BenchCommand.Api.class})
public final class BenchCommand implements Runnable {

    @Override
    public void run() {
        System.out.println("usage: billow bench rating | billow bench settle --instances N | billow bench api --clients N");
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

        @Option(names = "--history-days", defaultValue = "0",
                description = "Days of the fleet's hourly bills in place before the settled hour (default ${DEFAULT-VALUE}).")
        int historyDays;

        @Option(names = "--db-url", description = "External PostgreSQL (default: embedded, in a temporary directory).")
        String dbUrl;

        @Option(names = "--data", description = "Data directory for the embedded database (default: a temporary one).")
        Path data;

        @Override
        public Integer call() throws Exception {
            SettleBenchmark.run(instances, historyDays, dbUrl, data, System.out);
            return 0;
        }
    }

    @Command(name = "api", description = "Signed clients doing a mix of RPC calls; throughput and latency next to the database's commit rate.")
    static final class Api implements Callable<Integer> {
        @Option(names = "--clients", defaultValue = "8", description = "Concurrent clients, each with its own account (default ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--seconds", defaultValue = "30", description = "Measured seconds (default ${DEFAULT-VALUE}).")
        double seconds;

        @Option(names = "--warm-up-seconds", defaultValue = "10", description = "Unmeasured seconds first (default ${DEFAULT-VALUE}).")
        double warmUpSeconds;

        @Option(names = "--commit-seconds", defaultValue = "5",
                description = "Seconds of the commit-rate probe, run before and after (default ${DEFAULT-VALUE}).")
        double commitSeconds;

        @Option(names = "--instances", defaultValue = "20", description = "Pay-as-you-go instances each client starts with (default ${DEFAULT-VALUE}).")
        int instances;

        @Option(names = "--url", description = "A running server (default: one of its own on an embedded database).")
        String url;

        @Option(names = "--operator-key", description = "The running server's operator key (with --url).")
        String operatorKey;

        @Option(names = "--db-url", description = "The running server's database, for the commit-rate probe (with --url).")
        String dbUrl;

        @Override
        public Integer call() throws Exception {
            ApiBenchmark.Result r = ApiBenchmark.run(new ApiBenchmark.Settings(clients, seconds, warmUpSeconds, commitSeconds, instances,
                    url, operatorKey, dbUrl), System.out);
            return r.serverErrors() == 0 ? 0 : 1;
        }
    }
}
