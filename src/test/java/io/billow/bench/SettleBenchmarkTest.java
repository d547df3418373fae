package io.billow.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The settlement benchmark still runs end to end (its speed is measured by running it, not here). */
class SettleBenchmarkTest {

    @Test
    void aSmallRunSettlesEveryInstanceReportsBothRatesAndLeavesNoDatabaseBehind() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> before = benchDirectories(tmp);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        SettleBenchmark.run(3_000, null, null, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("settlement: 3,000 instance-hours in ");
        assertThat(out).containsPattern("raw COPY of the same [0-9,]+ lines");
        assertThat(out).containsPattern("ratio \\(settlement lines/s ÷ COPY rows/s\\): [0-9]+\\.[0-9]{2}");
        assertThat(out).contains("CPU: Billow ");
        assertThat(benchDirectories(tmp)).isEqualTo(before);
    }

    private static List<Path> benchDirectories(Path tmp) throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("billow-bench-")).sorted().toList();
        }
    }
}
