package io.billow.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The API benchmark still runs end to end, and every request of its mix is answered as asked (its speed is measured by running it). */
class ApiBenchmarkTest {

    @Test
    void aShortRunAnswersEveryRequestOfTheMixAndReportsTheRatio() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ApiBenchmark.Result r = ApiBenchmark.run(new ApiBenchmark.Settings(2, 3, 0.5, 0.5, 3, null, null, null),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(r.serverErrors()).isZero();
        assertThat(r.failures()).isEmpty();
        assertThat(r.requests()).isPositive();
        assertThat(r.commitsPerSecond()).isPositive();
        for (String request : new String[]{"describe instances", "describe attribute", "record usage", "create", "modify spec"}) {
            assertThat(out).containsPattern("(?m)^" + request + " +[1-9][0-9,]* ");
        }
        assertThat(out).containsPattern("ratio API/commits: [0-9]+\\.[0-9]{2}");
    }

    @Test
    void againstARunningServerItNeedsThatServersKeyAndDatabase() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ApiBenchmark.Settings(8, 30, 10, 5, 20, "http://127.0.0.1:8080", null, null))
                .hasMessageContaining("--operator-key").hasMessageContaining("--db-url");
    }
}
