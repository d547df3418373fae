package io.billow.cli;

import io.billow.simulation.Simulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code billow simulate}: seeded whole-system runs against a real server that is killed and restarted on the way. */
@Command(name = "simulate", description = "Run seeded simulations against a real Billow and check its invariants.")
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--seeds", defaultValue = "10", description = "How many seeds to run (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "1", description = "The first seed (default ${DEFAULT-VALUE}).")
    long firstSeed;

    @Option(names = "--steps", defaultValue = "200", description = "Steps per seed (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--check-every", defaultValue = "1", description = "Steps between invariant checks (default ${DEFAULT-VALUE}).")
    int checkEvery;

    @Option(names = "--kill-every", defaultValue = "40",
            description = "On average one process kill in this many steps; 0 for none (default ${DEFAULT-VALUE}).")
    int killEvery;

    @Option(names = "--data", description = "Data directory of the simulated server (default: a new temporary one).")
    Path data;

    @Override
    public Integer call() throws IOException {
        if (seeds < 1 || steps < 1 || checkEvery < 1 || killEvery < 0) {
            throw new IllegalArgumentException("--seeds, --steps and --check-every must be at least 1, --kill-every at least 0");
        }
        Path dir = data != null ? data : Files.createTempDirectory("billow-simulation");
        System.out.println("Simulating on " + dir);
        Simulation.Summary s = Simulation.run(dir, new Simulation.Options(seeds, firstSeed, steps, checkEvery, killEvery), System.out);
        return s.failures().isEmpty() ? 0 : 1;
    }
}
