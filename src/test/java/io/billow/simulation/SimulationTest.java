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
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        Simulation.Summary s = Simulation.run(data, new Simulation.Options(3, 1, 60, 1, 25),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(s.failures()).as(report).isEmpty();
        assertThat(s.kills()).as(report).isGreaterThanOrEqualTo(1);
        assertThat(s.invariantChecks()).isEqualTo(3 * 60);
        assertThat(report).contains("seeds 3, steps per seed 60");
    }
}
