package io.billow.simulation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A bounded simulation, as CI runs it: a few seeds against a real server killed and restarted on the way, no invariant broken. */
class SimulationTest {

    @Test
    void aFewSeedsWithKillsBreakNoInvariant(@TempDir Path data) {
        // Seeds 10 and 11 at one kill in 40 steps place three kills (restarts dominate the run's time).
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        Simulation.Summary s = Simulation.run(data, new Simulation.Options(2, 10, 50, 1, 40),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(s.failures()).as(report).isEmpty();
        assertThat(s.kills()).as(report).isGreaterThanOrEqualTo(1);
        assertThat(s.invariantChecks()).isEqualTo(2 * 50);
        assertThat(report).contains("seeds 2, steps per seed 50");
    }
}
