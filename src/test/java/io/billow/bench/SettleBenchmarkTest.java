package io.billow.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The settlement benchmark still runs end to end, fresh and with history (its speed is measured by running it, not here). */
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

    @Test
    void aRunWithHistorySettlesTheNextHourAgainstThePlainSqlBaselineWithEqualLinesAndConsistentFigures() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        SettleBenchmark.run(1_000, 1, null, null, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        Matcher billow = find(out, "settlement: 1,000 instance-hours in [0-9.]+ s = ([0-9,]+) instance-hours/s; ([0-9,]+) bills, ([0-9,]+) lines");
        Matcher sql = find(out, "plain SQL settlement of the same 1,000 instance-hours: [0-9.]+ s = ([0-9,]+) instance-hours/s; "
                + "([0-9,]+) bills, ([0-9,]+) lines");
        Matcher copy = find(out, "raw COPY of the same ([0-9,]+) lines into an identically indexed table: [0-9.]+ s = [0-9,]+ rows/s");
        Matcher history = find(out, "history: 1 days of bills in place before the hour \\(([0-9,]+) bills of this fleet; 1 days asked for\\)");
        // the baseline settles the same hour of the same fleet: the same bills and lines, and the lines compare equal
        assertThat(sql.group(2)).isEqualTo(billow.group(2));
        assertThat(sql.group(3)).isEqualTo(billow.group(3));
        assertThat(copy.group(1)).isEqualTo(billow.group(3));
        assertThat(out).containsPattern("SQL baseline's lines equal Billow's: " + number(billow.group(3)) + " lines, amounts [0-9.]+ in both, "
                + "0 differing");
        // the fleet is unchanged through its day of history, so each of its 24 hours has the same bills: those of the hour,
        // but for the few of the fleet's 10 % changing in the hour whose change makes them bill (a topic count, say)
        long historyBills = number(history.group(1));
        assertThat(historyBills % 24).isZero();
        assertThat(historyBills / 24).isBetween(number(billow.group(2)) - 100, number(billow.group(2)));
        double ratio = Double.parseDouble(find(out, "instance-hours/s ÷ plain SQL instance-hours/s\\): ([0-9.]+)").group(1));
        assertThat(ratio).isCloseTo((double) number(billow.group(1)) / number(sql.group(1)), org.assertj.core.data.Offset.offset(0.01));
        assertThat(out).containsPattern("ratio \\(settlement lines/s ÷ COPY rows/s\\): [0-9]+\\.[0-9]{2}");
    }

    private static Matcher find(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertThat(m.find()).as("output has /%s/:%n%s", regex, out).isTrue();
        return m;
    }

    private static long number(String withCommas) {
        return Long.parseLong(withCommas.replace(",", ""));
    }

    private static List<Path> benchDirectories(Path tmp) throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("billow-bench-")).sorted().toList();
        }
    }
}
