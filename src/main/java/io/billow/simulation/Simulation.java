package io.billow.simulation;

import io.billow.cli.ApiClient;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Seeded whole-system simulation: each seed's step stream runs against one real {@code billow
 * serve} process on the embedded database, which is killed and restarted on the way; the
 * invariants are checked every few steps, after each restart and at the end of each seed.
 */
public final class Simulation {

    /** What a run found. */
    public record Summary(int seeds, int stepsPerSeed, int kills, long invariantChecks, List<String> failures) {
        public String describe() {
            return "seeds " + seeds + ", steps per seed " + stepsPerSeed + ", kills " + kills + ", invariant checks " + invariantChecks
                    + ", failures " + failures.size();
        }
    }

    /** How a run is shaped: {@code checkEvery} steps between checks; on average a kill every {@code killEvery} steps (0: none). */
    public record Options(int seeds, long firstSeed, int steps, int checkEvery, int killEvery) {
    }

    private static final String ADMIN_KEY = "simulation-operator-key";
    private static final Instant CLOCK_START = Instant.parse("2026-04-01T00:00:00Z");
    private static final long DAY = 86_400;

    private Simulation() {
    }

    /** Runs the seeds on a server over {@code data}, printing a line per seed and every failure with how to reproduce it. */
    public static Summary run(Path data, Options options, PrintStream out) {
        List<String> failures = new ArrayList<>();
        long checks = 0;
        int kills = 0;
        try (ServeProcess serve = ServeProcess.start(data, ADMIN_KEY, CLOCK_START.toString())) {
            ApiClient operator = new ApiClient(serve.url(), ADMIN_KEY);
            for (int s = 0; s < options.seeds(); s++) {
                long seed = options.firstSeed() + s;
                ServerKills serverKills = new ServerKills(serve);
                InvariantChecker checker = new InvariantChecker(operator);
                List<String> found = runSeed(seed, options, operator, serverKills, checker);
                for (String f : found) {
                    String line = "seed " + seed + ": " + f + " (reproduce: billow simulate --seeds 1 --first-seed " + seed + " --steps "
                            + options.steps() + ")";
                    failures.add(line);
                    out.println("FAILED " + line);
                }
                checks += checker.checks();
                kills += serverKills.kills();
                out.println("seed " + seed + ": " + options.steps() + " steps, " + serverKills.kills() + " kills, " + checker.checks()
                        + " invariant checks, " + found.size() + " failures");
            }
        }
        Summary summary = new Summary(options.seeds(), options.steps(), kills, checks, failures);
        out.println(summary.describe());
        return summary;
    }

    /** One seed's steps; stops at the first broken invariant, since what follows it proves nothing more. */
    private static List<String> runSeed(long seed, Options options, ApiClient operator, ServerKills kills, InvariantChecker checker) {
        World world = new World("sim" + seed);
        startOfNextDay(operator);
        Driver driver = new Driver(operator, world, kills);
        List<Step> steps = new StepGenerator(seed, options.killEvery()).steps(options.steps());
        for (Step step : steps) {
            Optional<String> failed;
            try {
                failed = driver.run(step);
            } catch (RuntimeException e) {
                failed = Optional.of(step + " failed: " + e.getMessage());
            }
            if (failed.isPresent()) {
                return List.of("step " + failed.get());
            }
            boolean due = step.kind() == Step.Kind.KILL || (step.index() + 1) % options.checkEvery() == 0 || step.index() == steps.size() - 1;
            if (due) {
                List<String> broken = checker.check(world);
                if (!broken.isEmpty()) {
                    return broken.stream().map(b -> "after step " + step + ": " + b).toList();
                }
            }
        }
        return List.of();
    }

    /** Each seed starts at a midnight, so that its stream meets the same hour and day boundaries wherever it runs. */
    private static void startOfNextDay(ApiClient operator) {
        Instant now = ServerKills.now(operator);
        Instant midnight = Instant.ofEpochSecond((now.getEpochSecond() / DAY + 1) * DAY);
        operator.post("/api/v1/clock", "{\"to\":\"" + midnight + "\"}");
    }
}
